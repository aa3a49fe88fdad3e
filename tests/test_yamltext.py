"""Frontmatter values as PyYAML's safe loader makes them: the walk that records each
key's line also makes the common values itself (content/yamltext.py)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.yamltext import _Loader, _parse, _simple, parse_yaml

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


# The quick reading of the simplest fields (yamltext._simple) must give what PyYAML
# gives, values, types and lines, or leave the text to PyYAML.
KEYS = ["title", "status", "foi", "related", "Key_2"]
ODD_KEYS = ["true", "null", "Off", "2key", "a b", "<<", "-x"]
SEPARATORS = [":", ":  ", " : ", ":\t", ": \t"]
VALUES = [
    "ready",
    "false",
    "yes",
    "No",
    "12",
    "0x1A",
    "012",
    "0o17",
    "1_000",
    "1.5e3",
    ".inf",
    "-5",
    "+5",
    "~",
    "null",
    "",
    " ",
    "2024-04-06",
    "10:30",
    "190:20:30",
    "PCC24-001",
    "a: b",
    "a #b",
    "a#b",
    "Note:",
    "a:b",
    "'q'",
    "'it''s'",
    "''",
    '"d"',
    '"a\\nb"',
    '"',
    "'",
    "[]",
    "[a]",
    "[ ]",
    "{}",
    "- x",
    "&a x",
    "*a",
    "!!str 1",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "Siân ŵ £5",
    "x\u00a0y",
    "x\u2028y",
    "=",
    "...",
    "---",
    "x  ",
    "?x",
    ",x",
    "[x",
    "x]",
    "x, y",
    "(2023/24)",
    "a -b",
    "#x",
    "'a' #c",
    '"a" x',
    "[a, b]",
    "[a,b]",
    "[ a , b ]",
    "[a, b,]",
    "[a,,b]",
    "[a, [b]]",
    "[a: b]",
    "[a:b]",
    "['a', b]",
    "[a #b]",
    "[1, true, ~, 2024-01-01]",
    "[-a]",
    "[a] b]",
    "[a]x",
    "[?a]",
    "[a b, c-d]",
    "[a?b]",
    "[a ?b]",
    "[{a}]",
    "[a, - b]",
]
INDENTS = ["", " ", "  ", "    "]
key, value, indent = st.sampled_from(KEYS), st.sampled_from(VALUES), st.sampled_from(INDENTS)
LINE = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", key, value),
    st.builds(lambda k: f"{k}:", key),
    st.builds(lambda i, v: f"{i}- {v}", indent, value),
    st.builds(
        lambda k, s, v: k + s + v,
        st.sampled_from(KEYS + ODD_KEYS),
        st.sampled_from(SEPARATORS),
        value,
    ),
    st.builds(lambda i: f"{i}-", indent),
    st.builds(lambda i, v: i + v, indent, value),
    st.sampled_from(["", "# a comment", "  # indented comment", "---", "..."]),
)


def typed(value: object) -> object:
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, value)


class _PureLoader(yaml.SafeLoader):
    """PyYAML's own (pure Python) reader, with _Loader's types: where libyaml's reading
    and PyYAML's own differ, the quick reading must leave the text to them."""


_PureLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def same_as_pyyaml(text: str) -> None:
    quick = _simple(text, 1)
    if quick is None:
        return
    doc, problems = _parse(text, "p", 1, "frontmatter")
    assert not problems, text
    assert doc is not None
    assert typed(quick.data) == typed(doc.data), text
    assert quick.lines == doc.lines, text
    assert typed(quick.data) == typed(yaml.load(text, Loader=_PureLoader) or {}), text


@pytest.mark.parametrize("value", VALUES)
def test_each_value_is_read_as_pyyaml_reads_it(value: str) -> None:
    for text in (
        f"title: {value}\nstatus: ready",
        f"related:\n  - {value}\n  - x\nstatus: ready",
        f"related:\n- {value}",
        f"{value}: x",
    ):
        same_as_pyyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "related:\n- a\n  - b",
        "related:\n  - a\n- b",
        "related:\n  - a\n    - b",
        "related:\n  - a\n   - b",
        "related:\n  - a\n  b",
        "related:\n  - a\n    b",
        "title: x\n  - a",
        "title: x\n  more",
        "related:\n  - a\nstatus: ready\n  - b",
        "title: x\ntitle: y",
        "related:\n\n  # c\n  - a\n\n  - b\n# end",
        "related:\nstatus: ready",
        " title: x",
        "a" * 1100 + ": x",
        "- a\n- b",
    ],
)
def test_each_shape_is_read_as_pyyaml_reads_it(text: str) -> None:
    same_as_pyyaml(text)


@settings(max_examples=3000, deadline=None)
@given(lines=st.lists(LINE, max_size=8))
def test_the_quick_reading_is_pyyamls(lines: list[str]) -> None:
    same_as_pyyaml("\n".join(lines))


@pytest.mark.parametrize(
    "text",
    [
        "reference: PCC24-01496\ntitle: Dalfeydd a nifer y bobl, 2023/24\nreceived: 2024-04-06\n"
        "foi: false\nrelated: []\nstatus: ready\n",
        "title: Siân's note\n# a comment\nrelated:\n  - PCC24-001\n  - 'PCC24-002'\norder: 3\n",
        "related:\n- PCC24-001\n- PCC24-002\nempty:\nnothing: ~\n",
        'title:   Two  spaces   \nquoted: "Yes"\n',
    ],
)
def test_the_common_fields_are_read_the_quick_way(text: str) -> None:
    quick = _simple(text, 1)
    assert quick is not None
    doc, problems = _parse(text, "p", 1, "frontmatter")
    assert not problems and doc is not None
    assert typed(quick.data) == typed(doc.data)
    assert quick.lines == doc.lines
