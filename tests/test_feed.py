"""The Atom feed of each language: valid RFC 4287, linked from every page, one entry per
published response and briefing document, with identifiers that never change."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.commands.check import run_check
from generator.project import Project
from tests.conftest import REPO, run

A = "{http://www.w3.org/2005/Atom}"


def _check_rfc4287(root: ET.Element) -> None:
    """The feed-level and entry-level requirements of RFC 4287 section 4.1."""
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert root.find(f"{A}author/{A}name") is not None  # so entries need no author
    ids = set()
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        ids.add(entry.findtext(f"{A}id"))
        # No content element, so an alternate link and a summary are required.
        assert entry.find(f"{A}link[@rel='alternate']") is not None
        assert entry.findtext(f"{A}summary")
        for name in ("updated", "published"):
            datetime.fromisoformat(entry.findtext(f"{A}{name}") or "")  # RFC 3339
    assert len(ids) == len(root.findall(f"{A}entry")), "entry ids must be unique"
    assert all(re.match(r"^tag:[a-z0-9.-]+,\d{4}:", i) for i in ids)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_feed_is_valid_atom_with_every_response_and_briefing_document(
    site: Path, lang: str
) -> None:
    path = site / lang / "feed.xml"
    root = ET.parse(path).getroot()
    _check_rfc4287(root)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    project = run_check(Project(REPO)).site
    references = {r.reference for r in project.published_responses()}
    documents = [d for d in project.published_documents() if d.type != "page"]
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(references) + len(documents)
    for reference in references:
        assert any(i.endswith(f":register/{reference}/{lang}") for i in ids), reference
    for entry in parsed.entries:
        link = entry.link
        local = site / lang / link.split(f"/{lang}/", 1)[1]
        assert (local / "index.html").is_file(), link


def test_every_page_links_its_language_feed(site: Path) -> None:
    for lang, title in (("en", "Updates (Atom feed)"), ("cy", "Diweddariadau (ffrwd Atom)")):
        for path in sorted((site / lang).rglob("index.html")):
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            link = page.select_one('link[rel=alternate][type="application/atom+xml"]')
            assert link is not None and link["title"] == title, path
            assert (path.parent / link["href"]).resolve() == (site / lang / "feed.xml").resolve()


def test_entry_ids_are_stable_and_dates_come_from_the_files(project: Path, tmp_path: Path) -> None:
    """Without git history a file's own date is used; a change moves 'updated' but never
    the entry's id."""
    import os
    import time

    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    first = feedparser.parse((out / "en/feed.xml").read_bytes())
    entry = next(e for e in first.entries if "PCC24-001" in e.id)
    source = project / "responses/PCC24-001.en.md"
    later = time.time() + 86400
    os.utime(source, (later, later))
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    second = feedparser.parse((out / "en/feed.xml").read_bytes())
    again = next(e for e in second.entries if "PCC24-001" in e.id)
    assert again.id == entry.id
    assert again.updated_parsed > entry.updated_parsed


def test_root_sitemap_lists_every_page_with_its_language_alternates(site: Path) -> None:
    s = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    x = "{http://www.w3.org/1999/xhtml}"
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = root.findall(f"{s}url")
    built = sorted((site / "en").rglob("index.html")) + sorted((site / "cy").rglob("index.html"))
    built = [p for p in built if "/search/" not in p.as_posix()]
    assert len(urls) == len(built)
    base = "https://www.opcc-cambria.example.org/election-2024/"
    for url in urls:
        loc = url.findtext(f"{s}loc") or ""
        assert loc.startswith(base)
        assert (site / loc.removeprefix(base) / "index.html").is_file(), loc
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{x}link")}
        assert set(alternates) == {"en", "cy", "x-default"}
        address = loc.removeprefix(base).split("/", 1)[1]
        assert (
            alternates["cy"] == f"{base}cy/{address}" and alternates["en"] == f"{base}en/{address}"
        )
