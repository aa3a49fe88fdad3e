"""register.csv and register.json in each language, valid against register.schema.json,
agreeing with each other and with the register page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from generator.commands.check import run_check
from generator.project import Project
from tests.conftest import REPO

BASE = "https://www.opcc-cambria.example.org/election-2024/"


def _load(site: Path, lang: str) -> dict:
    return json.loads((site / lang / "register.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_json_validates_against_its_schema(site: Path, lang: str) -> None:
    schema = json.loads((site / lang / "register.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    document = _load(site, lang)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[:3]
    assert document["language"] == lang and document["$schema"] == "register.schema.json"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_json_has_every_published_response_with_working_addresses(site: Path, lang: str) -> None:
    published = run_check(Project(REPO)).site.published_responses()
    document = _load(site, lang)
    entries = document["responses"]
    assert document["count"] == len(entries) == len(published)
    assert {e["reference"] for e in entries} == {r.reference for r in published}
    by_reference = {r.reference: r for r in published}
    for entry in entries:
        response = by_reference[entry["reference"]]
        assert entry["title"] == response.texts[lang].title
        assert entry["received"] == response.received.isoformat()
        assert entry["days_taken"] == response.days_taken
        for address in [entry["url"], *entry["related"], *entry["attachments"]]:
            assert address.startswith(BASE + lang + "/"), address  # absolute: site_url is set
            target = site / lang / address.removeprefix(BASE + lang + "/")
            assert (target / "index.html").is_file() or target.is_file(), address
    # Linked both ways with the page: the register page lists the same references.
    page = BeautifulSoup(
        (site / lang / "register/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    listed = [a.get_text() for a in page.select("table.opcc-register tbody th a")]
    assert listed == [e["reference"] for e in entries]


@pytest.mark.parametrize(
    ("lang", "first_headers"),
    [
        ("en", ["Reference", "Subject", "Web address"]),
        ("cy", ["Cyfeirnod", "Testun", "Cyfeiriad gwe"]),
    ],
)
def test_csv_matches_json_with_headers_in_its_language(
    site: Path, lang: str, first_headers: list[str]
) -> None:
    raw = (site / lang / "register.csv").read_bytes()
    assert b"\r\n" in raw  # RFC 4180 line endings
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel reads UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = table[0], table[1:]
    assert header[:3] == first_headers
    entries = _load(site, lang)["responses"]
    assert len(body) == len(entries)
    for row, entry in zip(body, entries, strict=True):
        assert row[0] == entry["reference"] and row[1] == entry["title"]
        assert row[5] == ("" if entry["days_taken"] is None else str(entry["days_taken"]))


def test_register_page_links_the_downloads(site: Path) -> None:
    for lang, text in (("en", "Download the register"), ("cy", "Lawrlwythwch y gofrestr")):
        page = BeautifulSoup(
            (site / lang / "register/index.html").read_text(encoding="utf-8"), "html.parser"
        )
        downloads = page.select_one("p.opcc-downloads")
        assert downloads is not None and downloads.get_text().startswith(text)
        hrefs = [a["href"] for a in downloads.select("a")]
        assert hrefs == ["../register.csv", "../register.json", "../register.schema.json"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_statistics_match_the_register(site: Path, lang: str) -> None:
    from collections import Counter
    from statistics import median

    entries = _load(site, lang)["responses"]
    page = BeautifulSoup(
        (site / lang / "register/statistics/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )

    def table(chart: str) -> dict[str, str]:
        rows = page.select(f"table.opcc-stats[data-chart={chart}] tbody tr")
        return {r.th.get_text(strip=True): r.td.get_text(strip=True) for r in rows}

    for chart, field in (
        ("by-topic", "topic_label"),
        ("by-outcome", "outcome_label"),
        ("by-requester", "requester_label"),
    ):
        shown = {label: int(value) for label, value in table(chart).items() if value != "0"}
        assert shown == dict(Counter(e[field] for e in entries)), chart
        figure = page.select_one(f"figure#{chart}[role=img]")
        assert figure is not None
        alternative = page.select_one(f"#{figure['aria-labelledby']}").get_text()
        for label, value in table(chart).items():
            assert f"{label}: {value}" in alternative
        assert len(figure.select("svg.opcc-chart__bar rect")) == len(table(chart))
    weeks = table("by-week")
    assert sum(int(v) for v in weeks.values()) == len(entries)
    days = [e["days_taken"] for e in entries if e["days_taken"] is not None]
    total = page.select_one("p.opcc-count").get_text()
    assert str(len(entries)) in total and f"{median(days):g}" in total


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_responses_and_briefing_documents_link_both_ways(site: Path, lang: str) -> None:
    entries = {e["reference"]: e for e in _load(site, lang)["responses"]}
    references = sorted(entries)  # PCC24-001 ... in register order, oldest first
    for index, reference in enumerate(references):
        page = BeautifulSoup(
            (
                site
                / lang
                / entries[reference]["url"].removeprefix(BASE + lang + "/")
                / "index.html"
            ).read_text(encoding="utf-8"),
            "html.parser",
        )
        pager = {a["class"][0]: a["href"] for a in page.select("nav.opcc-pager a")}
        if index > 0:
            assert pager["opcc-pager__older"] == f"../{references[index - 1].lower()}/"
        if index + 1 < len(references):
            assert pager["opcc-pager__newer"] == f"../{references[index + 1].lower()}/"
    # Every briefing document lists exactly the responses that name it as related.
    pointing: dict[str, set[str]] = {}
    for entry in entries.values():
        for related in entry["related"]:
            pointing.setdefault(related, set()).add(entry["reference"])
    assert pointing
    for address, expected in pointing.items():
        page = BeautifulSoup(
            (site / lang / address.removeprefix(BASE + lang + "/") / "index.html").read_text(
                encoding="utf-8"
            ),
            "html.parser",
        )
        listed = {
            a.get_text().split(":")[0]
            for a in page.select("article ul li a")
            if a.get_text().startswith("PCC24-")
        }
        assert listed == expected, address
