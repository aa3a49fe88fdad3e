"""The build date: the pre-election banner on every page only inside the period, and
the timetable's past events marked, in both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.commands.check import run_check
from generator.project import Project
from tests.conftest import REPO, run


def _build(tmp_path_factory: pytest.TempPathFactory, day: str) -> Path:
    out = tmp_path_factory.mktemp(f"site-{day}") / "site"
    code, output = run("build", "--root", str(REPO), "--out", str(out), "--date", day)
    assert code == 0, output
    return out


@pytest.fixture(scope="module")
def during(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "2024-04-10")


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "2024-05-03")


def _pages(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).rglob("index.html"))


BANNERS = {
    "en": "Pre-election period, 25 March 2024 to 2 May 2024: this site carries factual "
    "information only",
    "cy": "Cyfnod cyn yr etholiad, 25 Mawrth 2024 hyd at 2 Mai 2024: dim ond gwybodaeth "
    "ffeithiol sydd ar y wefan hon",
}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_banner_on_every_page_during_the_period(during: Path, lang: str) -> None:
    pages = _pages(during, lang)
    assert len(pages) >= 25
    for path in pages:
        banner = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            "aside.md-banner .opcc-banner"
        )
        assert banner is not None, path
        assert banner.get_text(" ", strip=True).startswith(BANNERS[lang]), path


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_no_banner_after_the_period(after: Path, lang: str) -> None:
    for path in _pages(after, lang):
        html = path.read_text(encoding="utf-8")
        assert "md-banner" not in html and "opcc-banner" not in html, path


@pytest.mark.parametrize(("lang", "label"), [("en", "(past)"), ("cy", "(wedi mynd heibio)")])
def test_timetable_marks_past_events(during: Path, after: Path, lang: str, label: str) -> None:
    election = run_check(Project(REPO)).site.election
    assert election is not None
    for site, day in ((during, date(2024, 4, 10)), (after, date(2024, 5, 3))):
        page = BeautifulSoup(
            (site / lang / "timetable/index.html").read_text(encoding="utf-8"), "html.parser"
        )
        rows = page.select("table.opcc-timetable tbody tr")
        assert len(rows) == len(election.timetable)
        past = [row for row in rows if "opcc-past" in (row.get("class") or [])]
        assert len(past) == sum(1 for entry in election.timetable if entry.date < day)
        assert all(label in row.get_text() for row in past)
        assert not any(label in row.get_text() for row in rows if row not in past)
