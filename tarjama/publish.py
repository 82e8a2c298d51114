"""Publish stage: plan every locale's edition, then render HTML, EPUB and PDF into build/.

One locale's broken catalog fails that locale only; the others still build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import polib
from babel.dates import format_date

from tarjama import locales as loc
from tarjama.config import Config
from tarjama.errors import SourceError, TarjamaError, UsageError
from tarjama.merge import LocalizedArticle, merge
from tarjama.project import UI_DOMAIN, Report, load_articles, po_path, read_catalog
from tarjama.pseudo import TRANSFORMS, pseudo_catalog
from tarjama.render import Chapter, Edition
from tarjama.segment import Article


@dataclass
class Plan:
    """One locale's edition and the merged articles behind it."""

    edition: Edition
    merged: dict[str, LocalizedArticle] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)


def ui_translations(config: Config, locale: str) -> dict[str, str]:
    """Translated, non-fuzzy interface strings of ``translations/<locale>/ui.po``."""
    if locale in TRANSFORMS:
        from tarjama.uistrings import extract_ui

        pot = extract_ui(config)
        return {e.msgid: TRANSFORMS[locale](e.msgid) for e in pot or []}
    path = po_path(config, locale, UI_DOMAIN)
    if locale == config.source_locale or not path.exists():
        return {}
    po = read_catalog(config, path)
    return {e.msgid: e.msgstr for e in po if e.translated() and not e.obsolete and e.msgstr}


def article_date(article: Article, config: Config) -> dt.date:
    value = article.meta.get("date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        line = next((s.line for s in article.segments if s.field), 2)
        raise SourceError(
            f"date {value!r} is not a date; write it as YYYY-MM-DD",
            path=config.rel(article.path),
            line=line,
        ) from None


def plan_locale(
    config: Config, locale: str, articles: Sequence[Article], *, annotate: bool = False
) -> Plan:
    """Merge every article for *locale* and decide which are complete enough to publish."""
    ui = ui_translations(config, locale)
    gettext = _gettext(ui)
    edition = Edition(
        locale=locale,
        lang=loc.bcp47(locale),
        direction="rtl" if loc.direction(locale) == "rtl" else "ltr",
        title=gettext(config.title),
        description=gettext(config.description),
        language_name=loc.display_name(locale),
        chapters=(),
        gettext=gettext,
        source_lang=loc.bcp47(config.source_locale),
    )
    plan = Plan(edition)
    chapters = []
    for article in articles:
        po = _article_catalog(config, locale, article)
        merged = merge(
            article,
            po,
            locale=locale,
            source_locale=config.source_locale,
            use_fuzzy=config.use_fuzzy,
            annotate=annotate,
        )
        if locale != config.source_locale and merged.percent < config.min_translated:
            plan.excluded.append(
                f"{article.slug} ({merged.percent:.0f}% < {config.min_translated:.0f}%)"
            )
            continue
        plan.merged[article.slug] = merged
        chapters.append(_chapter(config, locale, article, merged))
    dates = [article_date(a, config) for a in articles]
    plan.edition = dataclasses.replace(
        edition, chapters=tuple(chapters), date_iso=max(dates).isoformat() if dates else ""
    )
    return plan


def _article_catalog(config: Config, locale: str, article: Article) -> polib.POFile | None:
    if locale == config.source_locale:
        return None
    if locale in TRANSFORMS:
        return pseudo_catalog(locale, (s.text for s in article.segments))
    path = po_path(config, locale, article.slug)
    return read_catalog(config, path) if path.exists() else None


def _chapter(config: Config, locale: str, article: Article, merged: LocalizedArticle) -> Chapter:
    source = loc.bcp47(config.source_locale)
    date = format_date(
        article_date(article, config), format="long", locale=loc.babel_locale(locale)
    )
    return Chapter(
        slug=article.slug,
        title=str(merged.meta.get("title", article.slug)),
        summary=str(merged.meta.get("summary", "")),
        date_text=date,
        body=merged.body,
        order=int(article.order) if article.order != float("inf") else 0,
        title_lang=source if "title" in merged.fallback_fields else None,
        summary_lang=source if "summary" in merged.fallback_fields else None,
    )


def _gettext(table: dict[str, str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        return table.get(message) or message

    return gettext


def plan_all(
    config: Config, locales: Iterable[str], report: Report, *, annotate: bool = False
) -> dict[str, Plan]:
    """Plans for every locale that can be planned; errors go to *report*."""
    articles = load_articles(config, report)
    plans: dict[str, Plan] = {}
    for locale in locales:
        try:
            plans[locale] = plan_locale(config, locale, articles, annotate=annotate)
        except TarjamaError as exc:
            report.errors.append(exc)
            report.notes.append(f"{locale}: not built (see the error above)")
            continue
        for excluded in plans[locale].excluded:
            report.notes.append(f"{locale}: left out {excluded}")
    return plans


def build(
    config: Config,
    *,
    locales: Sequence[str],
    formats: Sequence[str],
    jobs: int | None = None,
    progress: bool = True,
) -> Report:
    """Build *formats* for *locales* into the build folder."""
    from tarjama.render.site import render_site

    report = Report()
    for fmt in formats:
        if fmt not in ("html", "epub", "pdf"):
            raise UsageError(f"unknown format {fmt!r}; choose from html, epub, pdf")
    plans = plan_all(config, locales, report)
    say = (lambda text: print(text, file=sys.stderr)) if progress else (lambda text: None)
    render_site(config, plans, formats=formats, report=report, say=say, out=config.build_dir)
    return report
