"""The translation status page: one HTML page with each locale's progress, by section
and article, as bars of translated, fuzzy and untranslated words (inline SVG, with the
figures in a table beside them for screen readers), and what changed since a revision.

``tarjama stats --format html`` writes it to ``build/status.html``, where the articles'
links lead to the built pages; the preview makes it when it is asked for
(``http://127.0.0.1:8000/status.html``), where they lead into the translator overlay.
Its interface is in the locale ``--ui`` names (right to left for Arabic or Urdu), through
that locale's ``ui.po``, as every page is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.catalog.paths import UI_DOMAIN
from tarjama.catalog.project import stats
from tarjama.catalog.stats import Stats
from tarjama.core import locales as cldr
from tarjama.core.config import Config
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.templates import project_templates
from tarjama.merge.ui import ui_translations
from tarjama.render.document.jinja import render_template


@dataclass(frozen=True)
class Part:
    kind: str  # done, fuzzy, todo
    x: float
    width: float


def write_status_page(
    config: Config,
    out: Path,
    *,
    locales: list[str],
    ui: str | None = None,
    since: str | None = None,
) -> bool:
    """Write the status page to *out*; whether the file changed."""
    ui = ui or config.source_locale
    direction = cldr.direction(ui)
    rows, _ = stats(config, locales)
    changed = []
    if since:
        from tarjama.catalog.since import changed_since

        changed = changed_since(config, since, locales)
    gettext = ui_translations(config, ui)
    shown = []
    for locale in locales:
        mine = [r for r in rows if r.locale == locale]
        shown.append(
            {
                "code": locale,
                "lang": cldr.bcp47(locale),
                "name": cldr.display_name(locale),
                "direction": cldr.direction(locale),
                "rows": [_row(r, locale, direction) for r in _ordered(mine)],
                "changed": [
                    {
                        "text": _short(c.msgid),
                        "state": gettext(c.state),
                        "href": f"{locale}/{c.slug}.html",
                    }
                    for c in changed
                    if c.locale == locale
                ],
            }
        )
    html = render_template(
        project_templates(config.templates_dir),
        "html/status.html",
        gettext=gettext,
        lang=cldr.bcp47(ui),
        direction=direction,
        title=gettext(config.title),
        source={
            "lang": cldr.bcp47(config.source_locale),
            "name": cldr.display_name(config.source_locale),
            "direction": cldr.direction(config.source_locale),
        },
        locales=shown,
        since=since,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(out, html)


def _ordered(rows: list[Stats]) -> list[Stats]:
    """The locale's total first, then sections and their articles in path order, the
    interface last."""
    total = [r for r in rows if r.domain == "total"]
    ui = [r for r in rows if r.domain == UI_DOMAIN]
    rest = sorted(
        (r for r in rows if r.domain not in ("total", UI_DOMAIN)),
        key=lambda r: r.domain.rstrip("/").split("/"),
    )
    return [*total, *rest, *ui]


def _row(row: Stats, locale: str, direction: str) -> dict[str, object]:
    words = max(row.words, 1)
    done, fuzzy = row.translated_words, row.fuzzy_words
    todo = max(row.words - done - fuzzy, 0)
    parts, position = [], 0.0
    for kind, count in (("done", done), ("fuzzy", fuzzy), ("todo", todo)):
        width = 100.0 * count / words
        # in a right-to-left page the bar fills from the right, as the text reads
        x = 100.0 - position - width if direction == "rtl" else position
        parts.append(Part(kind, round(x, 2), round(width, 2)))
        position += width
    kind = {"total": "total", UI_DOMAIN: "ui"}.get(row.domain, "")
    kind = kind or ("section" if row.domain.endswith("/") else "article")
    return {
        "kind": kind,
        "label": row.domain,
        "href": f"{locale}/{row.domain}.html" if kind == "article" else "",
        "parts": parts,
        "done": done,
        "fuzzy": fuzzy,
        "todo": todo,
        "done_pct": round(100.0 * done / words),
        "fuzzy_pct": round(100.0 * fuzzy / words),
    }


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 90 else flat[:89] + "…"
