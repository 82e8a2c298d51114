"""The one content-key function: a short, stable digest of any plain data.

Every cache and every output key in tarjama is made here, so that two places never
spell "the same inputs" differently: strings, bytes and JSON-able data are told apart
and length-prefixed, dataclasses count by their fields.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json


def digest(*parts: object, size: int = 16) -> str:
    """A stable hash of *parts* (strings, bytes, or JSON-able data, dataclasses by their
    fields), as *size* bytes of hex.

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    >>> len(digest(b"x", size=5))
    10
    """
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        if isinstance(part, bytes):
            data = b"b" + part
        elif isinstance(part, str):
            data = b"s" + part.encode("utf-8", "surrogatepass")
        else:
            text = json.dumps(part, sort_keys=True, ensure_ascii=False, default=_plain)
            data = b"j" + text.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _plain(value: object) -> object:
    """JSON for what :func:`json.dumps` does not know: a dataclass by its fields (tuples
    as lists), the rest as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: list(v) if isinstance(v := getattr(value, f.name), tuple) else v
            for f in dataclasses.fields(value)
        }
    return str(value)
