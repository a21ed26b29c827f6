"""Writing a file whole: all of it, or (a full disk, a refused folder) nothing new."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path


def write_whole(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file beside it, renamed
    into place once complete and on disk: a failure raises `OSError` and leaves the file as
    it was, with no part-written file behind. `private`: one of Timo's own files, readable by
    its owner only, its folder made if need be (owner-only too); else a file the user chose
    (an export), with the usual permissions (the umask's), in a folder that must exist."""
    folder = path.parent
    if private:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        if not private:  # mkstemp makes it owner-only; an export is the user's to share
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def keep_private(path: Path) -> None:
    """Make one of Timo's own files readable by its owner only, if an older Timo wrote it
    for everyone to read (as it did with who is signed in); nothing where it cannot."""
    with suppress(OSError):
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(0o600)
