"""Interface strings that tarjama itself puts in the books, outside the templates.

``tarjama extract`` writes them to ``ui.pot`` (with the comment for translators), and
the renderers look them up in the locale's ``ui.po``.
"""

ACCESSIBILITY_SUMMARY = (
    "This publication meets WCAG 2.1 Level AA. It has a table of contents, headings in"
    " order, alternative text for every image and a logical reading order, and the language"
    " of every passage is marked."
)

FALLBACK_NOTICE = (
    "Some passages of this article are not translated yet and are shown in the original language."
)

BUILT_IN: tuple[tuple[str, str], ...] = (
    ("Title page", "type: EPUB landmark: how reading systems list the book's title page"),
    ("Cover", "type: book: the cover's landmark and the alternative text of its image"),
    ("Copyright page", "type: EPUB landmark: the page with rights, edition and ISBN"),
    ("Start of content", "type: EPUB landmark: where the first chapter begins"),
    ("Table", "type: label of a table's scrolling box, read by screen readers"),
    ("ISBN", "type: book: label of the ISBN on the copyright page"),
    ("Published by", "type: book: before the publisher's name on the copyright page"),
    (FALLBACK_NOTICE, "type: notice on a page or chapter with passages in the source language"),
    (ACCESSIBILITY_SUMMARY, "type: EPUB metadata: the accessibility summary, read by stores"),
)
# the title of an admonition (a boxed note, tip, warning...) that has none of its own
ADMONITIONS = (
    "Note",
    "Abstract",
    "Info",
    "Tip",
    "Important",
    "Success",
    "Question",
    "Warning",
    "Caution",
    "Failure",
    "Danger",
    "Bug",
    "Example",
    "Quote",
)
BUILT_IN += tuple(
    (label, "type: title of a boxed note, tip or warning (an admonition) that has none")
    for label in ADMONITIONS
)
