"""Every rule code is registered once, documented, and exercised by a test."""

from __future__ import annotations

import re
from pathlib import Path

from generator.i18n import Translator, table
from generator.rules.catalogue import RULES

TESTS = Path(__file__).parent


def test_every_rule_is_documented() -> None:
    assert RULES
    for code, rule in RULES.items():
        assert re.fullmatch(r"[A-Z]\d{3}", code), code
        assert rule.message and rule.hint and rule.why, code
        assert rule.name == rule.name.lower() and " " not in rule.name, code


def test_every_rule_code_is_tested() -> None:
    text = "".join(
        path.read_text(encoding="utf-8")
        for path in TESTS.rglob("test_*.py")
        if path.name != "test_registry.py"
    )
    untested = sorted(code for code in RULES if not re.search(rf"\b{code}[ \"]", text))
    assert not untested, f"no test asserts these codes: {untested}"


def test_translation_tables_have_the_same_keys() -> None:
    en, cy = table("en"), table("cy")
    assert set(en) - set(cy) == set(), "keys only in English"
    assert set(cy) - set(en) == set(), "keys only in Welsh"
    for key in en:
        assert en[key].strip() and cy[key].strip(), key
        # The same placeholders in both languages, so no fact is dropped in translation.
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", cy[key])), key


def test_welsh_table_is_translated() -> None:
    en, cy = table("en"), table("cy")
    same = [key for key in en if en[key] == cy[key] and not key.startswith("language.")]
    assert not same, f"Welsh strings identical to English: {same}"


def test_translation_tables_read_as_pyyaml_reads_them_without_libyaml() -> None:
    import yaml

    for lang in ("en", "cy"):
        text = (Path(__file__).parent.parent / "generator" / "i18n" / f"{lang}.yml").read_text(
            encoding="utf-8"
        )
        assert table(lang) == yaml.load(text, Loader=yaml.SafeLoader), lang


def test_a_count_takes_the_form_its_language_s_plural_rules_give() -> None:
    en, cy = Translator("en"), Translator("cy")
    assert en.plural("response.days", 1, days=1) == "1 day"
    assert en.plural("response.days", 1.0, days="1") == "1 day"  # a median of 1
    assert [en.plural("response.days", n, days=n) for n in (0, 2, 1.5)] == [
        "0 days",
        "2 days",
        "1.5 days",
    ]
    # Welsh puts a noun after a number in the singular.
    assert [cy.plural("response.days", n, days=n) for n in (1, 2, 3, 6)] == [
        f"{n} diwrnod" for n in (1, 2, 3, 6)
    ]
    for lang in ("en", "cy"):
        strings = table(lang)
        for key in strings:
            if re.search(r"\.(zero|one|two|few|many)$", key):
                assert f"{key.rsplit('.', 1)[0]}.other" in strings, (lang, key)
