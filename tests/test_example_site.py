"""The repository's example election, checked and built with real MkDocs; the HTML inspected."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.commands.check import run_check
from generator.project import Project
from tests.conftest import REPO, run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(out: Path, lang: str) -> list[Path]:
    return sorted(p for p in (out / lang).rglob("index.html"))


@pytest.fixture(scope="module")
def example() -> Project:
    return Project(REPO)


def test_example_checks_clean() -> None:
    code, output = run("check", "--root", str(REPO))
    assert code == 0, output
    # A new copy of the project has no people list (it is never in git), and says so.
    assert output.splitlines()[-1].startswith("No problems found (1 warning)."), output
    assert ".private/people.txt: F009 (warning) there is no people list" in output
    # What the privacy checks let through, and why, for the Chief Executive.
    assert "Let through as public facts (3)" in output


def test_example_covers_the_register(example: Project) -> None:
    site = run_check(example).site
    ready = site.published_responses()
    assert len(ready) >= 12
    assert {r.outcome for r in ready} >= {
        "answered",
        "part-answered",
        "refused",
        "referred-to-paro",
        "already-published",
    }
    assert {r.channel for r in ready} >= {"email", "letter", "verbal", "meeting", "web-form"}
    assert {r.requester for r in ready} >= {
        "prospective-candidate",
        "candidate",
        "agent",
        "party",
        "public",
        "incumbent",
    }
    assert any(r.status == "draft" for r in site.responses)
    kinds = [d.type for d in site.published_documents()]
    assert kinds.count("briefing") >= 3 and "session" in kinds and kinds.count("meeting") >= 2


def test_root_offers_both_languages_equally(site: Path) -> None:
    root = soup(site / "index.html")
    sections = root.select("main section")
    assert [s["lang"] for s in sections] == ["cy", "en"]
    assert [s.select_one("a.enter")["href"] for s in sections] == ["cy/", "en/"]
    assert not root.select("meta[http-equiv=refresh]") and not root.select("script")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_page_has_its_language_twin_and_alternates(site: Path, lang: str) -> None:
    other = "cy" if lang == "en" else "en"
    found = pages(site, lang)
    assert len(found) >= 25
    for path in found:
        html = soup(path)
        assert html.html["lang"] == lang, path
        rel = path.relative_to(site / lang)
        switch = html.select_one(".opcc-langbar a")
        assert switch is not None, path
        assert switch["hreflang"] == other and switch["lang"] == other
        target = (path.parent / switch["href"] / "index.html").resolve()
        assert target == (site / other / rel).resolve(), path
        assert soup(target).html["lang"] == other
        alternates = {
            a["hreflang"]: a["href"] for a in html.select("link[rel=alternate][hreflang]")
        }
        assert set(alternates) == {"en", "cy", "x-default"}, path
        url = rel.parent.as_posix()
        url = "" if url == "." else url + "/"
        assert alternates["cy"].endswith(f"/cy/{url}") and alternates["en"].endswith(f"/en/{url}")


def test_welsh_pages_have_the_welsh_interface(site: Path) -> None:
    home = soup(site / "cy/index.html")
    assert home.select_one("a.md-skip").get_text(strip=True) == "Neidio i'r cynnwys"
    search = home.select_one("input.md-search__input")
    assert search is not None and search["placeholder"] == "Chwilio"
    nav_titles = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    assert "Cofrestr ceisiadau" in nav_titles and "Amserlen yr etholiad" in nav_titles


@pytest.mark.parametrize(
    ("lang", "caption", "month"),
    [("en", "Requests for information", "April"), ("cy", "Ceisiadau am wybodaeth", "Ebrill")],
)
def test_register_table(site: Path, example: Project, lang: str, caption: str, month: str) -> None:
    ready = run_check(example).site.published_responses()
    register = soup(site / lang / "register/index.html")
    table = register.select_one("table.opcc-register")
    assert table.caption.get_text().startswith(caption)
    assert (
        len(table.select("thead th[scope=col]")) == 8
    )  # reference, subject, received, topic, asked by, outcome, responded, days taken
    rows = table.select("tbody tr")
    assert len(rows) == len(ready)
    references = [row.th.get_text(strip=True) for row in rows]
    newest_first = sorted(ready, key=lambda r: (r.received, r.reference), reverse=True)
    assert references == [r.reference for r in newest_first]
    for row in rows:
        link = row.th.a["href"]
        assert link == row.th.get_text(strip=True).lower() + "/"
        assert (site / lang / "register" / link / "index.html").is_file()
    assert month in table.get_text()
    assert re.search(r"\b\d{1,2} " + month + r" 2024\b", table.get_text())


def test_drafts_are_absent(site: Path, example: Project) -> None:
    drafts = [r for r in run_check(example).site.responses if r.status == "draft"]
    assert drafts
    for draft in drafts:
        for lang in ("en", "cy"):
            assert not (site / lang / "register" / draft.slug).exists()
            index = json.loads((site / lang / "search/search_index.json").read_text())
            assert not any(draft.reference in doc["text"] for doc in index["docs"])
            assert draft.slug not in (site / lang / "sitemap.xml").read_text()


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        for tag in soup(path).select("[href], [src]"):
            link = tag.get("href") or tag.get("src")
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)} → {link}")
    assert not broken, broken[:20]


def test_output_holds_only_the_site(site: Path) -> None:
    names = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    assert not [n for n in names if n.endswith(".md")]
    assert not [n for n in names if any(part.startswith(".") for part in n.split("/"))]
    assert "en/briefing-pack/budget-2024-25.csv" in names
    assert "cy/briefing-pack/budget-2024-25.csv" in names


def test_no_third_party_fonts(site: Path) -> None:
    for path in [site / "en/index.html", site / "cy/register/index.html"]:
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text


def test_welsh_search_is_not_stemmed_as_english(site: Path) -> None:
    # Material has no Welsh stemmer; the English one would mangle Welsh words.
    cy = json.loads((site / "cy/search/search_index.json").read_text(encoding="utf-8"))
    assert cy["config"]["pipeline"] == ["trimmer"]
    assert any("Cwestiwn" in doc["title"] for doc in cy["docs"])


def test_a_count_of_days_takes_the_form_its_number_does(site: Path) -> None:
    # PCC24-008 was answered the day after it came in.
    facts = {
        lang: {
            dt.get_text(): dt.find_next_sibling("dd").get_text()
            for dt in soup(site / lang / "register" / "pcc24-008" / "index.html").select("dt")
        }
        for lang in ("en", "cy")
    }
    assert facts["en"]["Time taken to respond"] == "1 day"
    assert facts["cy"]["Amser a gymerwyd i ymateb"] == "1 diwrnod"
    everywhere = " ".join(p.read_text(encoding="utf-8") for p in pages(site, "en"))
    assert ">7 days<" in everywhere and not re.search(r"\b1 days\b", everywhere)
    median = {
        lang: soup(site / lang / "register" / "statistics" / "index.html")
        .select_one(".opcc-count")
        .get_text()
        for lang in ("en", "cy")
    }
    found = re.search(r"Median time to respond: (\d+(?:\.\d)?) (days?)\.", median["en"])
    assert found and (found[2] == "day") == (found[1] == "1"), median["en"]
    assert f"Amser canolrifol i ymateb: {found[1]} diwrnod." in median["cy"]
