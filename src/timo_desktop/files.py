"""Writing a file whole: all of it, or (a full disk, a refused folder) nothing new."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path


def write_whole(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file beside it, renamed
    into place once complete and on disk: a failure raises `OSError` and leaves the file as
    it was, with no part-written file behind. `private`: one of Timo's own files, readable by
    its owner only, its folder made if need be (owner-only too); else a file the user chose
    (an export), with the usual permissions (the umask's, or those of the file it
    replaces), in a folder that must exist.

    A symbolic link is followed: the file it points to is the one replaced, beside itself
    (a dangling link's target is made). Something there that is not a regular file (a
    FIFO, a device, a socket, `/dev/stdout` a pipe) is written to as it is, never replaced
    or deleted."""
    encoded = data.encode("utf-8") if isinstance(data, str) else data
    if private:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Looked at before the links are resolved: /dev/stdout on a pipe resolves to a name
    # (`/proc/self/fd/pipe:[N]`) where nothing is, which read as a file still to make.
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG  # nothing there yet (or a dangling link): made as a regular file
        kept = None
    else:
        kept = stat.S_IMODE(mode)  # a file replaced keeps who may read it
    if not stat.S_ISREG(mode):
        _write_in_place(path, encoded)
        return
    path = Path(os.path.realpath(path))
    folder = path.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(encoded)
            out.flush()
            os.fsync(out.fileno())
        if not private:  # mkstemp makes it owner-only; an export is the user's to share
            if kept is None:
                umask = os.umask(0)
                os.umask(umask)
                kept = 0o666 & ~umask
            os.chmod(temporary, kept)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _write_in_place(path: Path, data: bytes) -> None:
    """Write `data` into what is at `path` (a FIFO, a device): opened without creating or
    truncating, so nothing is made in its place should it go meanwhile; a write refused
    (a full device) raises `OSError` as any other failure does."""
    with os.fdopen(os.open(path, os.O_WRONLY), "wb") as out:
        out.write(data)


def keep_private(path: Path) -> None:
    """Make one of Timo's own files readable by its owner only, if an older Timo wrote it
    for everyone to read (as it did with who is signed in); nothing where it cannot."""
    with suppress(OSError):
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(0o600)
