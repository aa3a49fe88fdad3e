"""`opcc-site status` (the register at a glance) and `opcc-site history` (who changed a
response and when, from git)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO, copy_example, response_text, run, write


def test_status_of_the_example_on_a_day_in_the_period(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    out = tmp_path / "site"
    code, output = run("build", "--root", str(root), "--out", str(out), "--date", "2024-04-10")
    assert code == 0, output
    write(root, "responses/PCC24-016.en.md", response_text("en", "PCC24-016", status="draft"))
    code, output = run("status", "--root", str(root), "--out", str(out), "--date", "2024-04-20")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == "The register on 20 April 2024"
    waiting = lines[lines.index("Waiting for an answer (2):") + 1 :][:2]
    # Longest waiting first, a response still waiting for its Welsh version included.
    assert waiting[0].startswith("  PCC24-016  received 2024-04-01, 19 days ago")
    assert waiting[1].startswith("  PCC24-013  received 2024-04-16, 4 days ago")
    assert "  PCC24-016  Officers in Powys" in lines
    assert "  responses/PCC24-016.en.md: no Welsh version yet" in lines
    # Compared with the build of 10 April: the answers published since.
    start = lines.index(f"  New since the last build in {out.resolve()}:")
    new = [line.split()[0] for line in lines[start + 1 :] if line.startswith("    ")]
    assert new == ["PCC24-010", "PCC24-011", "PCC24-012"]
    assert "The next build will publish 12 responses" in output


def _git(root: Path, *args: str, author: str = "Ceri Jones") -> None:
    env = {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "ceri@opcc.example",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "ceri@opcc.example",
        "GIT_AUTHOR_DATE": "2024-04-0{}T10:00:00+01:00",
        "HOME": str(root),
        "PATH": "/usr/bin:/bin",
    }
    day = {"Ceri Jones": "1", "Alun Price": "8"}[author]
    env["GIT_AUTHOR_DATE"] = env["GIT_AUTHOR_DATE"].format(day)
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_history_shows_who_changed_a_response_and_what(project: Path) -> None:
    draft = {"status": "draft", "responded": None, "outcome": None}
    write(project, "responses/PCC24-001.en.md", response_text("en", **draft))
    write(project, "responses/PCC24-001.cy.md", response_text("cy", **draft))
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "Log PCC24-001")
    write(project, "responses/PCC24-001.en.md", response_text("en"))
    write(project, "responses/PCC24-001.cy.md", response_text("cy"))
    _git(project, "commit", "-q", "-am", "PCC24-001 signed off", author="Alun Price")
    write(project, "responses/PCC24-001.cy.md", response_text("cy") + "\nMwy.\n")

    code, output = run("history", "pcc24-001", "--root", str(project))
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].startswith("2024-04-01 10:00  Ceri Jones")
    assert lines[1] == "    Log PCC24-001"
    assert lines[2] == "    files: responses/PCC24-001.cy.md, responses/PCC24-001.en.md"
    assert lines[3] == "    created, status: draft"
    assert lines[4].startswith("2024-04-08 10:00  Alun Price")
    assert "    outcome: (none) → answered" in lines
    assert "    responded: (none) → 2024-04-08" in lines
    assert "    status: draft → ready" in lines
    assert lines[-1] == "Not yet committed: changes to responses/PCC24-001.cy.md"


def test_history_of_an_unknown_reference_or_outside_git(project: Path) -> None:
    code, output = run("history", "PCC24-099", "--root", str(project))
    assert code == 1
    assert "there is no response PCC24-099" in output
    code, output = run("history", "PCC24-001", "--root", str(project))
    assert code == 1
    assert "No history" in output and "Traceback" not in output
