"""What each build job hands its worker: plain data only, so any process can run any job.

:func:`job_payload` gathers, for one job, the edition with the chapters it renders, the
links around its page (:mod:`tarjama.publish.site`) and the site-wide data a sitemap,
feed or search index needs; :mod:`tarjama.publish.runner` runs it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tarjama.core.config import Config
from tarjama.core.templates import project_templates
from tarjama.publish import site
from tarjama.publish.charset import site_chars
from tarjama.publish.jobs import BuildJob
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.publish.state import digest
from tarjama.publish.tree import chapter, find_item, page_links, trail
from tarjama.render import html
from tarjama.segment.tree import INDEX, section_of


def job_payload(
    config: Config,
    job: BuildJob,
    plans: Mapping[str, Plan],
    sources: Sources,
    *,
    annotate: bool,
    formats: Sequence[str],
) -> dict[str, Any]:
    """Everything a worker needs for *job* (the bodies it needs are merged already)."""
    payload: dict[str, Any] = {
        "kind": job.kind,
        "output": str(job.output),
        "templates": [str(p) for p in project_templates(config.templates_dir)],
        "title": config.title,
        "name": config.name,
    }
    if job.kind in _SITE_KINDS:
        payload.update(_site_payload(config, job, plans, sources))
        return payload
    if job.kind == "media":
        variants = dict(plans[job.locale].edition.media_variants)
        payload["source"] = str(config.source_dir.resolve() / variants.get(job.slug, job.slug))
        return payload
    plan = plans[job.locale]
    slugs = plan.published if job.kind not in ("page", "md", "section") else [job.slug]
    if job.kind == "notfound" or (job.kind == "section" and not plan.publishes(job.slug)):
        slugs = []  # a 404 page, or a section without an introduction in this locale
    order = sources.order

    def has_body(slug: str) -> bool:
        return job.kind != "index" and slug in plan.merged

    chapters = tuple(
        # a book's chapter that is kept converted was not merged again: no body
        chapter(plan, s, plan.merged[s].body if has_body(s) else "", order[s], sources)
        for s in slugs
    )
    payload["edition"] = dataclasses.replace(plan.edition, chapters=chapters)
    if job.kind in ("epub", "pdf"):
        payload["cache"] = str(books_cache(config, job))
        payload["chars"] = site_chars(config, plans) if job.kind == "epub" else ""
    if job.kind in ("page", "section"):
        _page_payload(config, payload, job, plans, sources, annotate=annotate)
    elif job.kind == "notfound":
        payload["page"] = site.page(config, plans, job.locale, None, absolute_links=True)
    elif job.kind == "index":
        payload["page"] = site.page(config, plans, job.locale, None)
        if plan.publishes(INDEX):  # the top folder's index.md introduces the publication
            payload["intro"] = plan.merged[INDEX].body
            payload["links"] = page_links(plans, job.locale, INDEX, sources, config.source_locale)
        payload["downloads"] = [
            {"href": f"{config.name}.{fmt}", "format": fmt}
            for fmt in ("epub", "pdf")
            if fmt in formats and slugs
        ]
    return payload


def books_cache(config: Config, job: BuildJob) -> Path:
    """Where a book's converted chapters are kept (per build folder: a preview has its own)."""
    return config.root / ".cache" / f"books-{digest(str(job.output.parent.parent))[:12]}"


_SITE_KINDS = ("root", "assets", "sitemap", "robots", "feed", "search")


def _site_payload(
    config: Config, job: BuildJob, plans: Mapping[str, Plan], sources: Sources
) -> dict[str, Any]:
    """What the jobs that look at the whole site (or a locale's whole folder) need."""
    if job.kind == "root":
        return {
            "editions": [p.edition for p in site.listed(plans)],
            "page": html.Page(alternates=site.alternates(config, plans, None, root=""), root=""),
        }
    if job.kind == "sitemap":
        return {"urls": site.sitemap_urls(config, plans, sources)}
    if job.kind == "robots":
        return {"base_url": config.base_url}
    if job.kind == "feed":
        return {"feed": site.feed(config, plans[job.locale], sources)}
    if job.kind == "assets":
        editions = [p.edition for p in plans.values()]
        cache = str(books_cache(config, job))  # the font subsets the books cut too
        return {"editions": editions, "chars": site_chars(config, plans), "cache": cache}
    if job.kind == "search":
        return {"folder": str(job.output.parent.parent), "lang": plans[job.locale].edition.lang}
    return {}


def _page_payload(
    config: Config,
    payload: dict[str, Any],
    job: BuildJob,
    plans: Mapping[str, Plan],
    sources: Sources,
    *,
    annotate: bool,
) -> None:
    """What an article's or a section's page needs besides its edition."""
    plan = plans[job.locale]
    section = job.kind == "section"
    payload["page"] = site.page(config, plans, job.locale, job.slug)
    payload["trail"] = trail(plan, job.slug)
    published = plan.publishes(job.slug)
    payload["fallback"] = published and plan.records[job.slug].fallback
    if published:
        payload["links"] = page_links(plans, job.locale, job.slug, sources, config.source_locale)
    if section:
        path = section_of(job.slug)
        payload["section"] = plan.edition.section(path)
        payload["entries"] = find_item(plan.edition.nav, path)
    else:
        payload["neighbours"] = site.neighbours(plan, job.slug)
        if annotate:
            payload["segments"] = plan.merged[job.slug].overlay
