"""Every command in docs/staff-guide.md, run in order as a member of staff would, on a
copy of the example election in a git repository of its own with a remote to push to:
log a request, write it, check, preview, sign off, commit (through the pre-commit hook),
push, build, and look at the status and the history."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.conftest import REPO, copy_example
from tests.preview import running_preview

GUIDE = REPO / "docs" / "staff-guide.md"
# The answers typed at the prompts of `opcc-site new response`, as in the guide.
ANSWERS = [
    "Officers in Ceredigion",
    "Swyddogion yng Ngheredigion",
    "2024-04-22",
    "email",
    "candidate",
    "workforce",
]
WRITTEN = {
    "en": (
        "A candidate asked how many police officers are based in Ceredigion.",
        "There were 186 police officers based in Ceredigion on 29 February 2024.",
    ),
    "cy": (
        "Gofynnodd ymgeisydd faint o swyddogion heddlu sydd wedi'u lleoli yng Ngheredigion.",
        "Roedd 186 o swyddogion heddlu wedi'u lleoli yng Ngheredigion ar 29 Chwefror 2024.",
    ),
}


def guide_commands() -> list[list[str]]:
    """Each line of each ```sh block of the guide, as a list of words."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.M | re.S)
    return [shlex.split(line) for block in blocks for line in block.splitlines() if line]


def _environment(home: Path) -> dict[str, str]:
    """A home of its own: no global git identity, so the guide's `git config` is what
    names the author."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return dict(
        environment,
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
    )


def _sh(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{shlex.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _write_and_sign_off(root: Path, reference: str) -> None:
    """Steps 2 and 5 of the guide, done in a text editor by a person."""
    for lang, (question, answer) in WRITTEN.items():
        path = root / "responses" / f"{reference}.{lang}.md"
        text = path.read_text(encoding="utf-8")
        todos = [line for line in text.splitlines() if line.startswith("TODO")]
        assert len(todos) == 2
        text = text.replace(todos[0], question).replace(todos[1], answer)
        text = text.replace("# responded: YYYY-MM-DD", "responded: 2024-04-29")
        text = text.replace("# outcome: answered", "outcome: answered")
        text = text.replace("status: draft", "status: ready")
        path.write_text(text, encoding="utf-8")


def _preview(root: Path) -> str:
    """`opcc-site serve`, until the first page has been read."""
    with running_preview(root) as (address, _messages):
        return urllib.request.urlopen(address + "cy/register/").read().decode()


def test_every_command_in_the_staff_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed (pip install -e '.[test]')")
    # The office's copy of the project, which the guide's `git clone` gets.
    office = copy_example(tmp_path / "office")
    for name in ("mkdocs.yml", ".pre-commit-config.yaml", ".gitignore"):
        shutil.copy(REPO / name, office / name)
    env = _environment(tmp_path)
    seed = [*("-c", "user.name=IT team", "-c", "user.email=it@opcc.example")]
    _sh(["git", "init", "-q", "-b", "main"], office, env)
    _sh(["git", "add", "."], office, env)
    _sh(["git", *seed, "commit", "-q", "-m", "The register so far"], office, env)
    remote = tmp_path / "remote.git"
    _sh(["git", "clone", "-q", "--bare", str(office), str(remote)], tmp_path, env)
    home = tmp_path / "home"
    home.mkdir()
    here = home
    monkeypatch.chdir(home)
    monkeypatch.setenv("PRE_COMMIT_HOME", env["PRE_COMMIT_HOME"])

    commands = guide_commands()
    seen: list[str] = []
    for words in commands:
        line = shlex.join(words)
        seen.append(line)
        root = here
        if words[:2] == ["git", "clone"]:
            # The office's address in the guide stands for the remote made above.
            _sh(["git", "clone", "-q", str(remote), words[-1].rsplit("/", 1)[-1][:-4]], here, env)
        elif words[0] == "cd":
            here = here / words[1]
            monkeypatch.chdir(here)
        elif words[:3] == ["python3", "-m", "venv"]:
            _sh([sys.executable, "-m", "venv", "--without-pip", words[3]], here, env)
        elif words[0] == "mkdir":
            (here / words[1]).mkdir()
            # What the guide then asks for in a text editor: the people list.
            (here / words[1] / "people.txt").write_text("Dafydd Morgan\n", encoding="utf-8")
        elif words[0] == ".":
            assert (here / words[1]).is_file(), line  # activating it changes only the shell
        elif words[:3] == ["python3", "-m", "pip"]:
            # The installs that .ci/run and README.md make on a fresh machine.
            assert words[3:] in (["install", "-e", "."], ["install", "pre-commit"]), line
        elif words[0] == "pre-commit":
            assert "pre-commit installed at .git/hooks/pre-commit" in _sh(words, root, env)
        elif words[0] == "git":
            if words[1] == "add":
                _write_and_sign_off(root, "PCC24-016")
            output = _sh(words, root, env)
            if words[1] == "commit":  # the hook ran the check before the commit was made
                assert "opcc-site check" in output and "Passed" in output, output
        elif words[:2] == ["opcc-site", "serve"]:
            assert "Cofrestr ceisiadau" in _preview(root)
        elif words[0] == "opcc-site":
            typed = "\n".join(ANSWERS) + "\n" if words[1:] == ["new", "response"] else None
            result = CliRunner().invoke(cli, words[1:], input=typed)
            assert result.exit_code == 0, f"{line}:\n{result.output}"
            if words[1:] == ["new", "response"]:
                assert "responses/PCC24-016.cy.md" in result.output
            if words[1] == "history":
                assert "Ceri Jones" in result.output
                assert "    created, status: ready" in result.output
            if words[1] == "status":
                assert "Waiting for an answer" in result.output
        else:
            pytest.fail(f"the guide has a command this test does not know: {line}")

    # The guide's journey, end to end: the response was pushed and built into the zip.
    root = here
    assert "opcc-site new response" in seen and "git push" in seen
    log = _sh(["git", "log", "--format=%an %s", "origin/main"], root, env)
    assert "Ceri Jones PCC24-016: officers in Ceredigion, answered" in log
    assert "PCC24-016: officers in Ceredigion, answered" in log
    assert (root / "election-site.zip").is_file()
    assert (root / "site" / "cy" / "register" / "pcc24-016" / "index.html").is_file()
    assert (root / "preview" / "en" / "index.html").is_file()
