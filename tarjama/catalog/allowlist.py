"""Translators are not trusted: what a msgstr may contain is decided by its msgid's structure.

Both strings are parsed inline with the segment stage's parser (:func:`inline_parser`), and
the msgstr's Markdown is rebuilt from the nodes the allowlist lets through:

- text, escaped so that pandoc's ``commonmark_x`` reader sees no markup in it: no inline
  construct (``*``, `````, ``<``, ``{``, ``$``, ``~``, ``^``, ``:emoji:``...) and, at the
  start of a line, no block construct (heading, list, quote, table, fence, definition,
  indented code);
- emphasis and strong emphasis, and hard line breaks, when the msgid has that kind;
- code spans and ``$math$`` equal to one of the msgid's;
- links, images and autolinks whose targets are the msgid's (written from the msgid);
- footnote references and raw HTML tags that the msgid has, verbatim.

Everything else comes out as literal text. Bidirectional embedding, override and isolate
controls (U+202A-U+202E, U+2066-U+2069) and other control characters the msgid lacks are
dropped. :func:`clean` also says what it neutralised, as ``(code, severity, message)``
problems that ``tarjama check`` reports; the build calls the same function, so what check
reports is exactly what the build did.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from tarjama.catalog.literal import (
    BIDI_CONTROLS,
    MESSAGES,
    code_span,
    drop_controls,
    escape,
    scan,
)
from tarjama.segment import inline_parser

Problem = tuple[str, str, str]  # (code, severity, message)
_REF_LABEL = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]")
_REF_HREF = "tarjama-ref:"
_PLAIN_TARGET = re.compile(r"[^\s<>()\\&\x00-\x1f]+")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A msgstr rebuilt from allowed nodes (None: use the source) and what was neutralised."""

    text: str | None
    problems: tuple[Problem, ...] = ()


@dataclass
class _Source:
    """What the msgid allows."""

    kinds: set[str]
    code: set[str]
    math: set[tuple[str, str]]
    links: Counter[str]
    images: Counter[str]
    order: list[str]  # link and image targets in the msgid's order
    titles: dict[str, str]
    footnotes: set[str]
    html: Counter[str]
    autolinks: set[str]
    bidi: set[str]
    text: str = ""
    env: dict[str, Any] = field(default_factory=dict)  # the reference labels the msgid uses


@dataclass
class _Out:
    """The rebuild's state: the Markdown written so far and the problems met."""

    source: _Source
    parts: list[str] = field(default_factory=list)
    problems: dict[str, dict[str, None]] = field(default_factory=dict)  # code -> details
    links: Counter[str] = field(default_factory=Counter)
    images: Counter[str] = field(default_factory=Counter)
    html: Counter[str] = field(default_factory=Counter)
    spare: list[str] = field(default_factory=list)  # msgid targets the msgstr lost
    line_start: bool = True

    def target(self, href: str, *, image: bool) -> str | None:
        """The msgid target a link (or image) to *href* gets: its own if the msgid has it,
        else the next one the msgstr lost (a changed URL is put back); None if none is left."""
        used, allowed = (
            (self.images, self.source.images) if image else (self.links, self.source.links)
        )
        if used[href] < allowed[href]:
            used[href] += 1
            return href
        spare = next((h for h in self.spare if (h in self.source.images) == image), None)
        if spare is None:
            used["\0"] += 1  # a link the msgid lacks: the segment falls back to the source
            return None
        self.spare.remove(spare)
        used[spare] += 1
        return spare

    def add(self, markdown: str) -> None:
        """Append *markdown*, which is not the start of a line."""
        self.parts.append(markdown)
        self.line_start = False

    def problem(self, code: str, detail: str) -> None:
        """Record that *detail* (what the msgstr has) was neutralised, under *code*."""
        self.problems.setdefault(code, {})[detail] = None

    def findings(self) -> tuple[Problem, ...]:
        return tuple(
            (code, "error", MESSAGES[code].format(", ".join(details)))
            for code, details in self.problems.items()
        )


def _env(msgid: str) -> dict[str, Any]:
    """A parser environment in which the msgid's bracketed labels are reference links
    (defined by the article itself, never by a translation)."""
    refs = {
        normalizeReference(m.group(1)): {"href": _REF_HREF + m.group(1), "title": ""}
        for m in _REF_LABEL.finditer(msgid)
        if not m.group(1).startswith("^")
    }
    return {"references": refs}


def _tokens(text: str, env: dict[str, Any]) -> list[Token]:
    """The inline tokens of *text* (a fresh copy of *env*: the parser writes into it)."""
    tokens = inline_parser().parseInline(text, {"references": dict(env["references"])})
    return tokens[0].children or [] if tokens else []


def _walk(tokens: list[Token]) -> list[Token]:
    out = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out


@lru_cache(maxsize=4096)
def _source(msgid: str) -> _Source:
    env = _env(msgid)
    found = _Source(
        set(), set(), set(), Counter(), Counter(), [], {}, set(), Counter(), set(), set()
    )
    for token in _walk(_tokens(msgid, env)):
        found.kinds.add(token.type)
        if token.type == "code_inline":
            found.code.add(token.content)
        elif token.type in ("math_inline", "math_inline_double"):
            found.math.add((token.type, token.content))
        elif token.type == "link_open" and token.markup == "autolink":
            found.autolinks.add(str(token.attrGet("href")))
        elif token.type == "link_open":
            href = str(token.attrGet("href"))
            found.links[href] += 1
            found.order.append(href)
            found.titles[href] = str(token.attrGet("title") or "")
        elif token.type == "image":
            src = str(token.attrGet("src"))
            found.images[src] += 1
            found.order.append(src)
            found.titles[src] = str(token.attrGet("title") or "")
        elif token.type == "footnote_ref":
            found.footnotes.add(str(token.meta.get("label")))
        elif token.type == "html_inline":
            found.html[token.content] += 1
    found.bidi = {c for c in msgid if c in BIDI_CONTROLS}
    found.text = msgid
    used = {h[len(_REF_HREF) :] for h in found.links if h.startswith(_REF_HREF)}
    found.env = {
        "references": {
            k: v for k, v in env["references"].items() if v["href"][len(_REF_HREF) :] in used
        }
    }
    return found


def clean(msgid: str, msgstr: str) -> Cleaned:
    r"""*msgstr* rebuilt from the nodes *msgid* allows, with what was neutralised.

    >>> clean("Hello", "Bonjour <script>x</script>").text
    'Bonjour \\<script\\>x\\</script\\>'
    >>> clean("See [a](https://a.example)", "Voir [a](https://a.example)").text
    'Voir [a](https://a.example)'
    >>> clean("See [a](x)", "[a](javascript:alert(1))").text is None
    True
    """
    source = _source(msgid)
    out = _Out(source)
    text = msgstr.replace("\r\n", "\n").replace("\r", "\n")
    scan(text, out.problem, msgid=msgid)
    tokens = _tokens(text, source.env)
    kept = Counter(
        str(t.attrGet("href") or t.attrGet("src"))
        for t in _walk(tokens)
        if (t.type == "link_open" and t.markup != "autolink") or t.type == "image"
    )
    left = (source.links + source.images) - kept
    out.spare = [h for h in source.order if left[h] > 0 and not left.subtract([h])]
    _emit(tokens, out)
    rebuilt = "".join(out.parts).strip()
    problems = out.findings()
    if out.links != source.links or out.images != source.images:
        return Cleaned(None, problems)  # a link or image lost or added: the source is shown
    return Cleaned(rebuilt, problems)


def clean_plain(msgid: str, msgstr: str) -> Cleaned:
    """*msgstr* as plain text (a front matter field or an interface string): the templates
    escape it; only control characters and bidi controls the msgid lacks are dropped."""
    out = _Out(_source(msgid))
    scan(msgstr, out.problem, msgid=msgid, markdown=False)
    text = " ".join(drop_controls(msgstr, out.problem, allowed=out.source.bidi).split())
    problems = out.findings()
    return Cleaned(text, problems)


def _emit(tokens: list[Token], out: _Out) -> None:
    """Append the allowed Markdown of *tokens* (inline tokens and their children)."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind.endswith("_open") and kind[:-5] in ("em", "strong", "link"):
            close = _closing(tokens, index)
            _wrapped(token, tokens[index + 1 : close], out)
            index = close + 1
            continue
        _leaf(token, out)
        index += 1


def _closing(tokens: list[Token], index: int) -> int:
    """Index of the token closing the one at *index*."""
    depth, kind = 0, tokens[index].type[:-5]
    for position in range(index, len(tokens)):
        if tokens[position].type == f"{kind}_open":
            depth += 1
        elif tokens[position].type == f"{kind}_close":
            depth -= 1
            if depth == 0:
                return position
    return len(tokens) - 1


def _wrapped(token: Token, inner: list[Token], out: _Out) -> None:
    """Emphasis, strong emphasis or a link around *inner*."""
    kind = token.type[:-5]
    source = out.source
    if kind in ("em", "strong"):
        if f"{kind}_open" in source.kinds:
            out.add(token.markup)
            _emit(inner, out)
            out.add(token.markup)
        else:
            out.problem("emphasis", f"{kind} {token.markup}")
            _text(token.markup, out)
            _emit(inner, out)
            _text(token.markup, out)
        return
    href = str(token.attrGet("href"))
    if token.markup == "autolink":
        if href in source.autolinks:
            out.add(f"<{href}>")
        else:
            out.problem("autolink", f"<{href}>")
            _text(f"<{href}>", out)
        return
    target = out.target(href, image=False)
    if target is None:
        _emit(inner, out)
        return
    out.add("[")
    _emit(inner, out)
    out.add(_target(target, str(token.attrGet("title") or source.titles.get(target, ""))))


def _target(href: str, title: str) -> str:
    r"""The end of a link or image to *href* (taken from the msgid), with its title.

    >>> _target("a b>", "")
    '](<a b\\>>)'
    >>> _target("https://a.example/x", 'Le "titre"')
    '](https://a.example/x "Le \\"titre\\"")'
    """
    if href.startswith(_REF_HREF):
        return "][" + href[len(_REF_HREF) :] + "]"
    plain = _PLAIN_TARGET.fullmatch(href)
    dest = href if plain else "<" + re.sub(r"([\\<>&])", r"\\\1", href) + ">"
    if title:
        dest += ' "' + re.sub(r'([\\"&])', r"\\\1", title) + '"'
    return "](" + dest + ")"


def _leaf(token: Token, out: _Out) -> None:
    source = out.source
    kind = token.type
    if kind == "text":
        _text(token.content, out)
    elif kind == "softbreak":
        _text(" ", out)
    elif kind == "hardbreak":
        if "hardbreak" in source.kinds:
            out.parts.append("\\\n")
            out.line_start = True
        else:
            _text(" ", out)
    elif kind == "code_inline":
        if token.content in source.code:
            out.add(code_span(token.content))
        else:
            out.problem("code-spans", f"`{token.content}`")
            _text(token.markup + token.content + token.markup, out)
    elif kind in ("math_inline", "math_inline_double"):
        fence = "$$" if kind == "math_inline_double" else "$"
        if (kind, token.content) in source.math:
            out.add(fence + token.content + fence)
        else:
            out.problem("math", f"{fence}{token.content}{fence}")
            _text(fence + token.content + fence, out)
    elif kind == "image":
        target = out.target(str(token.attrGet("src")), image=True)
        if target is not None:
            out.add("![")
            _emit(token.children or [], out)
            out.add(_target(target, str(token.attrGet("title") or source.titles.get(target, ""))))
    elif kind == "footnote_ref" and str(token.meta.get("label")) in source.footnotes:
        out.add(f"[^{token.meta['label']}]")
    elif kind == "html_inline" and out.html[token.content] < source.html[token.content]:
        out.html[token.content] += 1
        out.add(token.content)
    else:
        if kind == "html_inline":
            out.problem("raw-html", token.content.split()[0].rstrip(">"))
        elif kind == "footnote_ref":
            label = token.meta.get("label", "")
            out.problem("footnotes", f"[^{label}]")
            _text(f"[^{label}]", out)
            return
        _text(token.content or token.markup, out)


def _text(text: str, out: _Out) -> None:
    """Append *text* as literal text."""
    text = drop_controls(text, out.problem, allowed=out.source.bidi)
    escaped = escape(text, out.problem, line_start=out.line_start, msgid=out.source.text)
    if escaped:
        out.add(escaped)
