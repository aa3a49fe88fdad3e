"""Small helpers shared by validation messages and the readings of HTML."""

import functools
import html
import re
from datetime import date


def long_date(day: date) -> str:
    """A date as staff read it in a message: 9 April 2024 (GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"


@functools.lru_cache(maxsize=2)  # a file's checks read one text after another
def lowered(text: str) -> str:
    """``text`` in lower case, made once for every check of the file that needs it (the
    privacy scan's detectors, the placeholder check)."""
    return text.lower()


# A numeric character reference thousands of digits long: past the last character, which
# a browser shows as U+FFFD, and too long for Python to read as a number (ValueError).
_LONG_REFERENCE = re.compile(r"&#(?:[0-9]{20,}|[xX][0-9a-fA-F]{20,});?")


def unescape(text: str) -> str:
    """``html.unescape``, that never raises: a reference to a number too large to be a
    character reads as U+FFFD, as it does in a browser."""
    if "&#" in text:
        text = _LONG_REFERENCE.sub("\ufffd", text)
    return html.unescape(text)
