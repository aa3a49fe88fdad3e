"""A build with nothing changed leaves the site as it stands, at once; any change to
what a build reads, or to the output folder itself, builds again in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run, tree_digest, write

SAME = "Nothing has changed since the last build into"


def build(root: Path, out: Path, *extra: str) -> str:
    code, output = run("build", "--root", str(root), "--out", str(out), *extra)
    assert code == 0, output
    return output


def test_nothing_changed_means_nothing_is_built(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert "Built " in build(project, out, "--date", "2024-04-20")
    before = tree_digest(out)
    output = build(project, out, "--date", "2024-04-20")
    assert SAME in output and "Built " not in output
    assert tree_digest(out) == before
    # The record of the last build is in the user's cache, never in the project or output.
    assert not (project / ".opcc-build").exists()
    assert not any("last-builds" in name for name in before)


def test_any_change_builds_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out, "--date", "2024-04-20")
    # Another day: the banner and the timetable may differ.
    assert SAME not in build(project, out, "--date", "2024-04-21")
    assert SAME in build(project, out, "--date", "2024-04-21")
    # A source changed.
    path = project / "content/index.cy.md"
    write(project, "content/index.cy.md", path.read_text(encoding="utf-8") + "\nRhagor.\n")
    assert SAME not in build(project, out, "--date", "2024-04-21")
    # A new name on the people list: everything is checked again.
    write(project, ".private/people.txt", "Bethan Morgan\n")
    assert SAME not in build(project, out, "--date", "2024-04-21")
    # The output folder changed since (a file deleted by hand): built again in full.
    (out / "en" / "feed.xml").unlink()
    assert SAME not in build(project, out, "--date", "2024-04-21")
    assert (out / "en" / "feed.xml").is_file()
    # Another output folder is a build of its own.
    assert SAME not in build(project, tmp_path / "other", "--date", "2024-04-21")


def test_a_zip_is_still_written_when_nothing_changed(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    output = build(project, out, "--zip", str(tmp_path / "site.zip"))
    assert SAME in output and "SHA-256" in output
    assert (tmp_path / "site.zip").is_file()


def test_another_version_of_any_library_builds_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library upgraded since the last build (the phone number rules, Markdown, an
    attachment reader, not only MkDocs and the theme) may change what the checks find or
    what the pages say: the build runs again, and every cache is keyed apart."""
    from generator import usercache

    out = tmp_path / "site"
    build(project, out, "--date", "2024-04-20")
    assert SAME in build(project, out, "--date", "2024-04-20")
    before = usercache.code_digest()
    packages = tmp_path / "packages"
    (packages / "phonenumbers-99.0.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(packages))
    for cached in (usercache.installed_packages, usercache.code_digest):
        cached.cache_clear()
    try:
        assert usercache.code_digest() != before
        assert SAME not in build(project, out, "--date", "2024-04-20")
        assert SAME in build(project, out, "--date", "2024-04-20")
    finally:
        monkeypatch.undo()
        for cached in (usercache.installed_packages, usercache.code_digest):
            cached.cache_clear()


def test_the_folder_a_command_is_run_from_is_not_read_as_installed_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m generator` puts the folder it is run from on the path, `opcc-site`
    does not: setuptools' NAME.egg-info (no version) left in a project must not key
    them apart."""
    from generator import usercache

    usercache.installed_packages.cache_clear()
    before = usercache.installed_packages()
    (tmp_path / "opcc_election_site.egg-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    usercache.installed_packages.cache_clear()
    try:
        assert usercache.installed_packages() == before
    finally:
        usercache.installed_packages.cache_clear()
