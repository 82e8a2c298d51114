"""The translator workflow over a whole project: extract, update, stats (and check,
from :mod:`tarjama.catalog.checking`).

These functions are the Python API behind the CLI. They collect per-file errors
instead of stopping at the first, so one broken article or PO file does not stop
the others; the CLI prints them and picks the exit code.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from tarjama.catalog import update as catalog
from tarjama.catalog.matcher import Key, Memory
from tarjama.catalog.paths import UI_DOMAIN, po_path, pot_path, read_catalog
from tarjama.catalog.pofile import format_po, write_po
from tarjama.catalog.stats import Stats, catalog_stats
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError, SourceError, TarjamaError
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.report import Report
from tarjama.core.workers import Workers
from tarjama.segment import peek, read_article
from tarjama.segment.tree import in_publication_order, source_files

Progress = Callable[[str], None]
_PRELOAD = ("tarjama.catalog.project",)  # what extract's and update's workers import


def extract(config: Config, *, progress: Progress | None = None, jobs: int | None = None) -> Report:
    """Write ``translations/<slug>.pot`` for every article (only when its entries changed).

    Articles are segmented and formatted over *jobs* processes; the files are written here,
    after duplicate slugs are ruled out.
    """
    report = Report()
    paths = source_files(config.source_dir, config.locales)
    count = jobs or config.jobs or os.cpu_count() or 1
    work = functools.partial(_template_of, config)
    with Workers(count, below=51, preload=_PRELOAD) as workers:
        size = max(1, len(paths) // (count * 4))
        results = list(workers.map(work, paths, chunksize=size))
    seen: dict[str, Path] = {}
    for path, (slug, text, error) in zip(paths, results, strict=True):
        if error is None and slug in seen:
            error = SourceError(
                f"slug {slug!r} is also used by {config.rel(seen[slug])}; "
                "give each article its own slug",
                path=config.rel(path),
                line=1,
            )
        if error is not None:
            report.errors.append(error)
            continue
        seen[slug] = path
        if progress:
            progress(slug)
        target = pot_path(config, slug)
        if text is not None and write_text_atomic(target, text):
            report.written.append(config.rel(target))
    if not report.errors:  # with an unreadable article, its slug (and template) is unknown
        _remove_stale_templates(config, set(seen), report)
    from tarjama.catalog.uistrings import extract_ui  # templates are optional; imported lazily

    ui = extract_ui(config)
    if ui is not None:
        _write_template(config, UI_DOMAIN, ui, report)
    return report


def _remove_stale_templates(config: Config, slugs: set[str], report: Report) -> None:
    """Delete the templates of articles that are gone; their PO files stay, so their
    translations come back if the article does."""
    for pot in sorted(config.translations_dir.rglob("*.pot")):
        domain = pot.relative_to(config.translations_dir).with_suffix("").as_posix()
        if domain not in slugs and domain != UI_DOMAIN:
            pot.unlink()
            report.notes.append(
                f"removed {config.rel(pot)} (no article has slug {domain!r}; its PO files are kept)"
            )


def _template_of(config: Config, path: Path) -> tuple[str, str | None, TarjamaError | None]:
    """(slug, POT text or None if the file on disk has the same entries, error)."""
    try:
        article = read_article(
            path,
            fields=config.front_matter,
            display=config.rel(path),
            source=config.source_dir,
            root=config.root,
        )
        if article.slug == UI_DOMAIN:
            raise SourceError(
                f"slug {UI_DOMAIN!r} is reserved for the interface strings; choose another",
                path=config.rel(path),
                line=1,
            )
        pot = catalog.build_template(article, reference=config.rel(path), project=config.title)
        if _template_unchanged(config, pot_path(config, article.slug), pot):
            return article.slug, None, None
        return article.slug, format_po(pot), None
    except TarjamaError as exc:
        return "", None, exc


def _template_unchanged(config: Config, path: Path, pot: polib.POFile) -> bool:
    """Whether the template at *path* has *pot*'s entries (then its date is kept)."""
    if not path.exists():
        return False
    try:
        old = read_catalog(config, path)
    except CatalogError:
        return False  # a template is ours to regenerate
    return catalog.same_entries(old, pot)


def _write_template(config: Config, domain: str, pot: polib.POFile, report: Report) -> None:
    path = pot_path(config, domain)
    if _template_unchanged(config, path, pot):
        return  # keep the old date: nothing but the date would change
    if write_po(path, pot):
        report.written.append(config.rel(path))


def template_domains(config: Config, report: Report) -> list[str]:
    """Domains whose template exists (articles in publication order, then ``ui``); an
    article without a template is reported."""
    source = config.source_dir
    orders: dict[str, float] = {}
    for path in source_files(source, config.locales):
        slug, order = peek(path, source)
        orders.setdefault(slug, order)
    domains = []
    for domain in [*in_publication_order(orders), UI_DOMAIN]:
        path = pot_path(config, domain)
        if path.exists():
            domains.append(domain)
        elif domain != UI_DOMAIN:
            report.errors.append(
                CatalogError("template missing; run 'tarjama extract' first", path=config.rel(path))
            )
    return domains


def templates(config: Config, report: Report) -> dict[str, polib.POFile]:
    """The POT templates on disk, parsed, by domain (see :func:`template_domains`)."""
    found: dict[str, polib.POFile] = {}
    for domain in template_domains(config, report):
        try:
            found[domain] = read_catalog(config, pot_path(config, domain))
        except CatalogError as exc:
            report.errors.append(exc)
    return found


def read_catalogs(
    config: Config, locale: str, domains: Iterable[str], report: Report
) -> dict[str, polib.POFile | None]:
    """The locale's PO files by domain: None where there is none yet; broken ones are
    recorded in *report* and left out."""
    catalogs: dict[str, polib.POFile | None] = {}
    for domain in domains:
        path = po_path(config, locale, domain)
        if not path.exists():
            catalogs[domain] = None
            continue
        try:
            catalogs[domain] = read_catalog(config, path)
        except CatalogError as exc:
            report.errors.append(exc)
    return catalogs


@dataclass
class _Updated:
    """One catalog updated without the project memory (computed in a worker process)."""

    text: str | None = None  # the new PO file, None if the file on disk is already that
    result: catalog.UpdateResult = field(default_factory=catalog.UpdateResult)
    # its translated entries: key -> (msgstr, the catalog's path)
    memory: dict[Key, tuple[str, str]] = field(default_factory=dict)
    error: TarjamaError | None = None


def _update_each(config: Config, locale: str, args: tuple[Path, Memory | None, str]) -> _Updated:
    return _update_one(config, locale, *args)


def _update_one(
    config: Config, locale: str, pot_file: Path, memory: Memory | None, domain: str
) -> _Updated:
    try:
        pot = read_catalog(config, pot_file)
        path = po_path(config, locale, domain)
        old = read_catalog(config, path) if path.exists() else None
    except TarjamaError as exc:
        return _Updated(error=exc)
    here = config.rel(path)
    title = pot.header.removeprefix("Translation template for ").rstrip(".")
    po, result = catalog.update_catalog(
        old,
        pot,
        language=locale,
        title=title,
        memory=memory,
        here=here,
        exact_memory=config.exact_memory,
    )
    text = format_po(po)
    unchanged = path.exists() and path.read_bytes() == text.encode("utf-8")
    return _Updated(
        text=None if unchanged else text,
        result=result,
        memory={
            catalog.key(e): (e.msgstr, here)
            for e in old or []
            if not e.obsolete and e.translated() and e.msgstr
        },
    )


def update(
    config: Config,
    locales: Iterable[str],
    *,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Report:
    """Create or update ``translations/<locale>/<domain>.po`` from the templates.

    Catalogs are merged in parallel without the project memory; the few that the memory
    can improve (a segment, or its sentences, translated in another catalog) are merged
    again with it.
    """
    report = Report()
    pots = {domain: pot_path(config, domain) for domain in template_domains(config, report)}
    count = jobs or config.jobs or os.cpu_count() or 1
    for locale in locales:
        if progress:
            progress(locale)
        work = functools.partial(_update_each, config, locale)
        args = [(path, None, domain) for domain, path in pots.items()]
        with Workers(count, below=51, preload=_PRELOAD) as workers:
            size = max(1, len(pots) // (count * 4))
            outcomes = list(workers.map(work, args, chunksize=size))
        rows: dict[Key, tuple[str, str]] = {}
        for outcome in outcomes:
            for key, row in outcome.memory.items():
                rows.setdefault(key, row)
        memory = Memory.of(rows) if any(o.result.pending for o in outcomes) else None
        totals = catalog.UpdateResult()
        for domain, outcome in zip(pots, outcomes, strict=True):
            if outcome.error is not None:
                report.errors.append(outcome.error)  # broken PO: reported, left untouched
                continue
            if memory is not None and any(map(memory.could_help, outcome.result.pending)):
                outcome = work((pots[domain], memory, domain))
            path = po_path(config, locale, domain)
            if outcome.text is not None and write_text_atomic(path, outcome.text):
                report.written.append(config.rel(path))
            report.rows.extend(
                {"locale": locale, "catalog": config.rel(path), "msgctxt": c, "msgid": m, "fate": f}
                for c, m, f in outcome.result.fates
            )
            totals = totals + outcome.result
        report.notes.append(
            f"{locale}: {totals.exact} kept, {totals.carried} carried over a change of link or"
            f" code, {totals.fuzzy} fuzzy, {totals.memory} from memory, "
            f"{totals.revived} revived, {totals.new} new, {totals.obsoleted} made obsolete"
        )
    return report


def stats(config: Config, locales: Iterable[str]) -> tuple[list[Stats], Report]:
    """Per-catalog rows, then a ``total`` row, for each locale."""
    report = Report()
    pots = templates(config, report)
    rows: list[Stats] = []
    for locale in locales:
        catalogs = read_catalogs(config, locale, pots, report)
        locale_rows = [
            catalog_stats(catalogs[d], locale=locale, domain=d, template=pots[d])
            for d in pots
            if d in catalogs
        ]
        total = Stats(locale, "total")
        sections: dict[str, Stats] = {}
        for row in locale_rows:
            total = total + row
            parts = row.domain.split("/")[:-1] if row.domain != UI_DOMAIN else []
            for depth in range(1, len(parts) + 1):  # the row counts in every section above it
                folder = "/".join(parts[:depth])
                rollup = sections.get(folder, Stats(locale, "")) + row
                sections[folder] = dataclasses.replace(rollup, domain=f"{folder}/")
        rows.extend([*locale_rows, *(sections[s] for s in sorted(sections)), total])
    return rows, report
