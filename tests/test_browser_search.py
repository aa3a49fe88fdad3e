"""Search on the built example site, in a real browser: Welsh words are found as written
and, through their mutations, from their dictionary form."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.browser import browser_page

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the tests skip or fail in browser_page() with a clear reason
    PlaywrightTimeout = TimeoutError  # type: ignore[misc, assignment]


def _search(site: Path, lang: str, query: str) -> tuple[list[str], list[str], str]:
    """(result addresses, result texts as shown, the count line) for a query."""
    with browser_page(site) as (page, base):
        page.goto(f"{base}/{lang}/")
        meta = ".md-search-result__meta"
        box = "input.md-search__input"
        page.click(box)  # the theme starts its search worker when the box is used
        # Empty until the search has started; then "Type to start searching".
        page.wait_for_function(
            "selector => document.querySelector(selector).textContent.trim() !== ''", arg=meta
        )
        before = page.locator(meta).text_content()
        for _attempt in range(6):
            # Typed key by key, as a reader does; a query typed before the index has
            # loaded is not answered, so it is typed again.
            page.fill(box, "")
            page.type(box, query, delay=30)
            try:
                page.wait_for_function(
                    "([selector, before]) => document.querySelector(selector).textContent"
                    " !== before",
                    arg=[meta, before],
                    timeout=5000,
                )
                break
            except PlaywrightTimeout:
                continue
        # Then until the answer settles.
        settled = None
        for _ in range(12):
            page.wait_for_timeout(250)
            now = (
                page.locator(meta).text_content(),
                page.locator(".md-search-result__item").count(),
            )
            if now == settled:
                break
            settled = now
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
