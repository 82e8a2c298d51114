"""Where each segment shown in a page comes from: the preview overlay's JSON, and the
origins a renderer's message names (the PO entry, or the source line when it fell back)."""

from __future__ import annotations

import json

from tarjama.catalog.paths import po_path
from tarjama.core.config import Config
from tarjama.merge import LocalizedArticle


def origins(config: Config, locale: str, merged: LocalizedArticle) -> tuple[tuple[str, str], ...]:
    """Each segment's text and the PO entry (or source line) it comes from, for messages
    such as the renderer's missing-glyph error."""
    po = config.rel(po_path(config, locale, merged.slug))
    source = f"{config.rel(config.source_dir)}/{merged.slug}.md"
    return tuple(
        (p.text, f"{po}:{p.po_line}" if p.used and p.po_line else f"{source}:{p.segment.line}")
        for p in merged.placed
    )


def overlay_json(config: Config, locale: str, merged: LocalizedArticle) -> str:
    """What the preview overlay shows for each segment of a page (JSON)."""
    po = config.rel(po_path(config, locale, merged.slug))
    source = config.rel(config.source_dir)
    return json.dumps(
        [
            {
                "status": p.status,
                "used": p.used,
                "msgid": p.segment.text,
                "where": f"{po}:{p.po_line}" if p.po_line else po,
                "source": f"{source}/{merged.slug}.md:{p.segment.line}",
            }
            for p in merged.placed
        ],
        ensure_ascii=False,
        indent=0,
    )
