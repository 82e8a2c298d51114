"""File-system helpers: atomic writes that leave nothing half-written, and path safety."""

from __future__ import annotations

import errno
import functools
import os
import tempfile
from pathlib import Path

from tarjama.core.errors import FileSystemError, UnsafePathError


def write_bytes_atomic(path: Path, data: bytes, *, only_if_changed: bool = True) -> bool:
    """Write *data* to *path* through a temporary file and ``os.replace``.

    Returns whether the file was written: with *only_if_changed*, identical
    content leaves the file (and its modification time) alone.
    """
    if only_if_changed and path.is_file() and path.read_bytes() == data:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise
    return True


_HINTS = {
    errno.EROFS: "make the folder writable",
    errno.EACCES: "make the folder writable",
    errno.EPERM: "make the folder writable",
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some disk space",
}


def cannot_write(path: Path, exc: OSError) -> FileSystemError:
    """The one-line error for *exc*, raised while writing *path* (shown relative to the
    current folder when it is under it).

    >>> print(cannot_write(Path("/x/a.po"), OSError(28, "No space left")))  # doctest: +ELLIPSIS
    /x/a.po: cannot write: No space left; free some disk space, ...
    """
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    hint = _HINTS.get(exc.errno or 0, "check the folder")
    return FileSystemError(
        f"cannot write: {exc.strerror or exc}; {hint}, nothing was half-written",
        path=shown.as_posix(),
    )


def write_text_atomic(path: Path, text: str, *, only_if_changed: bool = True) -> bool:
    """UTF-8 text version of :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"), only_if_changed=only_if_changed)


def inside(root: Path, path: Path, *, what: str) -> Path:
    """Return *path* resolved, or raise :class:`UnsafePathError` if it escapes *root*.

    >>> inside(Path("/p"), Path("/p/a/b"), what="x").as_posix()
    '/p/a/b'
    """
    if path.name in ("", ".", ".."):
        resolved = path.resolve()
    else:
        # a build asks about thousands of files in a few folders: resolve each folder once
        resolved = _resolve_folder(path.parent) / path.name
        if resolved.is_symlink():
            resolved = resolved.resolve()
    root = _resolve_folder(root)
    if resolved != root and root not in resolved.parents:
        raise UnsafePathError(
            f"{what} {path} is outside the project {root}; keep it inside the project folder"
        )
    return resolved


def _resolve_folder(path: Path) -> Path:
    return _resolve_absolute(path) if path.is_absolute() else path.resolve()


@functools.lru_cache(maxsize=1024)
def _resolve_absolute(path: Path) -> Path:
    return path.resolve()
