"""A text with HTML in it, read as a browser shows it: what the detectors also search.

A name split by markup that shows nothing (``Beth<!-- -->an Morgan``,
``Beth<ins>an</ins> Morgan``, ``Bethan&#32;Morgan``) reads whole on the page, yet no
pattern finds it in the file. Here comments go, tags that break a line or stand as a
box of their own (paragraphs, list items, table cells, images, buttons) become a space,
every other tag goes, as browsers treat a tag they do not know, and character
references become the characters they stand for. Line breaks are kept where they were,
so a finding's line in this reading is its line in the file.
"""

from __future__ import annotations

import html
import re

# Elements a browser shows on a line or in a box of their own, or which show no text
# (script, style, title): the words either side of one are not read as one word.
_BREAKING = (
    "address|area|article|aside|audio|base|blockquote|body|br|button|canvas|caption|col"
    "|colgroup|dd|details|dialog|div|dl|dt|embed|fieldset|figcaption|figure|footer|form"
    "|frame|frameset|h[1-6]|head|header|hgroup|hr|html|iframe|img|input|legend|li|link"
    "|main|math|menu|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|picture"
    "|pre|progress|script|search|section|select|source|style|summary|svg|table|tbody|td"
    "|template|textarea|tfoot|th|thead|title|tr|track|ul|video"
)
_BREAKING_TAG = rf"</?(?:{_BREAKING})(?![\w:-])[^>]*>"
_OTHER_TAG = r"</?[A-Za-z][\w:-]*(?:\s[^>]*)?/?>"
_REFERENCE = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
_MARKUP = re.compile(
    # An unclosed comment hides the rest of the page.
    r"(?P<comment><!--.*?(?:-->|\Z))"
    rf"|(?P<breaking>{_BREAKING_TAG})|(?P<tag>{_OTHER_TAG})|(?P<reference>{_REFERENCE})",
    re.S | re.I,
)
# The same, one kind at a time, for a text with no comment and no tag over two lines
# (most of them): three searches with nothing to work out at each find are quicker than
# one that stops at every tag to ask which kind it is.
_BREAKING_TAGS = re.compile(_BREAKING_TAG, re.I)
_OTHER_TAGS = re.compile(_OTHER_TAG)
_REFERENCES = re.compile(_REFERENCE)
_TAG_OVER_LINES = re.compile(r"<[A-Za-z/][^>]*\n")
# Whether a text holds any of the above: most sources hold none, and are read as written.
_ANY = re.compile(r"<[A-Za-z!/]|&(?:#|[A-Za-z][A-Za-z0-9]*;)")


def has_markup(text: str) -> bool:
    # The plain tests first: a pattern's search takes ten times as long, and most
    # sources hold neither character.
    return ("<" in text or "&" in text) and _ANY.search(text) is not None


def as_read(text: str) -> str:
    """``text`` as a browser shows it, line for line; a text without markup unchanged.

    The line breaks inside a comment or tag that goes are put back at the end of the
    line it ends on, so that "Beth<!--\n-->an" reads "Bethan" and every later line
    keeps its number."""
    if not has_markup(text):
        return text
    if "<!--" not in text and not _TAG_OVER_LINES.search(text):
        text = _OTHER_TAGS.sub("", _BREAKING_TAGS.sub(" ", text))
        return _REFERENCES.sub(_character, text) if "&" in text else text
    parts: list[str] = []
    owed = 0  # line breaks taken out and not yet put back
    position = 0
    for match in _MARKUP.finditer(text):
        parts.append(_paid(text[position : match.start()], owed))
        if owed and "\n" in parts[-1]:
            owed = 0
        markup = match.group()
        if match.lastgroup == "reference":
            parts.append(_character(match))
        elif match.lastgroup == "breaking":
            parts.append(" ")
        owed += markup.count("\n")
        position = match.end()
    rest = text[position:]
    parts.append(_paid(rest, owed) if "\n" in rest else rest + "\n" * owed)
    return "".join(parts)


def _character(match: re.Match[str]) -> str:
    # A reference to a line break would move every later line: it reads as a space.
    return html.unescape(match.group()).replace("\n", " ").replace("\r", " ")


def _paid(text: str, owed: int) -> str:
    """``text`` with ``owed`` line breaks put back before its first one."""
    if not owed:
        return text
    return text.replace("\n", "\n" * (owed + 1), 1)
