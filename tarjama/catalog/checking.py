"""``tarjama check`` over a project: every catalog of the locales, each entry read in its
article's context; what msgfmt --check rejects (:mod:`tarjama.catalog.pocheck`), the
markup checks (:mod:`tarjama.catalog.checks`, ``ui.po``: :mod:`tarjama.catalog.uichecks`)
and the prose checks (:mod:`tarjama.catalog.prose`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import polib

from tarjama.catalog.allowlist import NO_ARTICLE, Context
from tarjama.catalog.checks import Finding, check_pair, ignored
from tarjama.catalog.glossary import Glossary, Term, glossary_problems, load_glossary
from tarjama.catalog.paths import UI_DOMAIN, locale_catalogs, read_catalog
from tarjama.catalog.pocheck import gettext_findings
from tarjama.catalog.prose import Typography, prose_problems
from tarjama.catalog.uichecks import ui_problems
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError, TarjamaError
from tarjama.core.report import Report
from tarjama.segment import read_article


def check(config: Config, locales: Iterable[str]) -> tuple[list[Finding], Report]:
    """Markup-parity findings for every translated or fuzzy entry of the locales' catalogs."""
    report = Report()
    findings: list[Finding] = []
    glossary = (
        load_glossary(config.glossary, config.rel(config.glossary))
        if config.glossary
        else Glossary()
    )
    for locale in locales:
        for domain, path in locale_catalogs(config, locale):
            where = config.rel(path)
            try:
                po = read_catalog(config, path)
            except CatalogError as exc:
                findings.append(Finding(where, exc.line or 1, "syntax", exc.message))
                continue
            findings.extend(
                check_catalog(
                    po,
                    where,
                    context=_context(config, domain),
                    locale=locale,
                    typography={k: Typography(*v) for k, v in config.typography},
                    terms=glossary.for_locale(locale),
                )
            )
    return findings, report


def _context(config: Config, domain: str) -> Context:
    """What the msgids of catalog *domain* may refer to in their article (its reference
    definitions and footnotes), as the build resolves them; an article that cannot be
    read is checked without."""
    path = config.source_dir / f"{domain}.md"
    if domain == UI_DOMAIN or not path.is_file():
        return NO_ARTICLE
    try:
        article = read_article(path, fields=config.front_matter, source=config.source_dir)
    except TarjamaError:
        return NO_ARTICLE
    return Context(article.references, article.footnotes)


def check_catalog(
    po: polib.POFile,
    where: str,
    *,
    context: Context = NO_ARTICLE,
    locale: str = "",
    typography: Mapping[str, Typography] | None = None,
    terms: tuple[Term, ...] = (),
) -> list[Finding]:
    """Findings for one parsed catalog whose path is *where*: what msgfmt --check
    rejects, fuzzy entries (warnings), then markup parity entry by entry (``ui.po``:
    interface checks), the msgids read in their article's *context*, and the prose checks
    of :mod:`tarjama.catalog.prose` for *locale* (the header's ``Language`` if not given)."""
    findings = gettext_findings(po, where)
    interface = Path(where).stem == UI_DOMAIN
    locale = locale or po.metadata.get("Language", "")
    ratio = _usual_ratio(po)
    for entry in po:
        pairs = _pairs(entry)
        if entry.obsolete or not pairs:
            continue
        skip = ignored(entry.tcomment)
        if "python-format" in entry.flags:
            skip |= {"placeholders"}  # the format check above reports them, as msgfmt does
        if interface and entry.msgctxt is not None and "context" not in skip:
            findings.append(_unused_context(where, entry))
        problems: dict[str, tuple[str, str]] = {}  # one finding per code and entry
        for msgid, msgstr in pairs:
            found = (
                ui_problems(msgid, msgstr)
                if interface
                else check_pair(msgid, msgstr, ignore=skip, context=context, field=is_field(entry))
            )
            if locale:
                prose = prose_problems(msgid, msgstr, locale, typography=typography, ratio=ratio)
                found = [*found, *prose, *glossary_problems(msgid, msgstr, terms)]
            for code, severity, message in found:
                if code not in skip:
                    problems.setdefault(code, (severity, message))
        for code, (severity, message) in problems.items():
            findings.append(Finding(where, entry.linenum or 0, code, message, severity))
    return findings


def _usual_ratio(po: polib.POFile) -> float:
    """The median length of a translation to its msgid's, over the catalog's reviewed
    entries of some length (0 when there are too few to tell)."""
    ratios = sorted(
        len(e.msgstr) / len(e.msgid)
        for e in po
        if not e.obsolete and e.translated() and len(e.msgid) >= 40 and e.msgstr
    )
    return ratios[len(ratios) // 2] if len(ratios) >= 5 else 0.0


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) of each translated form of *entry*: the msgid with msgstr,
    or with msgstr[0] and the msgid_plural with the other forms."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)] if entry.msgstr else []
    forms = sorted(entry.msgstr_plural.items())
    return [(entry.msgid if k == 0 else entry.msgid_plural, text) for k, text in forms if text]


def _unused_context(where: str, entry: polib.POEntry) -> Finding:
    return Finding(
        where,
        entry.linenum or 0,
        "context",
        f"msgctxt {entry.msgctxt!r}: no template asks for an interface string in a context; "
        "the build ignores this entry (translate the entry without msgctxt)",
        "warning",
    )


def is_field(entry: polib.POEntry) -> bool:
    """Whether *entry* is only ever a front matter field (plain text, never Markdown)."""
    roles = (entry.comment or "").split("\n")[0].removeprefix("type: ").split(", ")
    return bool(roles) and all(role.startswith("front matter:") for role in roles)
