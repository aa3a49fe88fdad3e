"""Small helpers shared by validation messages."""

from datetime import date


def long_date(day: date) -> str:
    """A date as staff read it in a message: 9 April 2024 (GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"
