"""The EPUB's zip container, written directly: ``mimetype`` first and stored, every other
entry deflated, in a fixed order with fixed dates, so the same files give the same bytes.

Deflating the embedded fonts cost more than anything else in a one-chapter rebuild, so
large entries are deflated once and kept by the digest of their bytes (in memory and in
the cache folder).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.keys import digest

_KEEP_ABOVE = 64 * 1024  # entries larger than this are deflated once and kept
_MEMORY: dict[str, tuple[int, bytes]] = {}


def _deflate(data: bytes, cache: Path | None) -> tuple[int, bytes]:
    """(CRC-32, raw deflate) of *data*, from memory or *cache* when it is large."""
    if len(data) <= _KEEP_ABOVE:
        return zlib.crc32(data), _raw_deflate(data)
    key = digest(data)
    if key in _MEMORY:
        return _MEMORY[key]
    stored = cache / "deflated" / key if cache is not None else None
    if stored is not None and stored.is_file():
        packed = stored.read_bytes()
        _MEMORY[key] = (int.from_bytes(packed[:4], "little"), packed[4:])
        return _MEMORY[key]
    result = zlib.crc32(data), _raw_deflate(data)
    if stored is not None:
        write_bytes_atomic(stored, result[0].to_bytes(4, "little") + result[1])
    _MEMORY[key] = result
    return result


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _dos_time(stamp: int) -> tuple[int, int]:
    """(time, date) in MS-DOS form, as zip headers keep them (from 1980 on)."""
    when = dt.datetime.fromtimestamp(max(stamp, 315532800), dt.UTC)
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    return time, date


def zip_epub(files: dict[str, bytes], stamp: int, *, cache: Path | None = None) -> bytes:
    """The EPUB's bytes: ``mimetype``, ``META-INF/container.xml``, then the rest sorted."""
    time, date = _dos_time(stamp)
    order = sorted(files, key=lambda p: (p != "META-INF/container.xml", p))
    entries = [("mimetype", b"application/epub+zip", False)]
    entries += [(path, files[path], True) for path in order]
    out, central = bytearray(), bytearray()
    for name, data, deflate in entries:
        crc, body = _deflate(data, cache) if deflate else (zlib.crc32(data), data)
        raw, method = name.encode("utf-8"), 8 if deflate else 0
        fields = (20, 0x800, method, time, date, crc, len(body), len(data), len(raw))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw + body
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, *fields, 0, 0, 0, 0, 0o644 << 16, offset
        )
        central += raw
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)
