"""Render every planned locale: HTML pages, then EPUB and PDF, then the root index."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tarjama import locales as loc
from tarjama.config import Config
from tarjama.errors import TarjamaError
from tarjama.merge import SOURCE
from tarjama.render import Edition, html
from tarjama.render.pandoc import to_html

if TYPE_CHECKING:
    from tarjama.project import Report
    from tarjama.publish import Plan

WEB_FONTS = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")


def web_fonts() -> list[Path]:
    """Font files copied next to the site: Amiri for Arabic script, Noto Serif for Latin."""
    import fontpkg_amiri
    import fontpkg_noto_serif

    amiri = Path(fontpkg_amiri.__file__).parent / "files"
    noto = Path(fontpkg_noto_serif.__file__).parent / "files"
    return [amiri / name for name in WEB_FONTS] + [noto / "NotoSerif[wdth,wght].ttf"]


def switcher(plans: Mapping[str, Plan], slug: str | None, *, root: str = "../") -> list[html.Link]:
    """Links to the same page in every locale that publishes it."""
    links = []
    for locale, plan in plans.items():
        if slug is not None and slug not in plan.merged:
            continue
        page = f"{slug}.html" if slug else "index.html"
        links.append(
            html.Link(
                locale,
                loc.bcp47(locale),
                loc.direction(locale),
                loc.display_name(locale),
                f"{root}{locale}/{page}",
            )
        )
    return links


def render_locale(
    config: Config,
    plan: Plan,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    say: Callable[[str], None],
    out: Path,
) -> list[Path]:
    """Everything of one locale under *out* (the build root); returns the files that changed."""
    edition, out = plan.edition, out / plan.edition.locale
    changed: list[Path] = []
    name = config.name
    if "html" in formats:
        for chapter in edition.chapters:
            merged = plan.merged[chapter.slug]
            body = to_html(chapter.body, what=f"{edition.locale}/{chapter.slug}")
            fallback = any(not p.used for p in merged.placed) and merged.placed[0].status != SOURCE
            target = out / f"{chapter.slug}.html"
            if html.render_article(
                edition,
                chapter,
                body,
                templates=config.templates_dir,
                switcher=switcher(plans, chapter.slug),
                fallback=fallback,
                out=target,
            ):
                changed.append(target)
        downloads = [
            {"href": f"{name}.{fmt}", "format": fmt} for fmt in ("epub", "pdf") if fmt in formats
        ]
        target = out / "index.html"
        if html.render_index(
            edition,
            templates=config.templates_dir,
            switcher=switcher(plans, None),
            downloads=downloads,
            out=target,
        ):
            changed.append(target)
    if edition.chapters and "epub" in formats:
        from tarjama.render.epub import render_epub

        say(f"{edition.locale}: EPUB")
        render_epub(edition, out / f"{name}.epub", templates=config.templates_dir)
    if edition.chapters and "pdf" in formats:
        from tarjama.render.pdf import render_pdf

        say(f"{edition.locale}: PDF")
        render_pdf(edition, out / f"{name}.pdf", templates=config.templates_dir)
    return changed


def render_site(
    config: Config,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    report: Report,
    say: Callable[[str], None],
    out: Path,
) -> None:
    """Render all *plans* under *out*; a failing locale is reported and the others go on."""
    if "html" in formats:
        html.copy_assets(config.templates_dir, web_fonts(), out / "assets")
    built: list[Edition] = []
    for index, (locale, plan) in enumerate(plans.items(), 1):
        say(f"[{index}/{len(plans)}] {locale}: {len(plan.edition.chapters)} article(s)")
        try:
            changed = render_locale(config, plan, plans, formats=formats, say=say, out=out)
        except TarjamaError as exc:
            report.errors.append(exc)
            report.notes.append(f"{locale}: failed")
            continue
        built.append(plan.edition)
        report.written.extend(config.rel(p) for p in changed)
    if "html" in formats and built:
        target = out / "index.html"
        if html.render_root(built, title=config.title, templates=config.templates_dir, out=target):
            report.written.append(config.rel(target))
