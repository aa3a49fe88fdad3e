"""Reading YAML with the line of every value, and every failure as a diagnostic.

PyYAML is used through its node layer so that each key keeps its line (errors name the
line of the field) and duplicate keys, which PyYAML would silently overwrite, are
reported. Dates are left as text: the content model parses them, so that a date that
does not exist (2024-02-30) is a plain error rather than a PyYAML traceback. The
simplest fields, which nearly every file has alone, are read a quicker way that gives
PyYAML's values and lines (_simple, at the end).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic
from generator.rules import frontmatter as rules

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _BadValue(Exception):
    """A value the constructor could not make: ``node`` is the value, for its line."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


# A whole number hundreds of digits long is no field's value; one of thousands ('0xfff...')
# Python refuses to write out as text (ValueError), so any message quoting it would fail.
_MAX_INT_BITS = 1024


def _too_long(value: object) -> bool:
    return type(value) is int and value.bit_length() > _MAX_INT_BITS


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, with timestamps kept as strings."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML's safe constructors convert the text they are given without checking it
        # first: 'order: 0x_' or '!!int ten' raise ValueError, '!!bool nope' KeyError,
        # '!!timestamp 2024-02-30' ValueError, '!!int ""' IndexError. The innermost value
        # that fails is the one to name, so it is caught here, where its node is known.
        try:
            data = super().construct_object(node, deep)
        except (ArithmeticError, LookupError, ValueError, TypeError, AttributeError) as exc:
            raise _BadValue(node) from exc
        if _too_long(data):
            raise _BadValue(node)
        return data


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


@dataclass
class YamlDoc:
    data: Any
    # Line (1-based, in the file) of every key and list item, by its path from the top.
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_, default: int) -> int:
        """The line of the deepest known part of ``path``."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return default


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
_SCALARS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("int", "bool", "null", "float"))


@dataclass
class _Walk:
    """One pass over the nodes: the line of every key and item, the duplicate keys, and
    the value PyYAML's safe constructor would make. Text, mappings and lists, most of
    any frontmatter, are made here, several times quicker than by the constructor's
    general path; other scalars are the constructor's. Anything else (a merge key
    '<<', a set, binary) leaves ``plain`` false, and the constructor makes the whole
    document."""

    doc: YamlDoc
    offset: int
    loader: Any
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    plain: bool = True

    def value(self, node: yaml.Node, path: Path_) -> Any:
        # An alias (*name) is the same node met twice; refusing them rules out documents
        # that refer to themselves or expand a few lines into millions of values.
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.seen:
                raise _AliasFound(node.start_mark.line + 1 + self.offset)
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, Any] = {}
            first_lines: dict[str, int] = {}
            self.plain = self.plain and node.tag == _MAP
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                self.plain = self.plain and key_node.tag == _STR
                line = key_node.start_mark.line + 1 + self.offset
                if key in first_lines:
                    self.duplicates.append((line, key, first_lines[key]))
                else:
                    first_lines[key] = line
                    self.doc.lines[(*path, key)] = line
                mapping[key] = self.value(value_node, (*path, key))
            return mapping
        if isinstance(node, yaml.SequenceNode):
            self.plain = self.plain and node.tag == _SEQ
            items = []
            for index, item in enumerate(node.value):
                self.doc.lines[(*path, index)] = item.start_mark.line + 1 + self.offset
                items.append(self.value(item, (*path, index)))
            return items
        if node.tag == _STR:
            return node.value
        if node.tag in _SCALARS and self.plain:
            return self.loader.construct_object(node)
        self.plain = False
        return None


# What PyYAML's messages mean, in words for the staff who write the fields.
_PLAIN = [
    (
        "expected key",
        "this line does not line up with the fields above it: remove any space or '#' at its start",
    ),
    (
        "mapping values are not allowed",
        "this line starts with a space, or its value contains ': ': remove the space at "
        "the start, or put the whole value in double quotes",
    ),
    ("expected ',' or ']'", "a list opened with '[' is not closed with ']' on the same line"),
    ("expected ',' or '}'", "a '{' is not closed with '}' on the same line"),
    (
        "cannot start any token",
        "the line starts with a character that cannot begin a value "
        "(a tab, '@' or '`'): use spaces, and put the value in double quotes",
    ),
    ("found unexpected end of stream", "a quotation mark is opened and never closed"),
    (
        "could not determine a constructor",
        "the value is marked with a tag ('!' before it) that is not allowed here, or is '=' "
        "or '<<' on its own: remove the tag, or put the value in double quotes",
    ),
    (
        "found unknown escape character",
        "a backslash in double quotes: write the value in single quotes instead",
    ),
]


def plain_problem(exc: yaml.MarkedYAMLError) -> str:
    said = " ".join(filter(None, [exc.context, exc.problem]))
    for clue, meaning in _PLAIN:
        if clue in said:
            return meaning
    return said or "not valid YAML"


def parse_yaml(
    text: str, path: str, *, offset: int = 0, what: str = "frontmatter"
) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse ``text``; ``offset`` is the number of file lines before the text starts."""
    simple = _simple(text, offset)
    if simple is not None:
        return simple, []
    return _parse(text, path, offset, what)


def _parse(text: str, path: str, offset: int, what: str) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """PyYAML's reading of ``text``, for parse_yaml."""
    loader = None
    try:
        deep = _too_deep(text)
        if deep is not None:
            problem = f"lists or fields are put inside one another more than {_MAX_DEPTH} deep"
            return None, [rules.SYNTAX.at(path, deep + 1 + offset, problem=problem)]
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(data={}), []
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            found = {
                yaml.SequenceNode: "a list",
                yaml.MappingNode: f"a value marked '{_tag_as_written(node.tag)}'",
            }.get(type(node), "a single value")
            line = node.start_mark.line + 1 + offset
            return None, [rules.NOT_MAPPING.at(path, line, what=what, found=found)]
        doc = YamlDoc(data=None)
        walk = _Walk(doc, offset, loader)
        try:
            data = walk.value(node, ())
        except _AliasFound as alias:
            return None, [rules.ALIAS.at(path, alias.line)]
        if walk.duplicates:
            return None, [
                rules.DUPLICATE_KEY.at(path, line, key=key, first=first)
                for line, key, first in walk.duplicates
            ]
        doc.data = data if walk.plain else loader.construct_document(node)
        return doc, []
    except _BadValue as bad:
        line = bad.node.start_mark.line + 1 + offset
        value, kind, fix = _unreadable(bad.node, text)
        return None, [rules.UNREADABLE_VALUE.at(path, line, value=value, kind=kind, fix=fix)]
    except yaml.MarkedYAMLError as exc:
        # Where the broken construct starts (an unclosed quote or bracket) is more use to
        # staff than where the parser gave up, often the end of the block; but when the
        # construct is the whole block of fields, its start (line 2) says nothing.
        whole_block = (exc.context or "").startswith("while parsing a block")
        mark = (exc.problem_mark if whole_block else None) or exc.context_mark
        mark = mark or exc.problem_mark
        line = (mark.line + 1 + offset) if mark else offset + 1
        return None, [rules.SYNTAX.at(path, line, problem=plain_problem(exc))]
    except yaml.YAMLError as exc:  # errors without a position, e.g. from the reader
        return None, [rules.SYNTAX.at(path, offset + 1, problem=str(exc).splitlines()[0])]
    except UnicodeEncodeError:
        # libyaml is given UTF-8: text with a lone surrogate (never read from a file, which
        # is decoded strictly, but possible from other callers) cannot be.
        return None, [rules.SYNTAX.at(path, offset + 1, problem="a character is not valid text")]
    finally:
        if loader is not None:
            loader.dispose()


def _tag_as_written(tag: str) -> str:
    """'!!set' for PyYAML's 'tag:yaml.org,2002:set'; other tags as they are."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1) if tag.startswith("tag:yaml") else tag


# Frontmatter nests two or three deep. libyaml builds nodes by calling itself once for
# each level, so text nested tens of thousands deep overflows the C stack and kills the
# process; the walk above would hit Python's recursion limit long before that.
_MAX_DEPTH = 100


def _too_deep(text: str) -> int | None:
    """The line (0-based, in ``text``) where values nest more than _MAX_DEPTH deep, or
    None. libyaml's events come from a loop, not recursion, so reading them is safe."""
    # Every level of nesting starts with one of these characters ('[', '{', a list's '-',
    # a field's ':' or '?'), so text with few of them needs no reading.
    if sum(text.count(char) for char in "[{-:?") <= _MAX_DEPTH:
        return None
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _MAX_DEPTH:
                    return int(event.start_mark.line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    return None


# What each type is called, for a value that cannot be read as its type.
_KINDS = {
    "int": ("a whole number", "a whole number in digits only, such as 3"),
    "float": ("a number", "a number in digits, such as 2.5"),
    "bool": ("true or false", "true or false"),
    "timestamp": ("a date", "a day that exists, as YYYY-MM-DD, such as 2024-03-25"),
}
_SHOWN = 40  # characters of a value quoted in a message


def _unreadable(node: yaml.Node, text: str) -> tuple[str, str, str]:
    """The value ``node`` as quoted in a message, what it cannot be read as, and how to
    write it, for staff."""
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "..."
    written = text[node.start_mark.index : node.end_mark.index]
    # A tag written before the value ('!!int', '!<...>'), perhaps after an anchor.
    tag = next((word for word in written.split()[:2] if word.startswith("!")), None)
    kind = node.tag.rsplit(":", 1)[-1]
    called, example = _KINDS.get(kind, (f"the type '{kind}'", ""))
    if tag:
        return (
            shown,
            called,
            f"remove '{tag}' before it" + (f", and write {example}" if example else ""),
        )
    if example:
        return shown, called, f"write {example}, or put it in double quotes if it is text"
    return shown, called, "put it in double quotes"


# The quick way for the fields nearly every file has: one 'key: value' a line, lists of
# plain items, comments. PyYAML stays the authority: whatever does not fit this narrow
# form exactly (quotes with escapes, block text, flow lists with items, anchors, tags, a
# colon or '#' that might mean something, tabs, unusual characters, a repeated key) is
# left to it, and a property test holds the two to the same values and lines
# (tests/test_yamltext.py). Composing PyYAML's nodes took most of the time of reading
# a response, more than all of its other checks but the privacy scan.
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*?))? *\Z")
_ITEM_LINE = re.compile(r"( *)-(?: +(.*?))? *\Z")
# What a plain value may not start with: YAML's indicators (quotes are read apart).
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
# In a one-line list: brackets, quotes, a colon or '#' that might mean something, and '?',
# which ends an item for PyYAML's own scanner (libyaml before 0.2.5 too).
_NOT_IN_FLOW = frozenset("[]{}:#'\"?")
_SCALAR = yaml.ScalarNode


class _Resolver(yaml.resolver.Resolver):
    """Decides a plain value's type as _Loader does (timestamps left as text)."""


_Resolver.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_RESOLVER = _Resolver()
# The characters a value must start with to be anything but text (true, 12, ~, .inf...):
# any other value is text without asking the resolver.
_TYPED_FIRST = frozenset(_Loader.yaml_implicit_resolvers) | {""}


def _tag(value: str) -> str:
    if value[:1] not in _TYPED_FIRST and None not in _TYPED_FIRST:
        return _STR
    return _resolved(value)


@functools.lru_cache(maxsize=4096)  # field names, dates and words come again and again
def _resolved(value: str) -> str:
    return _RESOLVER.resolve(_SCALAR, value, (True, False))  # type: ignore[no-any-return]


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _NotSimple(Exception):
    pass


def _scalar(value: str | None) -> Any:
    """A value as written after 'key: ' or '- ', or _NotSimple."""
    if not value:
        return None  # an empty value is null
    first = value[0]
    if first == '"' or first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != first or first in inner or "\\" in inner:
            raise _NotSimple
        return inner
    if first == "[" and value[-1] == "]":  # a list on one line: "[a, b]"
        inner = value[1:-1]
        if not inner.strip():
            return []
        if any(char in inner for char in _NOT_IN_FLOW):
            raise _NotSimple
        return [_plain(item.strip()) for item in inner.split(",")]
    return _plain(value)


def _plain(value: str) -> Any:
    # ': ' and ' #' end a plain value, and a final ':' makes it a key: left to PyYAML.
    if not value or value[0] in _NOT_FIRST or ": " in value or " #" in value or value[-1] == ":":
        raise _NotSimple
    tag = _tag(value)
    if tag == _STR:
        return value
    if tag not in _SCALARS:
        raise _NotSimple
    try:
        made = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, _SCALAR(tag, value))
    except (ArithmeticError, ValueError):  # '0x_', a number too long: PyYAML's to report
        raise _NotSimple from None
    if _too_long(made):
        raise _NotSimple
    return made


def _simple(text: str, offset: int) -> YamlDoc | None:
    """``text`` read the quick way, or None where PyYAML must read it."""
    if "\t" in text or not text.replace("\n", "").isprintable():
        return None
    doc = YamlDoc(data={})
    data = doc.data
    key = ""
    items: list[Any] | None = None  # the list that items on the next lines go into
    indent = ""  # of its first item
    try:
        for index, line in enumerate(text.split("\n")):
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            if stripped[0] == "-":
                match = _ITEM_LINE.match(line)
                if match is None or items is None or match[2] is None:
                    return None
                if not items:
                    indent = match[1]
                    data[key] = items
                elif match[1] != indent:
                    return None
                item = _scalar(match[2])
                if isinstance(item, list) and item:  # "- [a, b]": left to PyYAML
                    return None
                doc.lines[(key, len(items))] = index + 1 + offset
                items.append(item)
                continue
            match = _KEY_LINE.match(line)
            # PyYAML refuses a key of more than 1,024 characters; no field name comes near
            # 100, so a longer one is left to PyYAML to report.
            if match is None or match[1] in data or len(match[1]) > 100:
                return None
            key = match[1]
            if _tag(key) != _STR:
                return None
            doc.lines[(key,)] = index + 1 + offset
            data[key] = _scalar(match[2])
            if isinstance(data[key], list):  # its items are on the key's line
                doc.lines.update(((key, n), index + 1 + offset) for n in range(len(data[key])))
            # 'key:' alone is null, or the list of the items on the lines below it.
            items = [] if match[2] is None else None
    except _NotSimple:
        return None
    return doc
