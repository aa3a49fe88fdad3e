"""CSV and plain-text attachments: every line, as written."""

from __future__ import annotations

from pathlib import Path

from generator.redaction.attachments import UNREADABLE, Inspection, Piece


def inspect(full: Path, rel: str) -> Inspection:
    data = full.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = f"line {line} is not UTF-8 text; save it as 'CSV UTF-8'"
        return Inspection(problems=[UNREADABLE.at(rel, line, problem=problem)])
    return Inspection(pieces=[Piece(where="", text=text.replace("\r\n", "\n"), line=1)])
