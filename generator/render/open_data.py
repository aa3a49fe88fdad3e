"""The register as open data: register.csv and register.json in each language, and the
JSON Schema that documents both (register.schema.json).

One row per published response, with every frontmatter field, the labels in the file's
language, the page's web address and the attachments its answer links to. Field names
are the same in both languages, so a program reads either file; the CSV's header row
is in the file's language, for people opening it in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, get_args

from generator.content import model
from generator.content.addresses import response_address, url_of
from generator.content.model import Election, Lang, Response
from generator.i18n import Translator

SCHEMA_FILE = "register.schema.json"


def _enum(literal: Any, optional: bool = False) -> dict[str, Any]:
    """The allowed values, taken from the content model so the two never drift apart."""
    values: list[Any] = list(get_args(literal))
    return {"enum": [None, *values] if optional else values}


_URIS = {"type": "array", "items": {"type": "string", "format": "uri-reference"}}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}

# (field, JSON Schema type) in the order of the CSV's columns.
FIELDS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("reference", {"type": "string", "pattern": "^[A-Z][A-Z0-9]*-[0-9]{3,}$"}),
    ("title", {"type": "string", "minLength": 1}),
    ("url", {"type": "string", "format": "uri-reference"}),
    ("received", {"type": "string", "format": "date"}),
    ("responded", _DATE_OR_NULL),
    ("days_taken", {"type": ["integer", "null"], "minimum": 0}),
    ("channel", _enum(model.Channel)),
    ("channel_label", {"type": "string"}),
    ("confirmed_in_writing", _DATE_OR_NULL),
    ("requester", _enum(model.Requester)),
    ("requester_label", {"type": "string"}),
    ("foi", {"type": "boolean"}),
    ("foi_reference", {"type": ["string", "null"]}),
    ("topic", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}),
    ("topic_label", {"type": "string"}),
    ("outcome", _enum(model.Outcome)),
    ("outcome_label", {"type": "string"}),
    ("refusal_reason", _enum(model.RefusalReason, optional=True)),
    ("refusal_reason_label", {"type": ["string", "null"]}),
    ("related", _URIS),
    ("attachments", _URIS),
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_FILE,
    "title": "Register of candidates' requests for information",
    "description": (
        "The published register of a PCC election: one entry per response, as in "
        "register.json (and, flattened, register.csv) in each language. Dates are "
        "YYYY-MM-DD; addresses are absolute when the site's address is configured, else "
        "relative to the language's site."
    ),
    "type": "object",
    "required": ["language", "generated", "count", "responses"],
    "additionalProperties": False,
    "properties": {
        "language": {"enum": ["en", "cy"]},
        "generated": {"type": "string", "format": "date"},
        "count": {"type": "integer", "minimum": 0},
        "responses": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [name for name, _ in FIELDS],
                "additionalProperties": False,
                "properties": dict(FIELDS),
            },
        },
    },
}


def rows(
    responses: list[Response],
    lang: Lang,
    election: Election,
    related_address: dict[str, str],
    attachments: dict[str, list[str]],
    base: str = "",
) -> list[dict[str, Any]]:
    """``related_address``: briefing document id → its address; ``attachments``:
    reference → the addresses of the attachments its answer links to."""
    t = Translator(lang)

    def address(path: str) -> str:  # absolute when the site's address is known
        return base + path

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return [
        {
            "reference": r.reference,
            "title": r.texts[lang].title,
            "url": address(url_of(response_address(r.reference))),
            "received": r.received.isoformat(),
            "responded": iso(r.responded),
            "days_taken": r.days_taken,
            "channel": r.channel,
            "channel_label": t(f"channel.{r.channel}"),
            "confirmed_in_writing": iso(r.confirmed_in_writing),
            "requester": r.requester,
            "requester_label": t(f"requester.{r.requester}"),
            "foi": r.foi,
            "foi_reference": r.foi_reference,
            "topic": r.topic,
            "topic_label": election.topics[r.topic][lang],
            "outcome": r.outcome,
            "outcome_label": t(f"outcome.{r.outcome}"),
            "refusal_reason": r.refusal_reason,
            "refusal_reason_label": t(f"refusal.{r.refusal_reason}") if r.refusal_reason else None,
            "related": [
                address(url_of(related_address[i])) for i in r.related if i in related_address
            ],
            "attachments": [address(a) for a in attachments.get(r.reference, [])],
        }
        for r in responses
    ]


def json_text(entries: list[dict[str, Any]], lang: Lang, generated: date) -> str:
    document = {
        "$schema": SCHEMA_FILE,
        "language": lang,
        "generated": generated.isoformat(),
        "count": len(entries),
        "responses": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def csv_text(entries: list[dict[str, Any]], lang: Lang) -> str:
    """RFC 4180 CSV with a header row in the file's language; lists joined by spaces;
    yes and no in the file's language. It starts with a byte-order mark, without which
    Excel reads UTF-8 as Windows-1252 and garbles Welsh letters (â, ŵ, ŷ)."""
    t = Translator(lang)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"data.{name}") for name, _ in FIELDS])
    for entry in entries:
        writer.writerow([_cell(entry[name], t) for name, _ in FIELDS])
    return out.getvalue()


def _cell(value: Any, t: Translator) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("filter.yes") if value else t("filter.no")
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def schema_text() -> str:
    # The schema lists the JSON document's "$schema" key too, which points at this file.
    schema = json.loads(json.dumps(SCHEMA))
    schema["properties"]["$schema"] = {"const": SCHEMA_FILE}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
