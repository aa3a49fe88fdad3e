"""What `opcc-site check` tells a person, and a program: problems grouped by file with
their fix, coloured only on a terminal; JSON on request; a summary a person can act on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import response_text, write

PHONE = "Call 01632 960 123 for the figures."


def _broken(project: Path) -> None:
    """Two errors in one file, one in another, and a draft waiting for its Welsh twin."""
    write(project, "responses/PCC24-001.cy.md", response_text("cy", colour="blue") + PHONE)
    write(project, "content/index.cy.md", "---\ntitle: [\n---\n")
    write(project, "responses/PCC24-002.en.md", response_text("en", "PCC24-002", status="draft"))


def test_problems_are_grouped_by_file_each_with_its_fix(project: Path) -> None:
    _broken(project)
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "\x1b[" not in result.output  # not a terminal: no colour codes
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings[:3] == [
        "content/index.cy.md (1 error)",
        "responses/PCC24-001.cy.md (2 errors)",
        "responses/PCC24-002.en.md (1 warning)",
    ]
    start = lines.index("responses/PCC24-001.cy.md (2 errors)")
    block = lines[start + 1 : start + 5]
    assert [line.split(": ")[1].split()[0] for line in block[::2]] == ["S002", "P002"]
    assert all(line.startswith("      fix: ") for line in block[1::2])
    assert "responses/PCC24-002.en.md: T003 (warning) this draft has no Welsh version yet" in (
        result.output
    )
    assert lines[-1] == (
        "3 errors in 2 files (1 warning): nothing can be published until they are fixed. "
        "0 responses ready, 0 drafts, 1 waiting for its Welsh twin; 1 document ready, "
        "0 drafts; 1 attachment to publish."
    )


def test_as_a_process_of_its_own_it_says_everything_and_ends_as_it_says(
    project: Path, tmp_path: Path
) -> None:
    # A check run as `opcc-site` ends its process at once (cli._end): what it printed,
    # into a pipe here, must all be out, and its exit status must be the verdict's.
    index = (project / "content/index.cy.md").read_text(encoding="utf-8")
    _broken(project)
    inside = CliRunner().invoke(cli, ["check", "--root", str(project)])
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    # As `opcc-site` runs it, with a handler that would say so if Python's own shutdown
    # ran: the process is ended without it.
    started = "import atexit, sys; atexit.register(print, 'shut down', file=sys.stderr)"
    started += "; from generator.cli import main; main()"
    command = [sys.executable, "-c", started, "check", "--root", str(project)]
    ended = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert (ended.returncode, ended.stdout, ended.stderr) == (1, inside.output, "")
    write(project, "responses/PCC24-001.cy.md", response_text("cy"))
    write(project, "content/index.cy.md", index)
    (project / "responses/PCC24-002.en.md").unlink()
    ended = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert (ended.returncode, ended.stderr) == (0, ""), ended.stdout
    assert ended.stdout.splitlines()[-1].startswith("No problems found.")


def test_on_a_terminal_codes_are_coloured(project: Path) -> None:
    _broken(project)
    result = CliRunner().invoke(cli, ["check", "--root", str(project)], color=True)
    assert "\x1b[1mresponses/PCC24-001.cy.md\x1b[0m (2 errors)" in result.output
    assert "\x1b[31m\x1b[1mP002\x1b[0m" in result.output  # errors in red
    assert "\x1b[33m\x1b[1mT003\x1b[0m" in result.output  # warnings in yellow
    assert "\x1b[32mfix:\x1b[0m" in result.output


def test_json_for_other_programs(project: Path) -> None:
    _broken(project)
    result = CliRunner().invoke(cli, ["check", "--root", str(project), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert data["summary"].startswith("3 errors in 2 files")
    phone = next(p for p in data["problems"] if p["code"] == "P002")
    assert phone == {
        "path": "responses/PCC24-001.cy.md",
        "line": 22,  # the last line of the file, where the number was written
        "code": "P002",
        "rule": "phone-number",
        "severity": "error",
        "message": phone["message"],
        "fix": phone["fix"],
    }
    assert "01632" not in result.output  # the value found is never repeated
    assert data["counts"]["waiting_for_twin"] == [
        {"path": "responses/PCC24-002.en.md", "missing": "cy"}
    ]
    assert data["public_facts_used"][0]["text"] == "election@opcc-cambria.example.org"


def test_a_ready_document_without_its_twin_is_an_error(project: Path) -> None:
    write(project, "responses/PCC24-002.en.md", response_text("en", "PCC24-002"))
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "responses/PCC24-002.en.md: T001 there is no Welsh version" in result.output
    assert "1 waiting for its Welsh twin" in result.output.splitlines()[-1]
