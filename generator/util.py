"""Small helpers shared by validation messages."""

import functools
from datetime import date


def long_date(day: date) -> str:
    """A date as staff read it in a message: 9 April 2024 (GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"


@functools.lru_cache(maxsize=2)  # a file's checks read one text after another
def lowered(text: str) -> str:
    """``text`` in lower case, made once for every check of the file that needs it (the
    privacy scan's detectors, the placeholder check)."""
    return text.lower()
