"""`opcc-site check` on bad input: each problem is one exact line, never a traceback."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from tests.conftest import PEOPLE_LIST, document_text, response_text, run, tree_digest, write

EN = "responses/PCC24-001.en.md"
CY = "responses/PCC24-001.cy.md"


def check(root: Path) -> tuple[int, str]:
    return run("check", "--root", str(root))


def test_valid_project_passes(project: Path) -> None:
    code, output = check(project)
    assert code == 0, output
    assert output.strip().splitlines()[-1].startswith("No problems found. 1 response ready")


def test_a_project_without_a_people_list_is_warned(project: Path) -> None:
    """No list, no name is looked for: the check passes, and says so plainly. An empty
    list is a choice (nobody to list), and is not warned about."""
    (project / PEOPLE_LIST).unlink()
    code, output = check(project)
    assert code == 0, output
    assert ".private/people.txt: F009 (warning) there is no people list" in output
    assert output.strip().splitlines()[-1].startswith("No problems found (1 warning).")
    write(project, PEOPLE_LIST, "")
    code, output = check(project)
    assert (code, "F009" in output, "F002" in output) == (0, False, False), output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    code, output = check(tmp_path)
    assert code == 2
    assert "has neither a content/ nor a responses/ folder" in output
    code, _ = run("check", "--no-such-option")
    assert code == 2


# Each case: (what to write, the exact first line of the diagnostic expected).
CASES: list[tuple[str, dict[str, str | bytes], str]] = [
    (
        "broken-yaml",
        {EN: response_text("en").replace("topic: workforce", "topic: [workforce")},
        f"{EN}:9: Y003 the fields cannot be read:",
    ),
    (
        "not-utf8",
        {EN: response_text("en").replace("Powys?", "Powys\u2019?").encode("cp1252")},
        f"{EN}:16: F001 the file is not UTF-8 text",
    ),
    ("empty-file", {EN: ""}, f"{EN}: F002 the file is empty"),
    (
        "no-frontmatter",
        {EN: "## Question\n\nWhat?\n"},
        f"{EN}:1: Y001 the file does not start with a frontmatter block",
    ),
    (
        "unclosed-frontmatter",
        {EN: "---\nreference: PCC24-001\n"},
        f"{EN}:1: Y002 the frontmatter block opened on line 1 is never closed",
    ),
    (
        "not-a-mapping",
        {EN: "---\n- reference\n- title\n---\nbody\n"},
        f"{EN}:2: Y004 the frontmatter must be a list of 'name: value' fields, not a list",
    ),
    (
        "duplicate-key",
        {EN: response_text("en").replace("foi: false", "foi: false\nfoi: true")},
        f"{EN}:9: Y005 the field 'foi' is given twice (first on line 8)",
    ),
    (
        "missing-field",
        {EN: response_text("en", received=None), CY: response_text("cy", received=None)},
        f"{EN}:1: S001 the required field 'received' is missing",
    ),
    (
        "unknown-field",
        {EN: response_text("en", recieved="2024-04-01")},
        f"{EN}:12: S002 'recieved' is not a field of a response",
    ),
    (
        "unknown-value",
        {EN: response_text("en", channel="phone")},
        f"{EN}:11: S003 'channel' is 'phone', which is not one of the allowed values",
    ),
    (
        "date-that-does-not-exist",
        {EN: response_text("en", responded="2024-02-30")},
        f"{EN}:11: S004 'responded' is '2024-02-30', which is not a date that exists",
    ),
    (
        "date-in-wrong-form",
        {EN: response_text("en", received="9 April 2024")},
        f"{EN}:11: S004 'received' is '9 April 2024', which is not a date in the form YYYY-MM-DD",
    ),
    (
        "wrong-type",
        {EN: response_text("en", foi='"no"')},
        f"{EN}:11: S005 'foi' must be true or false",
    ),
    (
        "bad-reference",
        {EN: response_text("en", reference="pcc 1"), CY: response_text("cy", reference="pcc 1")},
        f"{EN}:2: S005 'reference' is 'pcc 1', which is not in the expected form",
    ),
    (
        "missing-welsh-twin",
        {CY: None},  # type: ignore[dict-item]
        f"{EN}: T001 there is no Welsh version: {CY} is missing",
    ),
    (
        "orphan-welsh-file",
        {"content/orphan.cy.md": document_text("Amddifad", "Testun.")},
        "content/orphan.cy.md: T001 there is no English version: content/orphan.en.md is missing",
    ),
    (
        "twin-facts-differ",
        {CY: response_text("cy", topic="budget")},
        f"{CY}:11: T002 'topic' is 'budget' here but 'workforce' in {EN}",
    ),
    (
        "duplicate-reference",
        {
            "responses/2024/PCC24-001b.en.md": response_text("en"),
            "responses/2024/PCC24-001b.cy.md": response_text("cy"),
        },
        f"{EN}:2: R009 the reference PCC24-001 is also used by responses/2024/PCC24-001b.en.md",
    ),
    (
        "symlink",
        {"responses/link.en.md": "->responses/PCC24-001.en.md"},
        "responses/link.en.md: F003 the file is a symbolic link, which is never published",
    ),
    (
        "named-pipe",
        {"content/briefing-pack/pipe.pdf": "FIFO"},
        "content/briefing-pack/pipe.pdf: F007 this is not an ordinary file",
    ),
    (
        "bad-document-name",
        {"content/notes.md": document_text("Notes", "Text")},
        "content/notes.md: F004 'notes.md' is not named NAME.en.md or NAME.cy.md",
    ),
    (
        "attachment-type",
        {"content/briefing-pack/source.xls": b"\xd0\xcf\x11\xe0"},
        "content/briefing-pack/source.xls: F005 'source.xls' is not a file type that can be "
        "published (.xls)",
    ),
    (
        "responded-before-received",
        {
            EN: response_text("en", responded="2024-03-30"),
            CY: response_text("cy", responded="2024-03-30"),
        },
        f"{EN}:11: R001 'responded' (30 March 2024) is before 'received' (1 April 2024)",
    ),
    (
        "verbal-not-confirmed",
        {EN: response_text("en", channel="verbal"), CY: response_text("cy", channel="verbal")},
        f"{EN}:11: R002 a verbal request needs 'confirmed_in_writing'",
    ),
    (
        "confirmation-after-reply",
        {
            EN: response_text("en", channel="verbal", confirmed_in_writing="2024-04-10"),
            CY: response_text("cy", channel="verbal", confirmed_in_writing="2024-04-10"),
        },
        f"{EN}:12: R003 'confirmed_in_writing' (10 April 2024) is after the reply was sent",
    ),
    (
        "refusal-reason-missing",
        {EN: response_text("en", outcome="refused"), CY: response_text("cy", outcome="refused")},
        f"{EN}:11: R004 a response that is refused needs a 'refusal_reason'",
    ),
    (
        "refusal-reason-unexpected",
        {
            EN: response_text("en", refusal_reason="cost"),
            CY: response_text("cy", refusal_reason="cost"),
        },
        f"{EN}:12: R005 'refusal_reason' is given but the outcome is 'answered'",
    ),
    (
        "foi-reference-missing",
        {EN: response_text("en", foi="true"), CY: response_text("cy", foi="true")},
        f"{EN}:11: R006 an FOI response ('foi: true') needs an 'foi_reference'",
    ),
    (
        "foi-reference-unexpected",
        {
            EN: response_text("en", foi_reference="FOI-1"),
            CY: response_text("cy", foi_reference="FOI-1"),
        },
        f"{EN}:12: R007 'foi_reference' is given but 'foi' is not true",
    ),
    (
        "ready-without-response-date",
        {EN: response_text("en", responded=None), CY: response_text("cy", responded=None)},
        f"{EN}:11: R008 the response is 'ready' but has no 'responded' date",
    ),
    (
        "ready-without-outcome",
        {EN: response_text("en", outcome=None), CY: response_text("cy", outcome=None)},
        f"{EN}:11: R014 the response is 'ready' but has no 'outcome'",
    ),
    (
        "unknown-topic",
        {EN: response_text("en", topic="parking"), CY: response_text("cy", topic="parking")},
        f"{EN}:11: R010 the topic 'parking' is not in the list of topics in content/election.yml",
    ),
    (
        "topic-written-as-its-welsh-name",
        {EN: response_text("en", topic="Gweithlu"), CY: response_text("cy", topic="Gweithlu")},
        f"{EN}:11: R010 the topic 'Gweithlu' is not in the list of topics",
    ),
    (
        "related-not-found",
        {
            EN: response_text("en", related="[workforce]"),
            CY: response_text("cy", related="[workforce]"),
        },
        f"{EN}:11: R011 'related' names 'workforce', which is not a published briefing pack document",
    ),
    (
        "missing-sections",
        {CY: response_text("cy").replace("## Ymateb", "## Ateb")},
        f"{CY}:14: R012 the response has no '## Ymateb' heading",
    ),
    (
        "section-heading-only-in-a-code-block",
        {CY: response_text("cy").replace("## Ymateb", "```\n## Ymateb\n```")},
        f"{CY}:19: R012 the response has no '## Ymateb' heading",
    ),
    (
        "note-without-date",
        {
            "content/meetings/cc.en.md": document_text("Meeting", "Notes.", "meeting"),
            "content/meetings/cc.cy.md": document_text("Cyfarfod", "Nodiadau.", "meeting"),
        },
        "content/meetings/cc.en.md:3: C001 a meeting note needs a 'date'",
    ),
    (
        "election-file-missing",
        {"content/election.yml": None},  # type: ignore[dict-item]
        "content/election.yml: E001 the election data file is missing",
    ),
    (
        "pre-election-period-order",
        {
            "content/election.yml": "ELECTION:start: 2024-03-25, end: 2024-05-02|start: 2024-05-25, end: 2024-05-02"
        },
        "content/election.yml:7: E002 the pre-election period ends (2 May 2024) before it starts "
        "(25 May 2024)",
    ),
    (
        "broken-link",
        {"content/index.en.md": document_text("Home", "See [the plan](briefing-pack/plan.en.md).")},
        "content/index.en.md:6: L001 the link 'briefing-pack/plan.en.md' points at "
        "content/briefing-pack/plan.en.md, which does not exist",
    ),
    (
        "link-to-other-language",
        {
            "content/index.cy.md": document_text(
                "Hafan", "\nGweler [y gweithlu](briefing-pack/workforce.en.md)."
            )
        },
        "content/index.cy.md:7: L002 the link 'briefing-pack/workforce.en.md' points at the "
        "English version of a document",
    ),
    (
        "link-to-draft",
        {
            "content/index.en.md": document_text("Home", "See [notes](notes.en.md)."),
            "content/index.cy.md": document_text("Hafan", "Gweler [nodiadau](notes.cy.md)."),
            "content/notes.en.md": document_text("Notes", "Text.").replace("ready", "draft"),
            "content/notes.cy.md": document_text("Nodiadau", "Testun.").replace("ready", "draft"),
        },
        "content/index.en.md:6: L003 the link 'notes.en.md' points at a document that is not "
        "published (a draft,",
    ),
    (
        "unsafe-html",
        {
            "content/index.en.md": document_text(
                "Home", 'Hello <img src="x.png" onerror="alert(1)">'
            )
        },
        "content/index.en.md:6: H001 the text contains an event handler attribute (onerror)",
    ),
    (
        "unsafe-html-slash-handler",
        {"content/index.en.md": document_text("Home", "Hi <img/src=x/onerror=alert(1)>")},
        "content/index.en.md:6: H001 the text contains an event handler attribute (onerror)",
    ),
    (
        "unsafe-html-reference-link",
        {"content/index.en.md": document_text("Home", "[click][x]\n\n[x]: javascript:alert(1)")},
        "content/index.en.md:8: H001 the text contains a 'javascript:' address",
    ),
    (
        "unsafe-html-encoded-scheme",
        {"content/index.en.md": document_text("Home", "<a href=&#106;avascript:alert(1)>x</a>")},
        "content/index.en.md:6: H001 the text contains a 'javascript:' address",
    ),
    (
        "unsafe-html-split-scheme",
        {"content/index.en.md": document_text("Home", '<a href="java\nscript:alert(1)">x</a>')},
        "content/index.en.md:6: H001 the text contains a 'javascript:' address",
    ),
    (
        "markup-in-title",
        {"content/index.en.md": document_text('"<img src=x onerror=alert(6)>"', "Text.")},
        "content/index.en.md:2: H002 'title' contains markup (an HTML tag or angle bracket)",
    ),
    (
        "link-in-election-fact",
        {
            "content/election.yml": 'ELECTION:cy: Prif Weithredwr Cyngor Sir Caerfyrddin|cy: "[x](javascript:alert(4))"'
        },
        "content/election.yml:11: H002 'paro.cy' contains markup (a link)",
    ),
    (
        "yaml-alias",
        {EN: response_text("en", related="&a [*a]")},
        f"{EN}:11: Y006 a value repeats another with an alias",
    ),
    (
        "unsafe-file-name",
        {'content/a" onmouseover="x.en.md': document_text("A", "B")},
        'content/a" onmouseover="x.en.md: F008 the name \'a" onmouseover="x.en.md\' has characters',
    ),
    (
        "text-file-saved-by-windows",
        {"responses/PCC24-002.cy.md.txt": response_text("cy", "PCC24-002")},
        "responses/PCC24-002.cy.md.txt: F004 'PCC24-002.cy.md.txt' is not named NAME.en.md",
    ),
    (
        "reference-not-file-name",
        {EN: response_text("en", "PCC24-017"), CY: response_text("cy", "PCC24-017")},
        f"{EN}:2: R013 'reference' is PCC24-017 but the file is named PCC24-001.en.md",
    ),
    (
        "page-hides-generated-page",
        {
            "content/timetable/index.en.md": document_text("Mine", "Text."),
            "content/timetable/index.cy.md": document_text("Fy un i", "Testun."),
        },
        "content/timetable/index.en.md: D001 this would be published at /en/timetable/, an "
        "address the site uses for its own page",
    ),
    (
        "welsh-page-links-english-only-attachment",
        {
            "content/only.en.csv": "a,b\n1,2\n",
            "content/index.cy.md": document_text("Hafan", "Gweler [y ffigurau](only.en.csv)."),
        },
        "content/index.cy.md:6: L002 the link 'only.en.csv' points at the English version",
    ),
    (
        "address-clash",
        {
            "content/register/index.en.md": document_text("Register", "Mine."),
            "content/register/index.cy.md": document_text("Cofrestr", "Fy un i."),
        },
        "content/register/index.en.md: D001 this would be published at /en/register/, an "
        "address the site uses for its own page",
    ),
]


def _apply(root: Path, files: dict[str, str | bytes | None]) -> None:
    for rel, text in files.items():
        path = root / rel
        if text == "FIFO":
            os.mkfifo(path)
        elif text is None:
            path.unlink()
        elif isinstance(text, str) and text.startswith("->"):
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(root / text[2:], path)
        elif isinstance(text, str) and text.startswith("ELECTION:"):
            old, new = text[len("ELECTION:") :].split("|")
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        else:
            write(root, rel, text)


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported(
    project: Path, name: str, files: dict[str, str | bytes | None], expected: str
) -> None:
    _apply(project, files)
    before = tree_digest(project)
    code, output = check(project)
    assert code == 1, output
    assert "Traceback" not in output
    lines = output.splitlines()
    # Problems are grouped under their file's name, each with its location and its fix.
    assert any(line.startswith("  " + expected) for line in lines), output
    index = next(i for i, line in enumerate(lines) if line.startswith("  " + expected))
    heading = next(line for line in reversed(lines[:index]) if not line.startswith(" "))
    assert heading.startswith(expected.split(":")[0] + " (")
    # The line after every diagnostic is its fix, in one sentence.
    assert lines[index + 1].startswith("      fix: ")
    if name == "topic-written-as-its-welsh-name":
        assert "'Gweithlu' is the Welsh name of 'workforce'" in lines[index + 1]
    assert "nothing can be published until they are fixed" in lines[-1]
    assert tree_digest(project) == before  # checking never changes a source file


def test_every_problem_is_reported_in_one_run(project: Path) -> None:
    write(project, EN, response_text("en", channel="phone", topic="parking"))
    write(project, "content/index.cy.md", "")
    code, output = check(project)
    assert code == 1
    assert f"{EN}:10: S003 'channel' is 'phone'" in output
    assert "content/index.cy.md: F002 the file is empty" in output
    assert output.splitlines()[-1].startswith("2 errors in 2 files")


def test_draft_may_lack_a_response_date(project: Path) -> None:
    write(
        project,
        "responses/PCC24-002.en.md",
        response_text("en", "PCC24-002", responded=None, status="draft"),
    )
    write(
        project,
        "responses/PCC24-002.cy.md",
        response_text("cy", "PCC24-002", responded=None, status="draft"),
    )
    code, output = check(project)
    assert code == 0, output
    assert "1 response ready, 1 draft;" in output


def test_welsh_at_is_not_an_email_and_byte_order_mark_is_accepted(project: Path) -> None:
    text = response_text("cy").replace("Mae 240", "Ysgrifennwch at y Prif Weithredwr. Mae 240")
    write(project, CY, "\ufeff" + text.replace("\n", "\r\n"))
    code, output = check(project)
    assert code == 0, output


@pytest.mark.parametrize("command", ["check", "build"])
def test_unreadable_file_is_reported(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # Root can read any file, so the refusal is simulated where files are read (a build
    # also reads every file first, to see whether anything has changed).
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "PCC24-001.cy.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    real_open = builtins.open

    def refuse_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("PCC24-001.cy.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(builtins, "open", refuse_open)
    extra = ["--out", str(tmp_path / "site")] if command == "build" else []
    code, output = run(command, "--root", str(project), *extra)
    assert code == 1
    assert f"{CY}: F006 the file cannot be read: Permission denied" in output
    assert not (tmp_path / "site").exists()


def test_a_name_ending_in_a_line_break_is_not_safe() -> None:
    from generator.content.sources import SAFE_NAME

    assert SAFE_NAME.match("budget.en.md")
    assert not SAFE_NAME.match("a\n")
