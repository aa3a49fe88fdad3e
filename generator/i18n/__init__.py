"""The translation tables: every string a reader sees, one table per language.

Dates are written by Babel from the Unicode CLDR data, so Welsh months are right
("9 Ebrill 2024") without a table of our own.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from markupsafe import Markup, escape

HERE = Path(__file__).parent


# libyaml's loader where PyYAML has it: the same safe loader, ten times quicker, and
# every build and preview reads both tables.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def table(lang: str) -> dict[str, str]:
    with (HERE / f"{lang}.yml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


class Translator:
    """``t("register.count", count=3)`` in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.strings = table(lang)

    def __call__(self, key: str, **values: object) -> str:
        return self.strings[key].format(**values) if values else self.strings[key]

    def plural(self, key: str, number: float, **values: object) -> str:
        """The form of ``key`` that goes with ``number`` ("1 day", "2 days"): the entry
        ``key.one``, ``key.two``, ``key.few`` and so on that the language's plural
        rules (Unicode CLDR, through Babel) choose, or ``key.other``."""
        form = f"{key}.{_plural_form(number, self.lang)}"
        return self(form if form in self.strings else f"{key}.other", **values)

    def markup(self, key: str, **values: object) -> Markup:
        """The string with HTML values (links) put in: the string itself is escaped,
        values are escaped unless they are Markup already."""
        return Markup(escape(self.strings[key])).format(**values)

    def date(self, day: date) -> str:
        return _long_date(day, self.lang)


@cache
def _plural_form(number: float, lang: str) -> str:
    return str(Locale.parse(lang).plural_form(number))


@cache
def _long_date(day: date, lang: str) -> str:
    # Babel is slow for each call, and a register shows the same few dozen days again
    # and again.
    return format_date(day, "d MMMM y", locale=lang)
