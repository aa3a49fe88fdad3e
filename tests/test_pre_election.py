"""The protocol's publishing rules: publish_from, and nothing that promotes the incumbent
PCC while the pre-election period lasts (25 March to 2 May 2024 in the test election)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import document_text, response_text, run, write

EN = "responses/PCC24-001.en.md"
CY = "responses/PCC24-001.cy.md"
DURING, AFTER = "2024-04-10", "2024-05-20"


def _check(project: Path, day: str) -> tuple[int, str]:
    return run("check", "--root", str(project), "--date", day)


def test_news_document_refused_during_the_period_only(project: Path) -> None:
    write(
        project,
        "content/news/new-station.en.md",
        document_text("New station", "A new station opens.", "news"),
    )
    write(
        project,
        "content/news/new-station.cy.md",
        document_text("Gorsaf newydd", "Mae gorsaf newydd yn agor.", "news"),
    )
    code, output = _check(project, DURING)
    assert code == 1
    assert (
        "content/news/new-station.en.md:3: E003 a 'news' document cannot be published during "
        "the pre-election period (25 March 2024 to 2 May 2024): documents which promote the "
        "incumbent PCC should not be published"
    ) in output
    assert "content/news/new-station.cy.md:3: E003" in output
    code, output = _check(project, AFTER)
    assert "E003" not in output


def test_campaigning_language_near_the_role(project: Path) -> None:
    write(
        project,
        EN,
        response_text("en") + "\nThe Commissioner is proud of this record of delivery.\n",
    )
    write(project, CY, response_text("cy") + "\nMae'r Comisiynydd yn falch o'r llwyddiant hwn.\n")
    code, output = _check(project, DURING)
    assert code == 1
    assert (
        f"{EN}:22: E004 'proud' near 'Commissioner' reads as promoting the Commissioner" in output
    )
    assert f"{CY}:22: E004 'llwyddiant' near 'Comisiynydd'" in output
    code, output = _check(project, AFTER)
    assert "E004" not in output, output


def test_neutral_facts_about_the_commissioner_pass(project: Path) -> None:
    write(
        project,
        EN,
        response_text("en")
        + "\nThe Commissioner set the precept at £293.22 for a Band D property.\n",
    )
    write(
        project,
        CY,
        response_text("cy") + "\nPennodd y Comisiynydd braesept o £293.22 ar gyfer eiddo Band D.\n",
    )
    code, output = _check(project, DURING)
    assert code == 0, output


def test_project_can_add_its_own_campaigning_words(project: Path) -> None:
    election = (project / "content/election.yml").read_text(encoding="utf-8")
    write(
        project,
        "content/election.yml",
        election
        + "campaigning:\n  words: {en: [safer streets promise], cy: [addewid strydoedd mwy diogel]}\n",
    )
    write(project, EN, response_text("en") + "\nThe PCC kept the safer streets promise.\n")
    write(project, CY, response_text("cy") + "\nCadwodd y CHTh yr addewid strydoedd mwy diogel.\n")
    code, output = _check(project, DURING)
    assert code == 1
    assert "E004 'safer streets promise' near 'PCC'" in output


def test_publish_from_holds_a_document_back_until_its_day(project: Path, tmp_path: Path) -> None:
    for path, lang in ((EN, "en"), (CY, "cy")):
        write(project, path, response_text(lang, publish_from="2024-04-20"))
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out), "--date", "2024-04-19")
    assert code == 0, output
    assert not (out / "en/register/pcc24-001").exists()
    assert "PCC24-001" not in (out / "cy/register/index.html").read_text(encoding="utf-8")
    code, output = run("build", "--root", str(project), "--out", str(out), "--date", "2024-04-20")
    assert code == 0, output
    assert (out / "en/register/pcc24-001/index.html").is_file()
    assert "PCC24-001" in (out / "cy/register/index.html").read_text(encoding="utf-8")


def test_link_to_a_document_held_back_by_publish_from(project: Path) -> None:
    for path in ("content/briefing-pack/workforce.en.md", "content/briefing-pack/workforce.cy.md"):
        text = (
            (project / path)
            .read_text(encoding="utf-8")
            .replace("status: ready", "status: ready\npublish_from: 2024-05-10")
        )
        write(project, path, text)
    write(
        project,
        "content/index.en.md",
        document_text("Home", "See [workforce](briefing-pack/workforce.en.md)."),
    )
    write(
        project,
        "content/index.cy.md",
        document_text("Hafan", "Gweler [gweithlu](briefing-pack/workforce.cy.md)."),
    )
    code, output = _check(project, DURING)
    assert code == 1
    assert (
        "content/index.en.md:6: L003 the link 'briefing-pack/workforce.en.md' points at a document that is not published"
        in output
    )


def test_preview_of_an_earlier_day_leaves_out_later_answers(project: Path, tmp_path: Path) -> None:
    """Built as on 5 April, a response answered on 8 April is not yet in the register, and
    no page says it was published after the day it is built for."""
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out), "--date", "2024-04-05")
    assert code == 0, output
    assert not (out / "en/register/pcc24-001").exists()
    code, output = run("build", "--root", str(project), "--out", str(out), "--date", "2024-04-08")
    assert code == 0, output
    page = (out / "en/register/pcc24-001/index.html").read_text(encoding="utf-8")
    assert "<dt>First published</dt><dd>8 April 2024</dd>" in page
