"""Reading YAML with the line of every value, and every failure as a diagnostic.

PyYAML is used through its node layer so that each key keeps its line (errors name the
line of the field) and duplicate keys, which PyYAML would silently overwrite, are
reported. Dates are left as text: the content model parses them, so that a date that
does not exist (2024-02-30) is a plain error rather than a PyYAML traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import Diagnostic
from generator.rules import frontmatter as rules

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, with timestamps kept as strings."""


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(data={}), []
        if not isinstance(node, yaml.MappingNode):
            found = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
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
    finally:
        loader.dispose()
