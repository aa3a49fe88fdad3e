"""Frontmatter values as PyYAML's safe loader makes them: the walk that records each
key's line also makes the common values itself (content/yamltext.py)."""

from __future__ import annotations

import pytest
import yaml

from generator.content.yamltext import _Loader, parse_yaml

DOCUMENTS = [
    "title: Plain text\nstatus: ready\n",
    "reference: PCC24-00001\nreceived: 2024-03-30\nfoi: false\nrelated: []\norder: 3\n",
    "n: 0x1A\no: 012\nf: 1.5e3\ninf: .inf\nnothing: ~\nalso: null\nyes_: yes\nOff: Off\n",
    "quoted: '2024-01-01'\nexplicit: !!str 123\nint_text: !!int '7'\nbig: 1_000\n",
    "list:\n  - one\n  - 2\n  - [a, {b: c}]\nnested:\n  en: Saesneg\n  cy: Cymraeg\n",
    "public_facts:\n  - text: 01267 226440\n    reason: The office's published number\n",
    "1: number key\ntrue: bool key\n",
    "base: &b {x: 1}\n",
    "<<: {a: 1, b: 2}\nc: 3\n",
    "set: !!set {a, b}\n",
    "bin: !!binary aGVsbG8=\n",
    "omap: !!omap [a: 1, b: 2]\n",
    "multi: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "empty:\nsecond: ''\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_values_are_the_safe_loaders(text: str) -> None:
    doc, problems = parse_yaml(text, "responses/x.en.md", offset=1)
    expected = yaml.load(text, Loader=_Loader)  # a safe loader
    assert not problems
    assert doc is not None
    assert doc.data == expected
    assert [type(v) for v in doc.data.values()] == [type(v) for v in expected.values()]


def test_lines_are_kept_whatever_makes_the_values() -> None:
    doc, _ = parse_yaml("a: 1\n<<: {b: 2}\nlist:\n  - x\n  - y\n", "p", offset=1)
    assert doc is not None
    assert doc.data == {"a": 1, "b": 2, "list": ["x", "y"]}
    assert doc.lines[("a",)] == 2
    assert doc.lines[("list", 1)] == 6


def test_what_the_constructor_refuses_is_still_reported() -> None:
    _, problems = parse_yaml("a: 1\nb: !!python/name:os.system x\n", "p", offset=1)
    assert [(p.code, p.line) for p in problems] == [("Y003", 3)]
    assert "could not determine a constructor" in problems[0].message
    _, problems = parse_yaml("? [complex, key]\n: value\n", "p", offset=1)
    assert [(p.code, p.line) for p in problems] == [("Y003", 2)]
    _, problems = parse_yaml("a: 1\na: !!set {x}\n", "p", offset=1)
    assert [(p.code, p.line) for p in problems] == [("Y005", 3)]
