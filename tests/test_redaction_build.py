"""Redaction around the build: the last scan of the built site, the people list kept out
of every output, the public-facts report, and files too large to check."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.content.model import Site
from tests import binaries
from tests.conftest import response_text, run, tree_digest, write

PEOPLE = "Gareth Llewellyn\nBethan Morgan\n"


def _with_people(project: Path) -> Path:
    write(project, ".private/people.txt", PEOPLE)
    return project


def test_personal_data_added_by_the_configuration_fails_the_build(
    project: Path, tmp_path: Path
) -> None:
    """site_author in mkdocs.yml becomes a <meta> tag on every page: no source check sees
    it, the scan of the built site does, and the previous site stays as it was."""
    _with_people(project)
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    before = tree_digest(out)
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    write(project, "mkdocs.yml", config + '\nsite_author: "Gareth Llewellyn, 07700 900123"\n')
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 1, output
    assert "B003 the name of a private person" in output
    assert "B003 a phone number" in output
    assert "Nothing was published" in output
    assert "Llewellyn" not in output
    assert tree_digest(out) == before


def test_personal_data_in_a_template_fails_the_build(project: Path, tmp_path: Path) -> None:
    templates = Path(__file__).parent.parent / "site_templates"
    import shutil

    shutil.copytree(templates, project / "site_templates")
    footer = project / "site_templates/overrides/partials/copyright.html"
    footer.write_text(
        footer.read_text(encoding="utf-8") + "\n<!-- webmaster: g.llewellyn@example.com -->\n",
        encoding="utf-8",
    )
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "site"))
    assert code == 1, output
    assert "B003 an email address" in output
    assert not (tmp_path / "site").exists()


def test_people_list_never_reaches_the_output_or_the_log(project: Path, tmp_path: Path) -> None:
    _with_people(project)
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    assert "Llewellyn" not in output and "Bethan" not in output
    assert not list(out.rglob("people.txt"))
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Llewellyn" not in data and b"Bethan Morgan" not in data, path


def test_build_report_lists_each_public_fact_used_with_its_reason(
    project: Path, tmp_path: Path
) -> None:
    text = response_text("en").replace(
        "status: ready",
        "status: ready\npublic_facts:\n  - text: 029 2018 0456\n"
        "    reason: The OPCC's published office number",
    )
    write(project, "responses/PCC24-001.en.md", text + "\nCall the office on 029 2018 0456.\n")
    welsh = response_text("cy").replace(
        "status: ready",
        "status: ready\npublic_facts:\n  - text: 029 2018 0456\n"
        "    reason: Rhif ffôn cyhoeddedig y swyddfa",
    )
    write(project, "responses/PCC24-001.cy.md", welsh + "\nFfoniwch y swyddfa ar 029 2018 0456.\n")
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "site"))
    assert code == 0, output
    assert "Let through as public facts (3)" in output
    assert (
        "'029 2018 0456': The OPCC's published office number "
        "(listed in responses/PCC24-001.en.md:14; used in responses/PCC24-001.en.md)"
    ) in output
    assert "'election@opcc-cambria.example.org': The office's published election mailbox" in output


def test_public_fact_needs_a_reason(project: Path) -> None:
    text = response_text("en").replace(
        "status: ready", "status: ready\npublic_facts:\n  - text: 029 2018 0456"
    )
    write(project, "responses/PCC24-001.en.md", text + "\nCall 029 2018 0456.\n")
    code, output = run("check", "--root", str(project))
    assert code == 1
    assert "responses/PCC24-001.en.md:14: S001 the required field 'public_facts.0.reason'" in output
    assert "shown to the Chief Executive" in output
    # Without a reason the exception is not honoured either.
    assert "responses/PCC24-001.en.md:24: P002 a phone number" in output


def test_unused_public_fact_is_a_warning(project: Path) -> None:
    write(
        project,
        "content/public-facts.yml",
        "public_facts:\n"
        "  - text: election@opcc-cambria.example.org\n    reason: Election mailbox\n"
        "  - text: SA31 9ZZ\n    reason: Force headquarters postcode\n",
    )
    code, output = run("check", "--root", str(project))
    assert code == 0, output
    assert "content/public-facts.yml:4: X001 (warning) the public fact listed here" in output


def test_attachment_too_large_to_check(project: Path) -> None:
    write(project, "content/briefing-pack/bomb.docx", binaries.zip_bomb_docx())
    code, output = run("check", "--root", str(project))
    assert code == 1
    assert (
        "content/briefing-pack/bomb.docx: A009 this attachment unpacks to 211 MB, more than the 200 MB"
        in output
    )


def test_check_never_changes_the_files_it_reads(project: Path) -> None:
    _with_people(project)
    write(project, "content/briefing-pack/data.xlsx", binaries.xlsx(hidden_sheet=[["x"]]))
    write(project, "content/briefing-pack/note.pdf", binaries.pdf(note="Gareth Llewellyn"))
    write(project, "content/briefing-pack/note.docx", binaries.docx(deleted="Bethan Morgan"))
    before = tree_digest(project)
    code, _ = run("check", "--root", str(project))
    assert code == 1
    assert tree_digest(project) == before


def test_runs_of_a_built_file_scanned_together_keep_apart_and_keep_their_lines() -> None:
    """The built-site scan reads a file's short runs of new lines as one text: what two
    runs would make only if joined is never found, and each finding keeps its own line."""
    from generator.redaction import built_site
    from generator.redaction.allowlist import Allowlist
    from generator.redaction.detectors import email, names, phone
    from generator.redaction.scan import Scanner

    scanner = Scanner.for_project(((1, "Bethan Morgan"),), Allowlist(()))
    pieces = [
        (10, "Call 07700"),
        (20, "900123 today"),
        (30, "Dear Bethan"),
        (40, "Morgan Street is closed"),
        (50, "Write to us\nat bethan.morgan@example.org"),
        (60, "or ring 07700 900123"),
    ]
    found = [
        (line, finding.detector.rule.code)
        for line, finding in built_site._findings(pieces, scanner, "en/x.html", "en")
    ]
    assert sorted(found) == sorted(
        [(51, email.RULE.code), (51, names.RULE.code), (60, phone.RULE.code)]
    )
    # Many runs, more than one batch: every one is read.
    many = [(n * 3, f"Paragraph {n} of the page.") for n in range(2000)]
    many.append((9000, "Ring 07700 900456"))
    lines = [line for line, _ in built_site._findings(many, scanner, "en/x.html", "en")]
    assert lines == [9000]


def test_a_language_scanned_as_soon_as_it_is_built_finds_what_the_whole_scan_finds(
    project: Path, tmp_path: Path
) -> None:
    """The build scans each language's files as soon as its engine is done, beside the
    other language's build; the root and the languages not handed in are scanned at
    the end. Together they find what one scan of the whole site finds."""
    from datetime import date

    from generator.commands.check import run_check
    from generator.project import Project
    from generator.redaction.built_site import BuiltSiteScan, scan_built_site

    _with_people(project)
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    for rel, text in [
        ("en/index.html", "<p>Ring 07700 900123</p>"),
        ("cy/index.html", "<p>Gareth <strong>Llewellyn</strong></p>"),
        ("sitemap.xml", "<!-- g.llewellyn@example.com -->"),
    ]:
        path = out / rel
        path.write_text(path.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")
    site = run_check(Project(project), date.today()).site

    def found(hand_in: list[str]) -> list[tuple[str, int, str]]:
        with BuiltSiteScan(out, site, "site/") as scan:
            for lang in hand_in:
                scan.language(lang)
            return [(d.path, d.line, d.code) for d in scan.finish()]

    whole = [(d.path, d.line, d.code) for d in scan_built_site(out, site, "site/")]
    assert {path for path, _, _ in whole} == {
        "site/en/index.html",
        "site/cy/index.html",
        "site/sitemap.xml",
    }
    assert found(["cy"]) == whole
    assert found(["en", "cy"]) == whole
    assert found([]) == whole


def test_a_line_repeated_across_a_language_s_files_is_reported_in_the_first_only(
    tmp_path: Path,
) -> None:
    """Text every page repeats (a footer, a meta tag) is one finding for the language,
    at its first file, however the language's files are scanned."""
    from generator.redaction.built_site import BuiltSiteScan

    site_folder = tmp_path / "site"
    for name in ("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"):
        page = site_folder / "en" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text("<p>Welcome</p>\n<p>Ring 07700 900123</p>\n", encoding="utf-8")
    site = _empty_site()
    for hand_in in ([], ["en"]):
        with BuiltSiteScan(site_folder, site, "site/") as scan:
            for lang in hand_in:
                scan.language(lang)
            found = [(d.path, d.line, d.code) for d in scan.finish()]
        assert found == [("site/en/p0/index.html", 2, "B003")]


def test_files_in_a_folder_called_assets_are_scanned(tmp_path: Path) -> None:
    """The theme keeps its scripts and styles in assets/, but a page or attachment may be
    published in a folder of that name too (a document called "assets")."""
    from generator.redaction.built_site import scan_built_site

    site_folder = tmp_path / "site"
    for rel in ("en/assets/index.html", "cy/briefing-pack/assets/ffigurau.csv"):
        path = site_folder / rel
        path.parent.mkdir(parents=True)
        path.write_text("Ring 07700 900123\n", encoding="utf-8")
    (site_folder / "en" / "assets" / "theme.js").write_text("var x = '07700 900123';\n")
    site = _empty_site()
    found = sorted(d.path for d in scan_built_site(site_folder, site, "site/"))
    assert found == ["site/cy/briefing-pack/assets/ffigurau.csv", "site/en/assets/index.html"]


def _empty_site() -> Site:
    """A site with no sources and no people: the built-site scan's own detectors only."""
    return Site(
        election=None,
        responses=(),
        documents=(),
        attachments=(),
        people=(),
        public_facts=(),
        written=(),
        discovered=frozenset(),
        waiting_for_twin=(),
        today=date.today(),
    )


def test_a_file_found_clean_is_read_again_once_an_earlier_file_no_longer_holds_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line an earlier file held is not read again in a later one, so a name split
    over two lines, one of them held earlier, is not whole there. Once the earlier file
    drops that line, the later one, though its bytes are the same, reads it whole: the
    scan's record of clean files must not pass it over."""
    from generator.redaction.built_site import scan_built_site

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = dataclasses.replace(_empty_site(), people=((1, "Gareth Llewellyn"),))
    folder = tmp_path / "site"
    first, second = folder / "en" / "a" / "index.html", folder / "en" / "b" / "index.html"
    for page in (first, second):
        page.parent.mkdir(parents=True)
    first.write_text("<p>Our partners</p>\nLlewellyn\n", encoding="utf-8")
    second.write_text("<p>Asked by</p>\nGareth\nLlewellyn\n", encoding="utf-8")
    assert scan_built_site(folder, site, "site/") == []  # "Llewellyn" read in a only
    assert list((tmp_path / "cache" / "opcc-site" / "built-scan").glob("*.pickle"))
    first.write_text("<p>Our partners</p>\n", encoding="utf-8")
    found = scan_built_site(folder, site, "site/")
    assert [(d.path, d.code) for d in found] == [("site/en/b/index.html", "B003")]


def test_a_language_scanned_in_two_halves_finds_what_one_scan_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A language's files are scanned in two halves, one a core; the second reads the
    first's lines beforehand, so that each finding, each line read once in the first
    file that has it, and the record of clean runs are as one scan in order gives."""
    from generator.redaction import built_site

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = dataclasses.replace(_empty_site(), people=((1, "Gareth Llewellyn"),))
    folder = tmp_path / "site"
    for lang in ("en", "cy"):
        for n in range(60):
            page = folder / lang / f"p{n:02}" / "index.html"
            page.parent.mkdir(parents=True)
            lines = ["<header>Menu</header>", f"<p>Page {n}</p>"]
            if n % 7 == 3:
                lines += ["Llewellyn"]  # held here: in a later page it is not read again
            if n % 11 == 5 or n == 0:
                lines += ["Gareth", "Llewellyn"]  # whole only in p00
            if n in (10, 40):
                lines += ["<p>Ring 07700 900123</p>"]  # reported in p10 only
            if n == 50:
                lines += ["<p>Email bethan.morgan@example.com</p>"]
            page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "cy" / "search").mkdir()
    (folder / "cy" / "search" / "search_index.json").write_text(
        '{"docs": [{"title": "Gareth Llewellyn", "text": "Llewellyn"}, {"text": "Menu"}]}', "utf-8"
    )

    cache = tmp_path / "cache" / "opcc-site" / "built-scan"

    def scanned(
        halves_from: int, kept: dict[str, bytes] | None = None
    ) -> tuple[list[tuple[str, int, str]], set[bytes]]:
        """Findings and clean runs, in halves or not, with the record of clean runs as
        ``kept`` (none if not given)."""
        shutil.rmtree(cache, ignore_errors=True)
        for name, data in (kept or {}).items():
            cache.mkdir(parents=True, exist_ok=True)
            (cache / name).write_bytes(data)
        monkeypatch.setattr(built_site, "_HALVES_FROM", halves_from)
        with built_site.BuiltSiteScan(folder, site, "site/") as scan:
            scan.language("en")
            scan.language("cy")
            assert len(scan.outcomes) == (4 if halves_from < 60 else 2)
            found = [(d.path, d.line, d.code) for d in scan.finish()]
            return found, scan.clean.scanned

    whole, whole_clean = scanned(10**6)
    assert ("site/cy/p00/index.html", 3, "B003") in whole
    assert ("site/cy/p10/index.html", 4, "B003") in whole
    assert not any("cy/p05/" in path for path, _, _ in whole)
    assert not any("cy/p40/" in path for path, _, _ in whole)
    assert any("cy/p50/" in path for path, _, _ in whole)
    assert any("search_index.json" in path for path, _, _ in whole)
    assert scanned(40) == (whole, whole_clean)

    # Found clean and recorded; then a line held by an early page and no longer by a
    # later one: each page passed over or read again just as one scan in order does.
    for lang in ("en", "cy"):
        for n in (10, 40, 50):
            page = folder / lang / f"p{n:02}" / "index.html"
            page.write_text(page.read_text("utf-8").split("<p>Ring")[0].split("<p>Email")[0])
        page = folder / lang / "p00" / "index.html"
        page.write_text(page.read_text("utf-8").replace("Gareth\n", ""), "utf-8")
    (folder / "cy" / "search" / "search_index.json").write_text('{"docs": []}', "utf-8")
    assert scanned(10**6)[0] == []
    kept = {path.name: path.read_bytes() for path in cache.iterdir()}
    passed_over = scanned(10**6, kept)
    assert passed_over[0] == [] and scanned(40, kept) == passed_over
    for lang in ("en", "cy"):
        for n in (0, 3):  # the pages before p05 that hold "Llewellyn"
            page = folder / lang / f"p{n:02}" / "index.html"
            page.write_text(page.read_text("utf-8").replace("Llewellyn\n", ""), "utf-8")
    whole = scanned(10**6, kept)
    assert any("/p05/" in path for path, _, _ in whole[0])  # Gareth Llewellyn, whole now
    assert scanned(40, kept) == whole


@pytest.mark.parametrize(
    "page",
    [
        "<p>Contact Beth<!-- -->an Morgan</p>",
        "<p>Contact Beth<ins>an</ins> Morgan</p>",
        "<p>Contact <label>Beth<font color=red>an</font></label> Morgan</p>",
        "<p>Contact Beth<!--\nmore\n-->an Morgan</p>",
        "<p>Contact Bethan&#32;<tt>Morgan</tt></p>",
    ],
)
def test_a_name_split_by_markup_that_shows_nothing_is_found_in_the_built_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """A comment, or a tag the browser shows inline, inside a name: the page reads the
    name whole, so the scan does too, and reports the line where the name starts."""
    from generator.redaction.built_site import scan_built_site

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = dataclasses.replace(_empty_site(), people=((1, "Bethan Morgan"),))
    path = tmp_path / "site" / "en" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text(f"<h1>Register</h1>\n{page}\n<footer>OPCC</footer>\n", encoding="utf-8")
    found = scan_built_site(tmp_path / "site", site, "site/")
    assert [(d.path, d.line, d.code) for d in found] == [("site/en/index.html", 2, "B003")]


def test_words_either_side_of_a_block_tag_are_not_read_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cells, or two paragraphs, are two words on the page: no name is made of them."""
    from generator.redaction.built_site import scan_built_site

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = dataclasses.replace(_empty_site(), people=((1, "Morgan"),))
    path = tmp_path / "site" / "en" / "index.html"
    path.parent.mkdir(parents=True)
    path.write_text("<table><tr><td>Mor</td><td>gan</td></tr></table>\n<p>Mor</p><p>gan</p>\n")
    assert scan_built_site(tmp_path / "site", site, "site/") == []


def test_a_draft_s_public_facts_let_nothing_through_in_the_built_site(
    project: Path, tmp_path: Path
) -> None:
    """A draft's public_facts are an exception for its own text, which is on no page:
    they must not let the same text through anywhere else on the built site."""
    _with_people(project)
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    facts = "[{text: Gareth Llewellyn, reason: named in the published minutes}]"
    draft = response_text("en", "PCC24-099", status="draft", public_facts=facts)
    write(project, "responses/PCC24-099.en.md", draft + "\nAsked by Gareth Llewellyn.\n")
    write(project, "responses/PCC24-099.cy.md", response_text("cy", "PCC24-099", status="draft"))
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    write(project, "mkdocs.yml", config + '\nsite_author: "Gareth Llewellyn"\n')
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 1, output
    assert "B003 the name of a private person" in output


def test_an_attachment_saved_again_after_the_check_read_it_is_not_published(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks read each attachment, then the engine copies it into the site: a file
    saved again in between would be published unread. The build compares each copy
    with the bytes the checks read, and stops."""
    from generator.commands import check

    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    before = tree_digest(out)
    checked = check.run_check

    def check_then_save(*args: object, **kwargs: object) -> object:
        result = checked(*args, **kwargs)  # type: ignore[arg-type]
        write(project, "content/briefing-pack/workforce.csv", "county,officers\nPowys,999\n")
        return result

    monkeypatch.setattr(check, "run_check", check_then_save)
    index = project / "content/index.en.md"
    write(project, "content/index.en.md", index.read_text(encoding="utf-8") + "\nMore.\n")
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 1, output
    assert "B004 the published copy of content/briefing-pack/workforce.csv" in output
    assert "it changed after the checks read it" in output
    assert tree_digest(out) == before
    # Built again as it is now: checked, and published.
    monkeypatch.setattr(check, "run_check", checked)
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    assert (out / "en/briefing-pack/workforce.csv").read_text(encoding="utf-8").endswith("999\n")


def test_an_attachment_that_changes_while_it_is_read_is_recorded_as_such(tmp_path: Path) -> None:
    from generator.redaction.sources import CHANGED_WHILE_READ, checked_digest

    assert checked_digest("ab", "ab") == "ab"
    assert checked_digest("ab", "cd") == CHANGED_WHILE_READ
    assert checked_digest(None, None) == CHANGED_WHILE_READ
