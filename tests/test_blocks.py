"""The blocks of a Markdown body (language/blocks.py) as the straightforward line-by-line
reading below gives them: its quick paths (lines that start with a letter or a table's
bar) must change nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.language.blocks import _COMMENT, _LANG_ATTRIBUTE, _LINE, Block, blocks


def reference(body: str, first_line: int) -> tuple[Block, ...]:
    found: list[Block] = []
    if "<!--" in body:
        body = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), body)
    in_fence = False
    current: list[str] = []
    start = 0
    kind = "paragraph"

    def close() -> None:
        text = "\n".join(current)
        match = _LANG_ATTRIBUTE.search(text)
        found.append(Block(kind, first_line + start, text, match["lang"] if match else None))  # type: ignore[arg-type]
        current.clear()

    for index, line in enumerate(body.split("\n")):
        match = _LINE.match(line)
        starts = match.lastgroup if match else None
        if starts == "fence":
            if current:
                close()
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or starts in ("reference", "rule"):
            if current:
                close()
            continue
        new_kind = None
        if starts in ("heading", "item", "row"):
            new_kind = starts
        elif starts == "quote":
            new_kind = "quote" if not current or kind != "quote" else None
        if new_kind is not None or kind in ("heading", "row"):
            if current:
                close()
            kind = new_kind or "paragraph"
            start = index
        elif not current:
            kind = "paragraph"
            start = index
        current.append(line)
    if current:
        close()
    return tuple(found)


LINES = st.sampled_from(
    [
        "",
        " ",
        "Paragraph text.",
        "more text",
        "Ça va",
        "2024 figures",
        "| a | b |",
        "|---|---|",
        "| --- | ---: |",
        "|a|",
        " | indented row |",
        "| row with --- dashes |",
        "# Heading",
        "## Is-bennawd",
        "#no space",
        "- item",
        "* item",
        "1. item",
        "2) item",
        "> quote",
        "> more",
        ">",
        "```",
        "~~~",
        "```python",
        "[ref]: https://example.org",
        "---",
        "***",
        '{: lang="en" }',
        'Text {: lang="cy" }',
        "<!-- a comment -->",
        "<!--",
        "-->",
        "\t| tabbed |",
        "   ```",
        "    code",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(lines=st.lists(LINES, max_size=14), first_line=st.integers(1, 30))
def test_blocks_are_the_line_by_line_reading(lines: list[str], first_line: int) -> None:
    body = "\n".join(lines)
    assert blocks(body, first_line) == reference(body, first_line)
    assert all(type(block) is Block for block in blocks(body, first_line))


def test_a_block_is_a_block() -> None:
    (block,) = blocks("Mae'r heddlu'n ateb.\n{: lang=\"cy\" }", 5)
    assert block == Block("paragraph", 5, "Mae'r heddlu'n ateb.\n{: lang=\"cy\" }", "cy")
    assert block.kind == "paragraph" and block.lang == "cy"
    assert re.fullmatch(r"Mae'r heddlu'n ateb\.\s*", block.plain)
