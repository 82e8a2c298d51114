"""The parts of job keys that several outputs of a locale share, computed once a build.

A key is the digest of everything an output depends on (:func:`tarjama.core.keys.digest`):
the edition's settings and interface strings, the merge records of its articles, its
images, the templates, the links between locales. An output whose key is unchanged is
not made again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjama.core.keys import digest
from tarjama.publish import site
from tarjama.publish.outputs.base import Context
from tarjama.publish.plan import Plan
from tarjama.publish.records import MergeRecord
from tarjama.render.contract import Edition

BOOKS = ("epub", "pdf")


def edition_key(edition: Edition) -> dict[str, Any]:
    """What every output of an edition depends on."""
    return {
        "locale": edition.locale,
        "title": edition.title,
        "description": edition.description,
        "dir": edition.direction,
        "ui": dict(edition.gettext) if isinstance(edition.gettext, dict) else {},
        # the plural forms and the Plural-Forms they are chosen by (a header-only edit)
        "forms": getattr(edition.gettext, "forms", {}),
        "plurals": getattr(getattr(edition.gettext, "plural_forms", None), "header", ""),
        "date": edition.date_iso,
        "sections": edition.sections,
        "fonts": edition.fonts,
        "digits": edition.digits,
        "front": dataclasses.asdict(edition.front),
    }


@dataclass(frozen=True)
class LocaleKeys:
    """One locale's shared key parts: its edition (with the cover's bytes), the records of
    the articles it publishes, its images (relative path -> digest of the file), and what
    every page depends on (the edition, the templates, the links between locales)."""

    edition: str
    records: tuple[MergeRecord, ...]
    media: dict[str, str]
    shared: tuple[str, str, str]


def locale_keys(ctx: Context, locale: str) -> LocaleKeys:
    """*locale*'s :class:`LocaleKeys` (once per build)."""
    memo = ("locale-keys", locale)
    if memo not in ctx.memo:
        ctx.memo[memo] = _locale_keys(ctx, ctx.plans[locale])
    found: LocaleKeys = ctx.memo[memo]
    return found


def _locale_keys(ctx: Context, plan: Plan) -> LocaleKeys:
    config, state = ctx.config, ctx.state
    cover = plan.edition.front.cover
    cover_digest = state.file_digest(Path(cover)) if cover else ""
    edition = digest(edition_key(plan.edition), cover_digest)  # once, not in every job's key
    records = tuple(plan.records[s] for s in plan.published)
    source = config.source_dir.resolve()
    variants = dict(plan.edition.media_variants)
    media = {
        relative: state.file_digest(source / variants.get(relative, relative))
        for record in records
        for relative in (*record.media, *record.files)  # the site has the files linked to
    }
    links = digest(config.base_url, config.source_locale, list(ctx.plans), ctx.templates)
    return LocaleKeys(edition, records, media, (edition, ctx.templates, links))


def book_key(ctx: Context, locale: str, fmt: str) -> str | None:
    """The key of *locale*'s book in *fmt* (None when the build makes no such book)."""
    plan = ctx.plans[locale]
    if fmt not in ctx.formats or not plan.published:
        return None
    keys = locale_keys(ctx, locale)
    inputs = [record.inputs for record in keys.records]  # a record is what its inputs make it
    parts = (inputs, keys.edition, ctx.templates, sorted(keys.media.items()))
    return digest(fmt, plan.published, *parts)


def listed(records: tuple[MergeRecord, ...]) -> list[tuple[object, ...]]:
    """What an index or a feed shows of each article: its title and summary (with their
    languages) and date. An edit of a body alone changes none of it."""
    return [(r.title, r.summary, r.title_lang, r.summary_lang, r.date_text) for r in records]


def languages(ctx: Context, slug: str | None, locale: str) -> list[Any]:
    """What the switcher and the alternates of a page depend on: which locales it lists,
    and which of them have the page."""
    plans = ctx.plans
    return [(locale, site.publishing(plans, slug))] + [
        (link.locale, link.missing) for link in site.switcher(plans, slug, locale)
    ]
