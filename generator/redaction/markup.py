"""A text with HTML in it, read as a browser shows it: what the detectors also search.

A name split by markup that shows nothing (``Beth<!-- -->an Morgan``,
``Beth<ins>an</ins> Morgan``, ``Bethan&#32;Morgan``) reads whole on the page, yet no
pattern finds it in the file. Here comments go (every form a browser hides, not only
``<!-- -->``), as do scripts, styles and templates with what they hold; tags that break
a line or stand as a box of their own (paragraphs, list items, table cells, images,
buttons) become a space; every other tag goes, as browsers treat a tag they do not
know; and character references become the characters they stand for. Line breaks are
kept where they were, so a finding's line in this reading is its line in the file.
"""

from __future__ import annotations

import re

from generator.util import unescape

# Elements a browser shows on a line or in a box of their own: the words either side of
# one are not read as one word.
_BREAKING = (
    "address|area|article|aside|audio|base|blockquote|body|br|button|canvas|caption|col"
    "|colgroup|dd|details|dialog|div|dl|dt|embed|fieldset|figcaption|figure|footer|form"
    "|frame|frameset|h[1-6]|head|header|hgroup|hr|html|iframe|img|input|legend|li|link"
    "|main|math|menu|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|picture"
    "|pre|progress|search|section|select|source|summary|svg|table|tbody|td|textarea"
    "|tfoot|th|thead|title|tr|track|ul|video"
)
# Inside a tag: a quoted value may hold '>' (and '<'), which does not end the tag. Each
# part stops at the next '<' or within a bounded quote, so a text full of '<' that is
# never closed is read in linear time.
_INSIDE = r"""(?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}')*"""
_HIDDEN = "script|style|template"
_BREAKING_TAG = rf"</?(?:{_BREAKING})(?![^\s/<>]){_INSIDE}>"
_OTHER_TAG = rf"</?[A-Za-z][^\s/<>]*(?:[\s/]{_INSIDE})?>"
_REFERENCE = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
_MARKUP = re.compile(
    # The forms of comment browsers hide: <!-- -->, with '--!>' or at once ('<!-->'),
    # unclosed (it hides the rest), and the "bogus" ones: <!x>, <?x>, </ and no letter.
    r"(?P<comment><!--(?:-?>|.*?(?:--!?>|\Z))|<[!?][^>]*(?:>|\Z)|</(?![A-Za-z])[^>]*(?:>|\Z))"
    rf"|(?P<hidden><(?P<name>{_HIDDEN})(?![^\s/<>]){_INSIDE}>"
    r".*?(?:</(?P=name)(?=[\s/>])[^>]*(?:>|\Z)|\Z))"
    rf"|(?P<breaking>{_BREAKING_TAG})|(?P<tag>{_OTHER_TAG})|(?P<reference>{_REFERENCE})",
    re.S | re.I,
)
# The same, a kind at a time, for a text with tags and references only (most of them):
# plain substitutions, with nothing to work out at each tag, take half the time.
_BREAKING_TAGS = re.compile(_BREAKING_TAG, re.I)
_OTHER_TAGS = re.compile(_OTHER_TAG)
_REFERENCES = re.compile(_REFERENCE)
# Nor markup that the removal of a tag could join into a new tag or reference ("<b <br>",
# "&<i>#97;"): read one piece at a time, as a browser does.
_NOT_TAGS_ONLY = re.compile(
    rf"<[!?]|</(?![A-Za-z])|<(?:{_HIDDEN})(?![^\s/<>])|<[A-Za-z/][^<>]*<|&[#\w]*<", re.I
)
# Whether a text holds any of the above: most sources hold none, and are read as written.
_ANY = re.compile(r"<[A-Za-z!?/]|&(?:#|[A-Za-z][A-Za-z0-9]*;)")


def has_markup(text: str) -> bool:
    # The plain tests first: a pattern's search takes ten times as long, and most
    # sources hold neither character.
    return ("<" in text or "&" in text) and _ANY.search(text) is not None


def as_read(text: str) -> str:
    """``text`` as a browser shows it, line for line; a text without markup unchanged.

    The line breaks inside a comment or tag that goes are put back at the end of the
    line it ends on, so that "Beth<!--\\n-->an" reads "Bethan" and every later line
    keeps its number."""
    if not has_markup(text):
        return text
    read = quickly(text)
    return read if read is not None else piece_by_piece(text)


def quickly(text: str) -> str | None:
    """``as_read`` for a text of tags and references only, with none over two lines;
    None for any other."""
    if _NOT_TAGS_ONLY.search(text):
        return None
    read = _OTHER_TAGS.sub("", _BREAKING_TAGS.sub(" ", text))
    if read.count("\n") != text.count("\n"):  # a tag over two lines
        return None
    return _REFERENCES.sub(_character, read) if "&" in read else read


def piece_by_piece(text: str) -> str:
    """``as_read`` for any text, one piece of markup at a time."""
    parts: list[str] = []
    owed = 0  # line breaks taken out and not yet put back
    position = 0
    for match in _MARKUP.finditer(text):
        if owed:
            parts.append(_paid(text[position : match.start()], owed))
            if "\n" in parts[-1]:
                owed = 0
        else:
            parts.append(text[position : match.start()])
        kind = match.lastgroup
        if kind == "reference":
            parts.append(_character(match))
        else:
            if kind == "breaking":
                parts.append(" ")
            owed += text.count("\n", match.start(), match.end())
        position = match.end()
    rest = text[position:]
    parts.append(_paid(rest, owed) if "\n" in rest else rest + "\n" * owed)
    return "".join(parts)


def _character(match: re.Match[str]) -> str:
    # A reference to a line break would move every later line: it reads as a space.
    return unescape(match.group()).replace("\n", " ").replace("\r", " ")


def _paid(text: str, owed: int) -> str:
    """``text`` with ``owed`` line breaks put back before its first one."""
    if not owed:
        return text
    return text.replace("\n", "\n" * (owed + 1), 1)
