"""The register's filters in a real browser: a plain table of every response without
JavaScript, filters and a text search with it, counts of what is shown, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import browser_page


def _entries(site: Path, lang: str) -> list[dict]:
    return json.loads((site / lang / "register.json").read_text(encoding="utf-8"))["responses"]


def _visible(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "table.opcc-register tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => r.querySelector('th').textContent.trim())",
    )


def test_without_javascript_the_register_is_a_plain_table(site: Path) -> None:
    entries = _entries(site, "cy")
    with browser_page(site, javascript=False) as (page, base):
        page.goto(f"{base}/cy/register/")
        assert not page.is_visible("form#opcc-filter")
        assert len(_visible(page)) == len(entries)


@pytest.mark.parametrize(
    ("lang", "status"),
    [("en", "Showing {n} of {total} responses"), ("cy", "Yn dangos {n} o {total} ymateb")],
)
def test_filters_and_search_narrow_the_register(site: Path, lang: str, status: str) -> None:
    entries = _entries(site, lang)
    total = len(entries)
    with browser_page(site) as (page, base):
        page.goto(f"{base}/{lang}/register/")
        page.wait_for_selector("form#opcc-filter", state="visible")
        message = page.locator(".opcc-filter__status")
        assert message.text_content() == status.format(n=total, total=total)

        page.select_option("#opcc-filter-topic", "operations")
        wanted = [e["reference"] for e in entries if e["topic"] == "operations"]
        assert _visible(page) == wanted and wanted
        assert message.text_content() == status.format(n=len(wanted), total=total)

        page.select_option("#opcc-filter-topic", "")
        page.select_option("#opcc-filter-outcome", "refused")
        page.select_option("#opcc-filter-foi", "no")
        wanted = [e["reference"] for e in entries if e["outcome"] == "refused" and not e["foi"]]
        assert _visible(page) == wanted

        page.click("#opcc-filter button[type=reset]")
        page.wait_for_function(
            "n => [...document.querySelectorAll('table.opcc-register tbody tr')].filter(r => !r.hidden).length === n",
            arg=total,
        )
        word = entries[0]["title"].split()[-1]
        page.fill("#opcc-filter-q", word)
        shown = _visible(page)
        assert entries[0]["reference"] in shown and len(shown) <= total


def test_a_filtered_register_can_be_shared_as_a_link(site: Path) -> None:
    entries = _entries(site, "en")
    with browser_page(site) as (page, base):
        page.goto(f"{base}/en/register/?requester=candidate")
        page.wait_for_selector("form#opcc-filter", state="visible")
        assert page.input_value("#opcc-filter-requester") == "candidate"
        assert _visible(page) == [e["reference"] for e in entries if e["requester"] == "candidate"]
