"""The Windows version resource of `timo.exe`, built from the package version.

`timo.spec` calls `version_info(VERSION)` so Explorer's Properties → Details
shows the same version as `timo --version`; there is no second copy to update.
"""

from __future__ import annotations

import re

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

COMPANY = "Vmoox"
PRODUCT = "Timo"
DESCRIPTION = "Timo — time tracker for Vmoox"
LANGUAGE_UTF16 = (0x0409, 1200)  # US English, Unicode


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers Windows wants: "1.2.3.dev4+g1a2b" → (1, 2, 3, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0].split(".dev")[0])[:3]]
    major, minor, patch = [*numbers, 0, 0, 0][:3]
    return (major, minor, patch, 0)


def version_info(version: str, file_name: str) -> VSVersionInfo:
    """The version resource for the executable `file_name` of Timo `version`."""
    numbers = numeric_version(version)
    strings = [
        StringStruct("CompanyName", COMPANY),
        StringStruct("FileDescription", DESCRIPTION),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", file_name.removesuffix(".exe")),
        StringStruct("LegalCopyright", f"© {COMPANY}"),
        StringStruct("OriginalFilename", file_name),
        StringStruct("ProductName", PRODUCT),
        StringStruct("ProductVersion", version),
    ]
    language, codepage = LANGUAGE_UTF16
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable(f"{language:04x}{codepage:04x}", strings)]),
            VarFileInfo([VarStruct("Translation", [language, codepage])]),
        ],
    )
