"""Y: the YAML frontmatter at the top of a Markdown file (and the YAML data files)."""

from generator.rules.registry import rule

NO_FRONTMATTER = rule(
    "Y001",
    "no-frontmatter",
    "the file does not start with a frontmatter block ('---' on the first line)",
    "put a line '---' first, then the fields (reference, title, ...), then another '---'",
    "The facts of every document (dates, status, title) live in the frontmatter.",
)
UNCLOSED = rule(
    "Y002",
    "unclosed-frontmatter",
    "the frontmatter block opened on line 1 is never closed",
    "add a line '---' after the last field, before the text of the document",
    "Without the closing line the whole document would be read as fields.",
)
SYNTAX = rule(
    "Y003",
    "yaml-syntax",
    "the fields cannot be read: {problem}",
    "check this line: each field is 'name: value'; put a value containing ': ' or "
    "starting with a quote in double quotes",
    "A field that cannot be read cannot be checked, so nothing is published.",
)
NOT_MAPPING = rule(
    "Y004",
    "not-a-mapping",
    "the {what} must be a list of 'name: value' fields, not {found}",
    "write one field per line as 'name: value'",
    "The generator looks fields up by name.",
)
DUPLICATE_KEY = rule(
    "Y005",
    "duplicate-field",
    "the field '{key}' is given twice (first on line {first})",
    "keep one of the two lines and delete the other",
    "YAML would silently keep only the last value, which may not be the one you checked.",
)
ALIAS = rule(
    "Y006",
    "yaml-alias",
    "a value repeats another with an alias (*name), which is not allowed here",
    "write the value out in full instead of using & and *",
    "Aliases can make a few lines expand into millions of values, or refer to themselves.",
)
UNREADABLE_VALUE = rule(
    "Y007",
    "unreadable-value",
    "the value '{value}' cannot be read as {kind}",
    "{fix}",
    "YAML reads a value by its form, or by a tag ('!!int') written before it; a value "
    "that cannot be read as what it claims to be cannot be checked, so nothing is "
    "published.",
)
