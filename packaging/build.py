"""Build Timo's bundle for this OS (`make package`).

    .venv/bin/python packaging/build.py

Runs PyInstaller on `packaging/timo.spec`, then makes the file people download:

- Linux:   dist/timo/timo, and dist/timo-<version>-linux-<arch>.tar.gz
- macOS:   dist/Timo.app, signed and notarised when the signing variables are
           set (see packaging/macos/sign_and_notarize.sh), zipped to
           dist/Timo-<version>-macos-<arch>.zip
- Windows: dist/timo/timo.exe + timow.exe, dist/Timo-<version>-windows-<arch>.zip
           and, where Inno Setup is installed, dist/Timo-<version>-windows-<arch>-setup.exe
"""

from __future__ import annotations

import gzip
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from versioning import dotted

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ONEDIR = DIST / "timo"
ICONS = ROOT / "src" / "timo_desktop" / "resources" / "icons"
INNO_DEFAULT = Path(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")


def arch() -> str:
    """`x86_64` / `arm64`, as people recognise it in a file name."""
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)


def source_date_epoch() -> int:
    """The build's timestamp: the last commit's, so the same commit gives the same archive."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def stamp_version() -> str:
    """Re-install Timo (editable, no dependencies) so setuptools-scm writes the version of
    the current commit, and return it: the bundle then names the commit it was built from."""
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)]
    subprocess.run(pip, check=True)
    read = [
        sys.executable,
        "-c",
        "from importlib.metadata import version as v; print(v('timo-desktop'))",
    ]
    return subprocess.run(read, capture_output=True, text=True, check=True).stdout.strip()


def run_pyinstaller() -> None:
    """Build the onedir bundle from the spec, from scratch."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller is not installed: run  .venv/bin/pip install -e '.[package]'")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(PACKAGING / "timo.spec"),
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK}",
    ]
    print("$", " ".join(command), flush=True)
    # A fixed hash seed keeps set-ordered outputs (base_library.zip) the same from
    # build to build, so one commit gives one bundle.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    # The editable install that stamps the version records where the build ran; the
    # bundle is no editable install, and that path is nobody's business.
    for record in DIST.glob("timo/**/timo_desktop-*.dist-info/direct_url.json"):
        record.unlink()


def _tar_filter(epoch: int) -> Callable[[tarfile.TarInfo], tarfile.TarInfo]:
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        # Same owner and time on every machine, so the archive identifies the commit.
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = epoch
        return info

    return normalise


def linux_tarball(name: str) -> Path:
    """`<name>.tar.gz`: the onedir build as `timo/`, plus .desktop file, icons and installer."""
    target = DIST / f"{name}.tar.gz"
    epoch = source_date_epoch()
    normalise = _tar_filter(epoch)
    extras = {
        "timo/install.sh": PACKAGING / "linux" / "install.sh",
        "timo/timo.desktop": PACKAGING / "linux" / "timo.desktop",
        **{f"timo/icons/{p.name}": p for p in sorted(ICONS.glob("timo-*.png"))},
    }
    with (
        open(target, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch) as zipped,
        tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for path in sorted(ONEDIR.rglob("*")):
            tar.add(path, f"timo/{path.relative_to(ONEDIR)}", recursive=False, filter=normalise)
        for arcname, path in extras.items():
            tar.add(path, arcname, recursive=False, filter=normalise)
    return target


def windows_artifacts(name: str, timo_version: str) -> list[Path]:
    """A portable zip of the onedir build, and the per-user installer where Inno Setup exists."""
    portable = DIST / f"{name}.zip"
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(ONEDIR.rglob("*")):
            archive.write(path, f"Timo/{path.relative_to(ONEDIR)}")
    made = [portable]
    iscc = shutil.which("iscc") or (str(INNO_DEFAULT) if INNO_DEFAULT.exists() else None)
    if iscc is None:
        print("Installer skipped: Inno Setup (ISCC.exe) is not installed.")
        return made
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={timo_version}",
            f"/DAppNumericVersion={dotted(timo_version, 4)}",
            f"/DSourceDir={ONEDIR}",
            f"/DOutputDir={DIST}",
            f"/DOutputName={name}-setup",
            str(PACKAGING / "windows" / "timo.iss"),
        ],
        check=True,
    )
    return [*made, DIST / f"{name}-setup.exe"]


def macos_artifacts(name: str) -> list[Path]:
    """Sign and notarise when configured, then zip the app."""
    target = DIST / f"{name}.zip"
    subprocess.run(
        [
            "bash",
            str(PACKAGING / "macos" / "sign_and_notarize.sh"),
            str(DIST / "Timo.app"),
            str(target),
        ],
        check=True,
    )
    return [target]


ARCHIVES = ("timo-*.tar.gz", "Timo-*.zip", "Timo-*-setup.exe")


def main() -> int:
    """Build the bundle and the downloadable archive for this OS; print what was made."""
    timo_version = stamp_version()
    print(f"Timo {timo_version}", flush=True)
    # Archives of earlier versions would sit beside the new one and be mistaken for it.
    for stale in (p for pattern in ARCHIVES for p in DIST.glob(pattern)):
        stale.unlink()
    run_pyinstaller()
    if sys.platform == "darwin":
        made = macos_artifacts(f"Timo-{timo_version}-macos-{arch()}")
    elif sys.platform == "win32":
        made = windows_artifacts(f"Timo-{timo_version}-windows-{arch()}", timo_version)
    else:
        made = [linux_tarball(f"timo-{timo_version}-linux-{arch()}")]
    for path in made:
        print(f"built {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
