"""Dates as tarjama writes them: an edition's date as the Unix time that fixes every
timestamp in the books, and an article's date as its locale writes it in full."""

from __future__ import annotations

import datetime as dt
import functools

from tarjama.core import locales as loc
from tarjama.core.errors import RenderError

_DEFAULT_EPOCH = 946684800  # 2000-01-01, when an edition has no date


def epoch(date_iso: str) -> int:
    """The edition's date in Unix seconds, which fixes every timestamp in EPUB and PDF."""
    if not date_iso:
        return _DEFAULT_EPOCH
    try:
        when = dt.datetime.fromisoformat(date_iso)
    except ValueError:
        raise RenderError(f"edition date {date_iso!r} is not an ISO 8601 date") from None
    return int((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp())


@functools.lru_cache(maxsize=1024)
def long_date(iso: str, locale: str, digits: str) -> str:
    """*iso* as the locale writes a date in full (CLDR's long format), in the digits the
    locale's page and footnote numbers use."""
    from babel.dates import format_date

    if not iso:
        return ""
    text = format_date(dt.date.fromisoformat(iso), format="long", locale=loc.babel_locale(locale))
    return loc.localize_digits(text, digits)
