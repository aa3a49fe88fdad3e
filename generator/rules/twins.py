"""T: every document is a pair of language versions that agree on their facts."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.parsed import ParsedFile
from generator.content.schema import PER_LANGUAGE_FIELDS
from generator.diagnostics import Diagnostic
from generator.rules.registry import rule

MISSING_TWIN = rule(
    "T001",
    "missing-twin",
    "there is no {missing_lang} version: {missing} is missing",
    "write the {missing_lang} version as {missing} (both are published at the same time)",
    "The Welsh Language Standards require every page in Welsh and English at the same time; "
    "a missing twin would mean a page in one language only.",
)
DRAFT_WAITING_FOR_TWIN = rule(
    "T003",
    "draft-waiting-for-twin",
    "this draft has no {missing_lang} version yet ({missing})",
    "write the {missing_lang} version as {missing}; neither is published until both are "
    "written and marked ready",
    "Drafts are usually written in one language first; the pair is published together, "
    "so a draft waiting for its translation is noted, not refused.",
    severity="warning",
)
FACTS_DIFFER = rule(
    "T002",
    "twin-facts-differ",
    "'{field}' is {this!r} here but {other!r} in {other_path}",
    "make '{field}' the same in both files; only {per_language} may differ",
    "Both languages publish the same facts; a difference means one of them is wrong.",
)

LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}


def twin_path(path: str, lang: str) -> str:
    return path[: -len(".xx.md")] + f".{lang}.md"


def missing_twin(present: ParsedFile | str, missing_lang: str) -> Diagnostic:
    """T001, or the T003 warning for a draft: a translation still being written."""
    path = present if isinstance(present, str) else present.path
    draft = not isinstance(present, str) and present.fields.status == "draft"
    return (DRAFT_WAITING_FOR_TWIN if draft else MISSING_TWIN).at(
        path,
        0,
        missing_lang=LANGUAGE_NAMES[missing_lang],
        missing=twin_path(path, missing_lang),
    )


def facts_differ(en: ParsedFile, cy: ParsedFile) -> Iterator[Diagnostic]:
    """Every shared field, compared as written; reported on the Welsh file."""
    en_data, cy_data = en.source.meta.data, cy.source.meta.data
    if _shared(en_data) == _shared(cy_data):  # as nearly always: nothing to say
        return
    for key in sorted((set(en_data) | set(cy_data)) - PER_LANGUAGE_FIELDS):
        if en_data.get(key) != cy_data.get(key):
            yield FACTS_DIFFER.at(
                cy.path,
                cy.line(key),
                field=key,
                this=cy_data.get(key, "(absent)"),
                other=en_data.get(key, "(absent)"),
                other_path=en.path,
                per_language=" and ".join(sorted(PER_LANGUAGE_FIELDS)),
            )


def _shared(data: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if key not in PER_LANGUAGE_FIELDS}
