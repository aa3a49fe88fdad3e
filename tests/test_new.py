"""`opcc-site new`: a response or document started as a pair of drafts, with the next
free reference, every required field and the headings in each language; nothing that
exists is ever overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import REPO, copy_example, run, tree_digest

RESPONSE = [
    "--title-en",
    "Officers in Ceredigion",
    "--title-cy",
    "Swyddogion yng Ngheredigion",
    "--received",
    "2024-04-22",
    "--channel",
    "email",
    "--requester",
    "candidate",
    "--topic",
    "workforce",
]


def _example(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_new_responses_take_the_next_free_references_in_turn(tmp_path: Path) -> None:
    root = _example(tmp_path)
    highest = max(int(p.name[6:9]) for p in (root / "responses").glob("PCC24-*.en.md"))
    for number in (highest + 1, highest + 2):
        code, output = run("new", "response", "--root", str(root), *RESPONSE)
        assert code == 0, output
        for lang in ("en", "cy"):
            assert f"responses/PCC24-{number:03d}.{lang}.md" in output
    welsh = (root / f"responses/PCC24-{highest + 1:03d}.cy.md").read_text(encoding="utf-8")
    assert 'title: "Swyddogion yng Ngheredigion"' in welsh
    assert "## Cwestiwn" in welsh and "## Ymateb" in welsh and "status: draft" in welsh
    english = (root / f"responses/PCC24-{highest + 1:03d}.en.md").read_text(encoding="utf-8")
    assert "## Question" in english and "received: 2024-04-22" in english
    # The new drafts pass the checks as they are, and are not published.
    code, output = run("check", "--root", str(root))
    assert code == 0, output
    assert "3 drafts" in output.splitlines()[-1]


def test_a_ready_response_with_its_todo_left_in_is_refused(tmp_path: Path) -> None:
    root = _example(tmp_path)
    code, output = run("new", "response", "--root", str(root), *RESPONSE)
    assert code == 0, output
    for path in output.split()[3:5]:
        file = root / path
        text = file.read_text(encoding="utf-8").replace("status: draft", "status: ready")
        text = text.replace("# responded: YYYY-MM-DD", "responded: 2024-04-29")
        text = text.replace("# outcome: answered", "outcome: answered")
        file.write_text(text, encoding="utf-8")
    code, output = run("check", "--root", str(root))
    assert code == 1
    assert "W004" in output


def test_questions_are_asked_for_what_is_not_given(tmp_path: Path) -> None:
    root = _example(tmp_path)
    answers = "\n".join(
        [
            "Stations open to the public",
            "Gorsafoedd sydd ar agor i'r cyhoedd",
            "2024-04-23",
            "verbal",
            "agent",
            "estates",
            "2024-04-24",
        ]
    )
    result = CliRunner().invoke(cli, ["new", "response", "--root", str(root)], input=answers)
    assert result.exit_code == 0, result.output
    created = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    text = (root / created[0]).read_text(encoding="utf-8")
    assert "channel: verbal" in text and "confirmed_in_writing: 2024-04-24" in text
    assert run("check", "--root", str(root))[0] == 0


def test_an_unknown_topic_is_refused_with_the_list(tmp_path: Path) -> None:
    root = _example(tmp_path)
    args = [a if a != "workforce" else "parking" for a in RESPONSE]
    before = tree_digest(root)
    code, output = run("new", "response", "--root", str(root), *args)
    assert code == 2
    assert "'parking' is not a topic" in output and "workforce" in output
    assert tree_digest(root) == before


def test_documents_of_each_kind(tmp_path: Path) -> None:
    root = _example(tmp_path)
    cases = [
        ("briefing", ["--name", "road-safety"], "content/briefing-pack/road-safety"),
        ("session", ["--date", "2024-04-25"], "content/briefing-sessions/2024-04-25-second-"),
        ("meeting", ["--date", "2024-04-26"], "content/meetings/2024-04-26-second-"),
        ("page", ["--name", "contact"], "content/contact"),
    ]
    for kind, extra, start in cases:
        code, output = run(
            "new",
            kind,
            "--root",
            str(root),
            "--title-en",
            "Second briefing",
            "--title-cy",
            "Ail sesiwn friffio",
            *extra,
        )
        assert code == 0, output
        assert f"  {start}" in output, output
    meeting = next((root / "content/meetings").glob("2024-04-26-*.cy.md")).read_text("utf-8")
    assert "## Trefniadau" in meeting and "date: 2024-04-26" in meeting
    code, output = run("check", "--root", str(root))
    assert code == 0, output
    assert "4 drafts" in output.splitlines()[-1]


def test_nothing_existing_is_ever_overwritten(tmp_path: Path) -> None:
    root = _example(tmp_path)
    before = tree_digest(root)
    code, output = run(
        "new",
        "briefing",
        "--root",
        str(root),
        "--title-en",
        "Budget",
        "--title-cy",
        "Cyllideb",
        "--name",
        "budget",
    )
    assert code == 1
    assert "content/briefing-pack/budget.en.md and content/briefing-pack/budget.cy.md" in output
    assert "Nothing was written" in output
    assert tree_digest(root) == before
