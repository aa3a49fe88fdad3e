"""P001: email addresses, including the spellings people use to dodge filters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Lang
from generator.redaction.detectors import MESSAGE, PUBLIC_FACT, REDACT, Hit, lowered
from generator.rules.registry import rule

WHAT = "an email address"
RULE = rule(
    "P001",
    "email-address",
    MESSAGE,
    f"{REDACT}; {PUBLIC_FACT}",
    "An email address identifies a person; publishing one is a personal-data breach.",
)

# Starts only where a run of address characters starts: trying every position inside a
# long word would make the search slow on large pages.
_LOCAL = r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+-])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
# name@domain.tld, with stray spaces around the @ (a fullwidth at sign is an @ by now).
# The @ also as Markdown, HTML and web addresses write it: \@, &#64;, %40.
_AT_SIGN = r"(?:\\?@|%40|&#0*64;|&#[xX]0*40;)"
_PLAIN = re.compile(rf"{_LOCAL}\s?{_AT_SIGN}\s?{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,}}\b")
# name [at] domain [dot] com, name (at) domain (dot) co (dot) uk, name AT domain DOT com
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT_BRACKETED = rf"\s*{_OPEN}\s*at\s*{_CLOSE}\s*"
_DOT_WORD = rf"(?:\s*{_OPEN}\s*dot\s*{_CLOSE}\s*|\s+dot\s+)"
_DOT_ANY = rf"(?:{_DOT_WORD}|\.)"
_TLD = r"[A-Za-z]{2,}\b"
_BRACKETED = re.compile(
    rf"{_LOCAL}{_AT_BRACKETED}{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD}", re.I
)
# A bare "at" is everyday English and Welsh ("Ysgrifennwch at y Prif Weithredwr"), so it
# counts only when a spelt-out "dot" follows, or the name part looks like an address's.
_BARE_DOT_WORD = re.compile(
    rf"{_LOCAL}\s+at\s+{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_WORD}{_TLD}", re.I
)
_BARE_DOTTED = re.compile(
    rf"(?P<local>{_LOCAL})\s+(?P<at>at|AT)\s+{_LABEL}(?:\.{_LABEL})+\.?[A-Za-z]*\b"
)
_ADDRESS_LIKE = re.compile(r"[._+\d]")
# Mail providers: "gareth at btinternet.com" is an address however plain its name part.
_MAILBOX_DOMAIN = re.compile(
    r"\s(?:at|AT)\s+(?:gmail|googlemail|hotmail|outlook|live|yahoo|btinternet|icloud|me|aol|"
    r"sky|talktalk|virginmedia|ntlworld|protonmail|proton|gmx|tiscali)\.",
    re.I,
)


# Cheap tests that say whether a pattern can match at all: most texts have no @ and no
# bracketed or spelt-out "at", and the full patterns are slow on long pages. Each is
# searched in the text in lower case, and starts with a plain "at", which is found
# several times quicker than a set of characters.
_MAY_BRACKET = re.compile(rf"at\s*{_CLOSE}")
_MAY_BARE = re.compile(r"at\s+[a-z0-9-]+\.[a-z0-9]")
_DOT = "dot"  # a name of its own so that a test can make every text pass


def find(text: str, lang: Lang | None) -> Iterator[Hit]:
    seen: list[tuple[int, int]] = []

    def fresh(start: int, end: int) -> bool:
        if any(s < end and start < e for s, e in seen):
            return False
        seen.append((start, end))
        return True

    lower = lowered(text)
    patterns = []
    if "@" in text or "%40" in text or "&#" in text:
        patterns.append(_PLAIN)
    if _MAY_BRACKET.search(lower):
        patterns.append(_BRACKETED)
    if _DOT in lower:
        patterns.append(_BARE_DOT_WORD)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if fresh(match.start(), match.end()):
                yield Hit(match.start(), match.end())
    if not _MAY_BARE.search(lower):
        return
    for match in _BARE_DOTTED.finditer(text):
        address_like = (
            match["at"] == "AT"
            or _ADDRESS_LIKE.search(match["local"])
            or _MAILBOX_DOMAIN.match(text, match.end("local"))
        )
        web_address = match.group().lower().startswith(("www.", "http"))
        if address_like and not web_address and fresh(match.start(), match.end()):
            yield Hit(match.start(), match.end())
