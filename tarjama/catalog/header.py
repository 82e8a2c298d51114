"""A catalog's header as gettext writes it: its fields in gettext's order, and the fields
``update`` fills in or repairs."""

from __future__ import annotations

from collections.abc import Mapping

from tarjama.core import locales, plurals

HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
)


def merged_header(meta: Mapping[str, str], creation: str, language: str) -> dict[str, str]:
    """The old header with the template's date and the fields gettext needs filled in; a
    ``Plural-Forms`` that computes other than gettext's conventional one for the language
    is repaired (a wrong one picks the wrong form at run time); one that computes the
    same, however spelled (Weblate's ``plural=n > 1;``), stays as it is."""
    merged = dict(meta)
    merged["POT-Creation-Date"] = creation
    merged.setdefault("Language", language)
    merged["Language"] = merged["Language"] or language
    merged.setdefault("Content-Type", "text/plain; charset=UTF-8")
    expected = locales.plural_forms(language)
    try:
        current = plurals.parse(merged.get("Plural-Forms", ""))
        wrong = current != plurals.parse(expected) and not current.computes_as(
            plurals.parse(expected)
        )
    except ValueError:
        wrong = True
    if wrong:
        merged["Plural-Forms"] = expected
    order = {name: index for index, name in enumerate(HEADER_ORDER)}
    return dict(sorted(merged.items(), key=lambda kv: order.get(kv[0], len(order))))
