"""Build state: content hashes of inputs, cached merge results and the key of every output.

The state lives in ``.cache/`` and is only an optimisation: deleting it (or the
build folder) is always safe, the next build just does more work. A file's digest
is trusted while its size and modification time are unchanged, as git does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tarjama.core import __version__
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.publish.records import FileStamp, MergeRecord, SourceRecord, to_json

FORMAT = 6  # 6: source records keep their findings and anchors, merge records their files


class BuildState:
    """What the last build saw and produced; loaded from and saved to one JSON file.

    ``files`` maps a path to its :class:`FileStamp`, ``sources`` a source file's name to
    its :class:`SourceRecord`, ``merges`` a (locale, slug) pair to its
    :class:`MergeRecord`, ``outputs`` an output path to the key it was built from.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, FileStamp] = {}
        self.sources: dict[str, SourceRecord] = {}
        self.merges: dict[tuple[str, str], MergeRecord] = {}
        self.outputs: dict[str, str] = {}
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") == FORMAT and data.get("version") == __version__:
                self._load(data)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            # unreadable, or written by another tarjama: start afresh
            self.files, self.sources, self.merges, self.outputs = {}, {}, {}, {}

    def _load(self, data: dict[str, Any]) -> None:
        self.files = {k: FileStamp.from_json(v) for k, v in data["files"].items()}
        self.sources = {k: SourceRecord.from_json(v) for k, v in data["sources"].items()}
        self.merges = {
            (locale, slug): MergeRecord.from_json(record)
            for locale, by_slug in data["merges"].items()
            for slug, record in by_slug.items()
        }
        self.outputs = {str(k): str(v) for k, v in data["outputs"].items()}

    def file_digest(self, path: Path) -> str:
        """Digest of *path*'s bytes ("missing" if it does not exist)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return "missing"
        key = str(path)
        seen = self.files.get(key)
        if seen and seen.mtime_ns == stat.st_mtime_ns and seen.size == stat.st_size:
            return seen.digest
        value = digest(path.read_bytes())
        self.files[key] = FileStamp(stat.st_mtime_ns, stat.st_size, value)
        return value

    def up_to_date(self, output: Path, key: str) -> bool:
        """Whether *output* exists and was last built from inputs with this *key*."""
        return self.outputs.get(str(output)) == key and output.exists()

    def save(self) -> bool:
        """Write the state (only if it changed); returns whether it wrote."""
        merges: dict[str, dict[str, Any]] = {}
        for (locale, slug), record in self.merges.items():
            merges.setdefault(locale, {})[slug] = to_json(record)
        data = {
            "format": FORMAT,
            "version": __version__,
            "files": {k: v.to_json() for k, v in self.files.items()},
            "sources": {k: to_json(v) for k, v in self.sources.items()},
            "merges": merges,
            "outputs": self.outputs,
        }
        return write_text_atomic(self.path, json.dumps(data, sort_keys=True, ensure_ascii=False))
