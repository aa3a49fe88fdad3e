"""Shared fixtures: small real projects in temporary folders, and the real example site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent

ELECTION = """\
police_area: {en: Cambria, cy: Cambria}
force: {en: Cambria Police, cy: Heddlu Cambria}
office:
  en: Office of the Police and Crime Commissioner for Cambria
  cy: Swyddfa Comisiynydd Heddlu a Throseddu Cambria
polling_day: 2024-05-02
pre_election_period: {start: 2024-03-25, end: 2024-05-02}
contact_email: election@opcc-cambria.example.org
paro:
  en: the Chief Executive of Carmarthenshire County Council
  cy: Prif Weithredwr Cyngor Sir Caerfyrddin
topics:
  budget: {en: Budget and finance, cy: Cyllideb a chyllid}
  workforce: {en: Workforce, cy: Gweithlu}
timetable:
  - {date: 2024-04-05, en: Deadline for nominations, cy: Dyddiad cau enwebiadau}
  - {date: 2024-05-02, en: Polling day, cy: Diwrnod pleidleisio}
"""

RESPONSE_FIELDS = """\
reference: {reference}
title: {title}
received: 2024-04-01
responded: 2024-04-08
channel: email
requester: candidate
foi: false
topic: workforce
outcome: answered
related: [briefing-pack/workforce]
status: ready
"""

HEADINGS = {"en": ("Question", "Response"), "cy": ("Cwestiwn", "Ymateb")}
BODIES = {
    "en": ("How many officers serve in Powys?", "There are 240 officers in Powys."),
    "cy": ("Faint o swyddogion sy'n gwasanaethu ym Mhowys?", "Mae 240 o swyddogion ym Mhowys."),
}


PUBLIC_FACTS = """\
public_facts:
  - text: election@opcc-cambria.example.org
    reason: The office's published election mailbox
"""


def response_text(lang: str, reference: str = "PCC24-001", **changes: str | None) -> str:
    """A valid response file; ``changes`` replace (or, with None, remove) field lines."""
    title = "Officers in Powys" if lang == "en" else "Swyddogion ym Mhowys"
    fields = RESPONSE_FIELDS.format(reference=reference, title=title).splitlines()
    for key, value in changes.items():
        fields = [line for line in fields if not line.startswith(f"{key}:")]
        if value is not None:
            fields.insert(len(fields) - 1, f"{key}: {value}")
    question, answer = HEADINGS[lang]
    q, a = BODIES[lang]
    return "---\n" + "\n".join(fields) + f"\n---\n## {question}\n\n{q}\n\n## {answer}\n\n{a}\n"


def document_text(title: str, body: str, doc_type: str = "page", **extra: str) -> str:
    lines = [f"title: {title}", f"type: {doc_type}", *(f"{k}: {v}" for k, v in extra.items())]
    return "---\n" + "\n".join([*lines, "status: ready"]) + "\n---\n" + body + "\n"


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


PEOPLE_LIST = ".private/people.txt"


def make_project(root: Path) -> Path:
    """The smallest valid project: election data, a home page, one briefing document and
    one response, each in English and Welsh."""
    write(root, "content/election.yml", ELECTION)
    write(root, "content/public-facts.yml", PUBLIC_FACTS)
    write(root, "content/index.en.md", document_text("Home", "Information for candidates."))
    write(root, "content/index.cy.md", document_text("Hafan", "Gwybodaeth i ymgeiswyr."))
    write(
        root,
        "content/briefing-pack/workforce.en.md",
        document_text(
            "Workforce", "There are 1,250 officers. [Figures](workforce.csv)", "briefing"
        ),
    )
    write(
        root,
        "content/briefing-pack/workforce.cy.md",
        document_text("Gweithlu", "Mae 1,250 o swyddogion. [Ffigurau](workforce.csv)", "briefing"),
    )
    write(root, "content/briefing-pack/workforce.csv", "county,officers\nPowys,240\n")
    write(root, "responses/PCC24-001.en.md", response_text("en"))
    write(root, "responses/PCC24-001.cy.md", response_text("cy"))
    # A project is set up with its people list (never in git); this one has nobody on it.
    write(root, PEOPLE_LIST, "# Private people named in requests: none in this project\n")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def copy_example(destination: Path) -> Path:
    for name in ("content", "responses"):
        shutil.copytree(REPO / name, destination / name)
    return destination


@pytest.fixture(scope="session", autouse=True)
def _own_build_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Builds record what they built in the user's cache folder (to skip an unchanged
    rebuild); the tests keep theirs apart from the person running them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The repository's example election, built once with real MkDocs."""
    out = tmp_path_factory.mktemp("example") / "site"
    code, output = run("build", "--root", str(REPO), "--out", str(out))
    return out, code, output


# A day inside the example's pre-election period: the banner is on every page and the
# timetable has both past and coming dates, so the pages carry everything they can.
IN_PERIOD = "2024-04-20"


@pytest.fixture(scope="session")
def site_in_period(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example election built as it stood on IN_PERIOD."""
    out = tmp_path_factory.mktemp("example-in-period") / "site"
    code, output = run("build", "--root", str(REPO), "--out", str(out), "--date", IN_PERIOD)
    assert code == 0, output
    return out


@pytest.fixture
def site(example_build: tuple[Path, int, str]) -> Path:
    """The built example site's folder; the build itself must have succeeded."""
    out, code, output = example_build
    assert code == 0, output
    return out
