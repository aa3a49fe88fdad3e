"""The frontmatter schemas, and the translation of their errors into diagnostics.

Pydantic checks each field's kind and allowed values; cross-field and cross-document
rules live in ``generator/rules``. Error messages are rewritten for staff: a pydantic
error type maps to one rule code.
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
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
from generator.rules.html import MARKUP_IN_FIELD, markup_in_field

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_UK_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_CURLY = "\u201c\u201d\u2018\u2019"


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text[:1] in _CURLY or text[-1:] in _CURLY:
        raise PydanticCustomError(
            "invalid_date", "wrapped in curly quotes (“ ”), which Word and Outlook add; delete them"
        )
    uk = _UK_DATE.match(text)
    if uk:
        day, month, year = (int(part) for part in uk.groups())
        try:
            suggestion = date(year, month, day).isoformat()
        except ValueError:
            return _no_such_date(year, month, day)
        raise PydanticCustomError(
            "invalid_date", "written day first; write it as {iso}", {"iso": suggestion}
        )
    if not isinstance(value, str) or not _ISO_DATE.match(text):
        raise PydanticCustomError("invalid_date", "not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        return _no_such_date(year, month, day)


def _no_such_date(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise PydanticCustomError(
            "invalid_date", "not a date that exists: there is no month {m}", {"m": month}
        )
    last = calendar.monthrange(year, month)[1]
    raise PydanticCustomError(
        "invalid_date",
        "not a date that exists: {month} {year} has {last} days",
        {"month": calendar.month_name[month], "year": year, "last": last},
    )


IsoDate = Annotated[date, BeforeValidator(_parse_date)]


def _plain(value: str) -> str:
    problem = markup_in_field(value)
    if problem:
        raise PydanticCustomError("markup_in_text", "{what}", {"what": problem})
    return value


# One-line text: titles, summaries, election facts. Plain text only, because the theme
# places these in headers, menus and footers without escaping Markdown links.
Text = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain)
]
Reference = Annotated[StrictStr, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*-[0-9]{3,}$")]
Slug = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PublicFact(_Strict):
    text: Text
    reason: Text


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
    topic: Text  # checked against the topic list by rule R010
    outcome: model.Outcome | None = None  # required once ready (rule R014)
    refusal_reason: model.RefusalReason | None = None
    related: list[Text] = []
    status: model.Status
    publish_from: IsoDate | None = None
    public_facts: list[PublicFact] = []


class DocumentFrontmatter(_Strict):
    title: Text
    summary: Text | None = None
    type: model.DocumentType
    date: IsoDate | None = None
    order: StrictInt | None = None
    status: model.Status
    publish_from: IsoDate | None = None
    public_facts: list[PublicFact] = []


# Fields that belong to one language version; every other field is a fact shared by
# both twins and must be identical in them.
PER_LANGUAGE_FIELDS = frozenset({"title", "summary", "public_facts"})


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


class CampaigningWords(_Strict):
    en: list[Text] = []
    cy: list[Text] = []


class Campaigning(_Strict):
    roles: CampaigningWords = CampaigningWords()
    words: CampaigningWords = CampaigningWords()


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
    campaigning: Campaigning = Campaigning()


class PublicFactsFile(_Strict):
    public_facts: list[PublicFact]


_EXAMPLES = {
    "reference": " such as 'reference: PCC24-016'",
    "received": " such as 'received: 2024-04-09'",
    "status": " ('status: draft' until it is signed off, then 'status: ready')",
    "requester": " (use 'public' when the person has not declared a candidacy)",
    "reason": " (why this is a public fact, such as 'the office's published election "
    "mailbox'); the reason is shown to the Chief Executive in the build report",
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
        errors = exc.errors()
    # A misspelt field is reported once, as unknown with a suggestion, not also as missing.
    suggested = {
        _closest(schema, str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"
    }
    errors = [e for e in errors if not (e["type"] == "missing" and e["loc"][0] in suggested)]
    return None, [_diagnostic(schema, error, doc, path, kind, default_line) for error in errors]


def _closest(schema: type[BaseModel], name: str) -> str | None:
    close = difflib.get_close_matches(name, list(schema.model_fields), n=1)
    return close[0] if close else None


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
        example = _EXAMPLES.get(str(loc[-1]) if loc and loc[0] == "public_facts" else name, "")
        return rules.MISSING.at(path, line, field=name, example=example)
    if kind_of_error == "extra_forbidden":
        close = _closest(schema, str(loc[-1]))
        known = ", ".join(schema.model_fields)
        suggestion = f"did you mean '{close}'?" if close else f"the fields are: {known}"
        return rules.UNKNOWN.at(path, line, field=name, kind=kind, suggestion=suggestion)
    if isinstance(value, str) and value.strip()[:1] in _CURLY:
        return rules.WRONG_TYPE.at(
            path,
            line,
            field=name,
            problem=f"is {value}, wrapped in curly quotes (“ ”) that Word and Outlook add",
            fix='delete the curly quotes; a value needs no quotes, or straight ones (")',
        )
    if kind_of_error in ("literal_error", "enum"):
        return rules.UNKNOWN_VALUE.at(
            path, line, field=name, value=value, allowed=_allowed_values(schema, loc)
        )
    if kind_of_error == "markup_in_text":
        return MARKUP_IN_FIELD.at(path, line, field=name, what=error["ctx"]["what"])
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
