"""Build state: content hashes of inputs, cached merge results and the key of every output.

The state lives in ``.cache/`` and is only an optimisation: deleting it (or the
build folder) is always safe, the next build just does more work. A file's digest
is trusted while its size and modification time are unchanged, as git does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tarjama import __version__
from tarjama.fsutil import write_text_atomic

FORMAT = 3


def digest(*parts: object) -> str:
    """A short stable hash of *parts* (strings, bytes, or JSON-able data).

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, bytes):
            data = b"b" + part
        elif isinstance(part, str):
            data = b"s" + part.encode("utf-8", "surrogatepass")
        else:
            data = b"j" + json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class BuildState:
    """What the last build saw and produced; loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data: dict[str, Any] = {}
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        if data.get("format") != FORMAT or data.get("version") != __version__:
            data = {}  # another tarjama wrote it: start afresh
        self.files: dict[str, list[Any]] = data.get("files", {})
        self.merged: dict[str, dict[str, Any]] = data.get("merged", {})
        self.outputs: dict[str, str] = data.get("outputs", {})

    def file_digest(self, path: Path) -> str:
        """Digest of *path*'s bytes ("missing" if it does not exist)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return "missing"
        key = str(path)
        seen = self.files.get(key)
        if seen and seen[0] == stat.st_mtime_ns and seen[1] == stat.st_size:
            return str(seen[2])
        value = digest(path.read_bytes())
        self.files[key] = [stat.st_mtime_ns, stat.st_size, value]
        return value

    def up_to_date(self, output: Path, key: str) -> bool:
        """Whether *output* exists and was last built from inputs with this *key*."""
        return self.outputs.get(str(output)) == key and output.exists()

    def save(self) -> bool:
        """Write the state (only if it changed); returns whether it wrote."""
        data = {
            "format": FORMAT,
            "version": __version__,
            "files": self.files,
            "merged": self.merged,
            "outputs": self.outputs,
        }
        return write_text_atomic(self.path, json.dumps(data, sort_keys=True, ensure_ascii=False))
