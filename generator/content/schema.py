"""The frontmatter schemas, and the translation of their errors into diagnostics.

Pydantic checks each field's kind and allowed values; cross-field and cross-document
rules live in ``generator/rules``. Error messages are rewritten for staff: a pydantic
error type maps to one rule code.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from generator.content import model
from generator.content.yamltext import YamlDoc
from generator.diagnostics import Diagnostic
from generator.rules import schema as rules

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value)
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("invalid_date", "not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("invalid_date", "not a date that exists") from None


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
Reference = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[0-9]{3,}$")]
Slug = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseFrontmatter(_Strict):
    reference: Reference
    title: Text
    received: IsoDate
    responded: IsoDate | None = None
    channel: model.Channel
    confirmed_in_writing: IsoDate | None = None
    requester: model.Requester
    foi: StrictBool = False
    foi_reference: Text | None = None
    topic: Slug
    outcome: model.Outcome
    refusal_reason: model.RefusalReason | None = None
    related: list[Text] = []
    status: model.Status


class DocumentFrontmatter(_Strict):
    title: Text
    summary: Text | None = None
    type: model.DocumentType
    date: IsoDate | None = None
    order: StrictInt | None = None
    status: model.Status


# Fields that belong to one language version; every other field is a fact shared by
# both twins and must be identical in them.
PER_LANGUAGE_FIELDS = frozenset({"title", "summary"})


class BilingualText(_Strict):
    en: Text
    cy: Text


class TimetableItem(_Strict):
    date: IsoDate
    en: Text
    cy: Text


class PreElectionPeriod(_Strict):
    start: IsoDate
    end: IsoDate


class ElectionData(_Strict):
    police_area: BilingualText
    force: BilingualText
    office: BilingualText
    polling_day: IsoDate
    pre_election_period: PreElectionPeriod
    contact_email: Annotated[StrictStr, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    paro: BilingualText
    topics: dict[Slug, BilingualText]
    timetable: list[TimetableItem]


_EXAMPLES = {
    "reference": " such as 'reference: PCC24-016'",
    "received": " such as 'received: 2024-04-09'",
    "status": " ('status: draft' until it is signed off, then 'status: ready')",
    "requester": " (use 'public' when the person has not declared a candidacy)",
}


def _field_name(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top)"


def _allowed_values(schema: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    annotation = schema.model_fields[str(loc[0])].annotation if loc else None
    options: list[str] = []
    for arg in get_args(annotation) or ():
        options.extend(str(a) for a in get_args(arg) if isinstance(a, str))
    options.extend(str(a) for a in get_args(annotation) if isinstance(a, str))
    return ", ".join(dict.fromkeys(options))


def validate(
    schema: type[BaseModel], doc: YamlDoc, path: str, kind: str, default_line: int
) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate ``doc`` against ``schema``; every problem becomes one diagnostic."""
    try:
        return schema.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [
            _diagnostic(schema, error, doc, path, kind, default_line) for error in exc.errors()
        ]


def _diagnostic(
    schema: type[BaseModel],
    error: Any,
    doc: YamlDoc,
    path: str,
    kind: str,
    default_line: int,
) -> Diagnostic:
    loc = tuple(part for part in error["loc"] if not str(part).startswith(("function-", "[")))
    kind_of_error = error["type"]
    line = doc.line_of(loc, default_line)
    name = _field_name(loc)
    value = error.get("input")
    if kind_of_error == "missing":
        return rules.MISSING.at(path, line, field=name, example=_EXAMPLES.get(name, ""))
    if kind_of_error == "extra_forbidden":
        known = list(schema.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        suggestion = (
            f"did you mean '{close[0]}'?" if close else f"the fields are: {', '.join(known)}"
        )
        return rules.UNKNOWN.at(path, line, field=name, kind=kind, suggestion=suggestion)
    if kind_of_error in ("literal_error", "enum"):
        return rules.UNKNOWN_VALUE.at(
            path, line, field=name, value=value, allowed=_allowed_values(schema, loc)
        )
    if kind_of_error == "invalid_date":
        return rules.BAD_DATE.at(path, line, field=name, value=value, problem=error["msg"])
    if kind_of_error == "string_pattern_mismatch":
        fixes = {
            "reference": "write the reference as capital letters, a hyphen and at least three "
            "digits, such as PCC24-001",
        }
        fix = fixes.get(name, "use lower-case letters, digits and hyphens, such as 'workforce'")
        problem = f"is '{value}', which is not in the expected form"
        return rules.WRONG_TYPE.at(path, line, field=name, problem=problem, fix=fix)
    problems = {
        "string_type": ("must be text", "put the value in double quotes"),
        "string_too_short": ("is empty", "write a value after the colon, or remove the line"),
        "bool_type": ("must be true or false", "write true or false, without quotes"),
        "int_type": ("must be a whole number", "write a whole number such as 3"),
        "list_type": ("must be a list", "write a list such as [briefing-pack/budget]"),
        "dict_type": ("must be a group of fields", "indent the fields below it"),
        "model_type": ("must be a group of fields", "indent the fields below it"),
    }
    problem, fix = problems.get(kind_of_error, (error["msg"].lower(), "correct the value"))
    return rules.WRONG_TYPE.at(path, line, field=name, problem=problem, fix=fix)
