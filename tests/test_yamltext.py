"""Frontmatter values as PyYAML's safe loader makes them: the walk that records each
key's line also makes the common values itself (content/yamltext.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.yamltext import _Loader, _parse, _simple, parse_yaml
from tests.conftest import ELECTION, response_text, run, write

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
    assert "a tag ('!' before it) that is not allowed here" in problems[0].message
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


# Values the YAML scanner accepts but PyYAML's constructor cannot make: each is one
# plain Y007 (or Y003, for a tag that is not allowed) on the line of the value, never a
# traceback. Line 1 of the text is line 2
# of the file (offset=1).
UNREADABLE = [
    ("order: 0x_", 2, "the value '0x_' cannot be read as a whole number: write a whole number"),
    ("order: 0b_", 2, "the value '0b_' cannot be read as a whole number"),
    (
        "title: x\norder: !!int ten",
        3,
        "the value 'ten' cannot be read as a whole number: remove '!!int' before it",
    ),
    (
        "a: 1\nb: 2\npublished: !!bool nope",
        4,
        "the value 'nope' cannot be read as true or false: remove '!!bool'",
    ),
    (
        "received: !!timestamp 2024-02-30",
        2,
        "the value '2024-02-30' cannot be read as a date: remove '!!timestamp' before it, and write a day that exists",
    ),
    ("received: !!timestamp soon", 2, "the value 'soon' cannot be read as a date"),
    ("received: !!timestamp 2024-01-01 10:00:00 +99:00", 2, "cannot be read as a date"),
    ("x: !!float x", 2, "the value 'x' cannot be read as a number: remove '!!float'"),
    ("x: !!float .", 2, "the value '.' cannot be read as a number"),
    ("x: !!int ''", 2, "the value '' cannot be read as a whole number"),
    ("x: !!int", 2, "the value '' cannot be read as a whole number"),
    ("x: !!bool", 2, "the value '' cannot be read as true or false"),
    ("x: &a !!int ten", 2, "remove '!!int' before it"),
    ("x: !<tag:yaml.org,2002:int> ten", 2, "remove '!<tag:yaml.org,2002:int>' before it"),
    ("x: " + "9" * 5000, 2, "the value '" + "9" * 40 + "...' cannot be read as a whole number"),
    ("x: 0x" + "f" * 10000, 2, "cannot be read as a whole number"),
    ("related:\n  - a\n  - 0x_", 4, "the value '0x_' cannot be read as a whole number"),
    ("related: [a, 0x_]", 2, "the value '0x_' cannot be read as a whole number"),
    ("topics:\n  budget: {en: 0x_, cy: x}", 3, "the value '0x_' cannot be read"),
    # A merge key and a set make the constructor read the whole document itself.
    ("<<: {a: 1}\nb: !!int ten", 3, "the value 'ten' cannot be read as a whole number"),
    ("s: !!set {a}\nlist:\n  - !!bool nope", 4, "the value 'nope' cannot be read as true or false"),
    ("<<: {a: !!float x}", 2, "the value 'x' cannot be read as a number"),
    ("x: !!binary é", 2, "failed to convert base64 data"),
    ("x: =", 2, "a tag ('!' before it) that is not allowed here, or is '=' or '<<' on its own"),
    ("x: !!python/object/apply:os.system [ls]", 2, "a tag ('!' before it) that is not allowed"),
    ("x: \ud800", 2, "a character is not valid text"),
]


@pytest.mark.parametrize(("text", "line", "said"), UNREADABLE)
def test_a_value_that_cannot_be_made_is_one_plain_error(text: str, line: int, said: str) -> None:
    doc, problems = parse_yaml(text, "responses/x.en.md", offset=1)
    assert doc is None
    # PyYAML's own errors (a tag not allowed, bad base64, a broken character) are Y003.
    code = "Y003" if any(y in said for y in ("a tag (", "base64", "valid text")) else "Y007"
    assert [(p.code, p.line) for p in problems] == [(code, line)], problems
    assert said in f"{problems[0].message}: {problems[0].hint}", problems[0]


def test_the_whole_frontmatter_must_be_plain_fields() -> None:
    for text, found in [
        ("!!set {a, b}", "'!!set'"),
        ("!!omap [a: 1]", "a list"),
        ("!x {a: 1}", "'!x'"),
    ]:
        doc, problems = parse_yaml(text, "p", offset=1)
        assert doc is None
        assert [(p.code, p.line) for p in problems] == [("Y004", 2)]
        assert problems[0].message.endswith(found), problems[0].message


def test_aliases_cannot_expand_into_millions_of_values() -> None:
    """The 'billion laughs': nine lines that a loader that expands aliases turns into a
    billion strings; refused at the first alias, at once."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    for text in ["\n".join(lines), "base: &b {x: 1}\n<<: [*b, *b]", "a: &a [*a]"]:
        _, problems = parse_yaml(text, "p", offset=1)
        assert [p.code for p in problems] == ["Y006"], text


DEEP = 100_000


def test_values_nested_very_deep_are_an_error_not_a_crash() -> None:
    """libyaml builds nested values by calling itself, so text nested this deep overflowed
    the C stack and killed the process (a crash, not even a traceback): read in a child
    process, so that a crash fails this test rather than ending the whole run."""
    script = (
        "from generator.content.yamltext import parse_yaml\n"
        f"for text in ('x: ' + '[' * {DEEP} + ']' * {DEEP}, 'x:\\n' + '- ' * {DEEP} + 'a',"
        f" 'x: ' + '{{a: ' * {DEEP} + '1' + '}}' * {DEEP}, 'x:\\n' * 3 + 'y: ' + '[' * 101):\n"
        "    doc, problems = parse_yaml(text, 'p', offset=1)\n"
        "    print(doc, [(p.code, p.line, p.message) for p in problems])\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert child.returncode == 0, child.stderr[-2000:]
    deep = (
        "the fields cannot be read: lists or fields are put inside one another more than 100 deep"
    )
    lines = child.stdout.splitlines()
    assert lines[:3] == [f"None [('Y003', {line}, '{deep}')]" for line in (2, 3, 2)], lines
    assert lines[3] == f"None [('Y003', 5, '{deep}')]", lines


def test_nesting_up_to_the_limit_is_read() -> None:
    doc, problems = parse_yaml("x: " + "[" * 99 + "]" * 99, "p", offset=1)
    assert not problems and doc is not None


# Pieces of YAML, most of them odd, put together at random: whatever comes of them,
# parse_yaml gives a document or diagnostics, never an exception.
PIECES = [
    "a", "b", ": ", ":", "- ", "-", "\n", "\n  ", " ", "[", "]", "{", "}", ",", "? ", "&x ",
    "*x", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!omap ",
    "!!pairs ", "!!map ", "!!seq ", "!!str ", "<<", "=", "0x", "0b", "_", "1", ".", "e", "+",
    "2024-02-30", "10:00", "nope", "~", "'", '"', "\\", "#", "|", ">", "%", "---", "\t", "é",
    ".inf", "1:60", "T", "+99:00", "aGk=", "***",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_no_text_makes_parse_yaml_raise(pieces: list[str]) -> None:
    doc, problems = parse_yaml("".join(pieces), "p", offset=1)
    assert (doc is None) == bool(problems)
    if doc is not None:
        assert isinstance(doc.data, dict)


# Through the real command: a response's fields and the election settings file.
def test_check_names_the_file_and_line_of_a_value_that_cannot_be_read(project: Path) -> None:
    write(project, "responses/PCC24-001.en.md", response_text("en", foi="!!bool nope"))
    write(
        project,
        "content/election.yml",
        ELECTION.replace("polling_day: 2024-05-02", "polling_day: !!timestamp 2024-02-30"),
    )
    code, output = run("check", "--root", str(project))
    assert code == 1, output
    assert "Traceback" not in output
    assert (
        "responses/PCC24-001.en.md:11: Y007 the value 'nope' cannot be read as true or false\n"
        "      fix: remove '!!bool' before it, and write true or false"
    ) in output
    assert (
        "content/election.yml:6: Y007 the value '2024-02-30' cannot be read as a date\n"
        "      fix: remove '!!timestamp' before it, and write a day that exists"
    ) in output
