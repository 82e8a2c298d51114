"""Site-level files for search engines and feed readers: sitemap.xml, robots.txt, Atom feeds.

They need absolute URLs, so they exist only when the project sets ``[project] base_url``.
Every function here is pure: plain data in, the file's text out, byte-for-byte the same
for the same input (no build timestamps: dates come from the articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from tarjama.render.contract import Alternate, Feed, FeedEntry, SitemapUrl

X_DEFAULT = "x-default"


def absolute(base_url: str, path: str) -> str:
    """The URL of *path* (relative to the build folder) under *base_url*.

    >>> absolute("https://example.org/pub/", "ar/a.html")
    'https://example.org/pub/ar/a.html'
    """
    return base_url + path


def sitemap_xml(urls: Sequence[SitemapUrl]) -> str:
    """``sitemap.xml`` with an ``xhtml:link`` alternate for every language version."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(urls, key=lambda u: u.loc):
        lines.append(f"  <url>\n    <loc>{escape(url.loc)}</loc>")
        if url.lastmod:
            lines.append(f"    <lastmod>{escape(url.lastmod)}</lastmod>")
        for alt in url.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt.lang)}'
                f" href={quoteattr(alt.href)}/>"
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    """``robots.txt``: everything may be crawled, and here is the sitemap.

    >>> print(robots_txt("https://example.org/"), end="")
    User-agent: *
    Allow: /
    Sitemap: https://example.org/sitemap.xml
    """
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(base_url, 'sitemap.xml')}\n"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z" if len(date) == 10 else date


def _text(tag: str, value: str, lang: str | None, indent: str) -> str:
    attr = f" xml:lang={quoteattr(lang)}" if lang else ""
    return f"{indent}<{tag}{attr}>{escape(value)}</{tag}>"


def atom_xml(feed: Feed, *, limit: int = 20) -> str:
    """The Atom feed (RFC 4287) of *feed*: its latest *limit* articles, newest first."""
    entries = sorted(feed.entries, key=lambda e: (e.date, e.url), reverse=True)[:limit]
    # an article without a date (no front matter) is as new as the newest dated one
    updated = max((e.date for e in entries if e.date), default="1970-01-01")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(feed.lang)}>',
        _text("title", feed.title, None, "  "),
    ]
    if feed.subtitle:
        lines.append(_text("subtitle", feed.subtitle, None, "  "))
    lines += [
        f"  <id>{escape(feed.url)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed.url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(feed.home)}/>',
        f"  <updated>{_timestamp(updated)}</updated>",
        f"  <author><name>{escape(feed.author)}</name></author>",
    ]
    for entry in entries:
        lines += [
            "  <entry>",
            _text("title", entry.title, entry.title_lang, "    "),
            f"    <id>{escape(entry.url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
        ]
        if entry.date:
            lines.append(f"    <published>{_timestamp(entry.date)}</published>")
        lines.append(f"    <updated>{_timestamp(entry.date or updated)}</updated>")
        if entry.summary:
            lines.append(_text("summary", entry.summary, entry.summary_lang, "    "))
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


__all__ = [
    "X_DEFAULT",
    "Alternate",
    "Feed",
    "FeedEntry",
    "SitemapUrl",
    "absolute",
    "atom_xml",
    "robots_txt",
    "sitemap_xml",
]
