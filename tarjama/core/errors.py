"""One exception hierarchy; each kind carries the exit code the CLI returns.

Exit codes (documented in the manual, reference/cli.md):

====  ==========================================================
0     success
1     ``check`` found errors, or some locale failed to build
2     usage error (bad option, unknown locale on the command line)
3     configuration error (``tarjama.toml`` / ``[tool.tarjama]``)
4     source error (front matter, Markdown article)
5     catalog error (PO/POT syntax)
6     render error (pandoc, Typst, template)
7     unsafe path (would read or write outside the project)
8     file system error (read-only folder, disk full, permission denied)
====  ==========================================================
"""

from __future__ import annotations

from pathlib import Path


class TarjamaError(Exception):
    """Root of every error tarjama reports to a user (never a bug)."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self) -> tuple[object, ...]:
        # keep the location when the error crosses a process boundary (parallel work)
        return (self.__class__, (self.message,), {"path": self.path, "line": self.line})

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class UsageError(TarjamaError):
    exit_code = 2


class ConfigError(TarjamaError):
    exit_code = 3


class SourceError(TarjamaError):
    exit_code = 4


class CatalogError(TarjamaError):
    exit_code = 5


class RenderError(TarjamaError):
    exit_code = 6


class UnsafePathError(TarjamaError):
    exit_code = 7


class FileSystemError(TarjamaError):
    exit_code = 8
