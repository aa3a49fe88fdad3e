"""Search on the built example site, in a real browser: Welsh words are found as written
and, through their mutations, from their dictionary form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser import browser_page


@pytest.fixture(scope="module")
def site(example_build: tuple[Path, int, str]) -> Path:
    out, code, output = example_build
    assert code == 0, output
    return out


def _search(site: Path, lang: str, query: str) -> tuple[list[str], list[str], str]:
    """(result addresses, result texts as shown, the count line) for a query."""
    with browser_page(site) as (page, base):
        page.goto(f"{base}/{lang}/")
        meta = ".md-search-result__meta"
        page.wait_for_selector(meta, state="attached")
        # The search worker loads the index in the background; the count line changes
        # from its "type to start searching" text once the query has been answered.
        before = page.locator(meta).text_content()
        page.fill("input.md-search__input", query)
        page.wait_for_function(
            "([selector, before]) => document.querySelector(selector).textContent !== before",
            arg=[meta, before],
        )
        page.wait_for_timeout(300)
        links = page.locator(".md-search-result__item a")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        items = page.locator(".md-search-result__item")
        texts = [items.nth(i).inner_text() for i in range(items.count())]
        count = page.locator(meta).inner_text()
        hidden_shown = page.locator(".md-search-result span[hidden]").evaluate_all(
            "nodes => nodes.some(n => n.offsetParent !== null)"
        )
        assert not hidden_shown, "the added dictionary forms must never be visible"
    return hrefs, texts, count


def test_welsh_words_are_found_as_written(site: Path) -> None:
    hrefs, texts, meta = _search(site, "cy", "swyddogion")
    assert hrefs, meta
    assert "dogfennau sy'n cyfateb" in meta or "ddogfen sy'n cyfateb" in meta  # Welsh interface
    assert any("swyddogion" in text.lower() for text in texts)


def test_welsh_search_finds_mutated_forms_from_the_dictionary_form(site: Path) -> None:
    """'Caerfyrddin' also finds pages that only say 'Nghaerfyrddin' or 'Gaerfyrddin'."""
    index = json.loads((site / "cy/search/search_index.json").read_text(encoding="utf-8"))
    only_mutated = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if re.search(r"\b(?:Ng|G)haerfyrddin|\bGaerfyrddin", doc["text"])
        and not re.search(
            r"(?<![\w])Caerfyrddin", re.sub(r"<span hidden>.*?</span>", "", doc["text"])
        )
    }
    assert only_mutated, "the example should have pages that use only mutated forms"
    hrefs, _texts, _ = _search(site, "cy", "Caerfyrddin")
    found = {re.sub(r"^https?://[^/]+/cy/|[?#].*$", "", href) for href in hrefs}
    assert {location.lstrip("./") for location in only_mutated} & found, (only_mutated, found)


def test_english_search_still_stems(site: Path) -> None:
    hrefs, texts, meta = _search(site, "en", "officer")
    assert hrefs, meta
    assert any("officers" in text.lower() for text in texts)  # stemmed: officer ~ officers
