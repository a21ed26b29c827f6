"""The Windows version resource of `timo.exe`, built from the package version.

`timo.spec` calls `version_info(VERSION)` so Explorer's Properties → Details
shows the same version as `timo --version`; there is no second copy to update.
"""

from __future__ import annotations

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)
from versioning import numeric_version

COMPANY = "Vmoox"
PRODUCT = "Timo"
DESCRIPTION = "Timo — time tracker for Vmoox"
LANGUAGE_UTF16 = (0x0409, 1200)  # US English, Unicode


def version_info(version: str, file_name: str) -> VSVersionInfo:
    """The version resource for the executable `file_name` of Timo `version`."""
    numbers = (*numeric_version(version), 0)
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
