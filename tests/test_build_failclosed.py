"""`opcc-site build` fails closed: on any problem the previous output stays exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import response_text, run, tree_digest, write

EN = "responses/PCC24-001.en.md"


def build(root: Path, out: Path) -> tuple[int, str]:
    return run("build", "--root", str(root), "--out", str(out))


def test_build_then_failed_check_leaves_site_untouched(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, output = build(project, out)
    assert code == 0, output
    assert "Built " in output.splitlines()[-1]
    before = tree_digest(out)
    assert "en/register/pcc24-001/index.html" in before
    assert out.stat().st_mode & 0o777 == 0o755  # readable by the web server

    write(project, "responses/PCC24-001.cy.md", "---\ntitle: [broken\n---\n")
    code, output = build(project, out)
    assert code == 1
    assert "responses/PCC24-001.cy.md:2: Y003" in output
    assert output.splitlines()[-1] == f"Nothing was built; {out} was left as it was."
    assert tree_digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_engine_failure_leaves_site_untouched(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(project, out)[0] == 0
    before = tree_digest(out)
    # A project mkdocs.yml that MkDocs itself rejects: the checks pass, the engine fails.
    write(project, "mkdocs.yml", "theme:\n  name: no-such-theme\n")
    code, output = build(project, out)
    assert code == 1, output
    assert "B001 the English site could not be built" in output
    assert "Nothing was published; " in output
    assert tree_digest(out) == before
    assert "Traceback" not in output


def test_refuses_to_replace_a_folder_that_is_not_a_site(project: Path) -> None:
    code, output = build(project, project / "content")
    assert code == 1
    assert "B002 the output folder content/ is inside the project's content/ folder" in output
    keep = project / "notes"
    write(keep, "todo.txt", "mine")
    code, output = build(project, keep)
    assert code == 1
    assert "is not empty and does not hold an earlier build" in output
    assert (keep / "todo.txt").read_text() == "mine"


def test_drafts_never_reach_the_output(project: Path, tmp_path: Path) -> None:
    for lang in ("en", "cy"):
        write(
            project,
            f"responses/PCC24-002.{lang}.md",
            response_text(lang, "PCC24-002", status="draft").replace("240", "DRAFTSECRET"),
        )
    out = tmp_path / "site"
    code, output = build(project, out)
    assert code == 0, output
    assert not (out / "en/register/pcc24-002").exists()
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"DRAFTSECRET" not in data, path
            assert b"PCC24-002" not in data and b"pcc24-002" not in data, path


def test_sources_are_not_changed_by_a_build(project: Path, tmp_path: Path) -> None:
    before = tree_digest(project)
    assert build(project, tmp_path / "site")[0] == 0
    assert tree_digest(project) == before


def test_a_build_given_relative_folders_publishes_the_whole_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_build as the preview and other callers use it, with folders relative to where
    it runs: MkDocs would read a relative site folder from beside its configuration."""
    from generator.commands.build import run_build
    from generator.project import Project

    monkeypatch.chdir(tmp_path)
    relative = Path(os.path.relpath(project, tmp_path))
    outcome = run_build(Project(relative), Path("site"), echo=lambda line: None)
    assert outcome.ok, outcome.messages
    assert (tmp_path / "site" / "en" / "index.html").is_file()
    assert (tmp_path / "site" / "cy" / "register" / "pcc24-001" / "index.html").is_file()


def test_an_engine_that_writes_no_site_publishes_nothing(project: Path, tmp_path: Path) -> None:
    from generator.build.engine import EngineResult
    from generator.commands.build import run_build
    from generator.project import Project

    out = tmp_path / "site"
    assert build(project, out)[0] == 0
    # A second build, so that the next one writes into the first one's site (the spare),
    # which has home pages of its own.
    write(project, EN, (project / EN).read_text("utf-8").replace("Powys", "Gwynedd"))
    assert build(project, out)[0] == 0
    assert (tmp_path / ".site.spare" / "en" / "index.html").is_file()
    before = tree_digest(out)

    class Silent:
        """Engines that report success and write nothing."""

        closed = False

        def __enter__(self) -> Silent:
            return self

        def __exit__(self, *exc: object) -> None:
            self.closed = True

        def each_built(
            self, configs: dict[str, Path], trees: dict[str, Path]
        ) -> list[EngineResult]:
            return [EngineResult(lang, True, "") for lang in configs]

    write(project, EN, (project / EN).read_text("utf-8").replace("Gwynedd", "Ceredigion"))
    outcome = run_build(Project(project), out, echo=lambda line: None, engines=Silent())  # type: ignore[arg-type]
    assert not outcome.ok
    assert any("B001 the English site could not be built" in m for m in outcome.messages)
    assert tree_digest(out) == before


def test_a_zip_that_cannot_be_written_leaves_site_zip_and_record_as_they_were(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip is written before the site is swapped in: a disk that fills up while it is
    written leaves the previous site, its zip and the record of the last good build."""
    import zipfile

    from generator.build.inputs import _record_file

    out, archive = tmp_path / "site", tmp_path / "downloads" / "site.zip"
    manifest = archive.with_name("site.zip.sha256sums")
    code, output = run("build", "--root", str(project), "--out", str(out), "--zip", str(archive))
    assert code == 0, output
    site, zipped, listed = tree_digest(out), archive.read_bytes(), manifest.read_bytes()
    record = _record_file().read_bytes()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    zip_failed = (
        f"The zip {archive} could not be written (No space left on device): check that the "
        f"disk has space and that you may write to {archive.parent}, and build again."
    )
    # Nothing changed: the site stands, but the zip asked for cannot be made.
    code, output = run("build", "--root", str(project), "--out", str(out), "--zip", str(archive))
    assert code == 1, output
    assert output.splitlines()[-1] == zip_failed
    # A changed source: the new site is built and checked, then its zip fails.
    write(project, EN, (project / EN).read_text("utf-8").replace("Powys", "Gwynedd"))
    code, output = run("build", "--root", str(project), "--out", str(out), "--zip", str(archive))
    assert code == 1, output
    assert "Traceback" not in output
    assert output.splitlines()[-2:] == [
        zip_failed,
        f"Nothing was published; {out} was left as it was.",
    ]
    assert tree_digest(out) == site
    assert (archive.read_bytes(), manifest.read_bytes()) == (zipped, listed)
    assert _record_file().read_bytes() == record
    assert sorted(p.name for p in archive.parent.iterdir()) == ["site.zip", "site.zip.sha256sums"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.new")]


def test_a_zip_inside_the_output_or_the_sources_is_refused(project: Path, tmp_path: Path) -> None:
    """A zip is never written into the output, a source folder, over a file that is not
    a zip (such as mkdocs.yml: a build never changes a source), or under a name that
    does not end .zip."""
    out = tmp_path / "site"
    config = project / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "notes.zip").write_text("not a zip", encoding="utf-8")
    for given, why in [
        (out / "s.zip", f"would be written inside {out}"),
        (project / "content" / "s.zip", "would be written inside content/"),
        (config, "does not end .zip"),
        (tmp_path / "notes.zip", "is already there, and is not a zip"),
    ]:
        code, output = run("build", "--root", str(project), "--out", str(out), "--zip", str(given))
        assert code == 1, output
        assert output.splitlines()[-2:] == [
            f"The zip {given} {why}: give --zip a new file ending .zip, such as "
            "election-site.zip in the project's own folder.",
            "Nothing was built.",
        ]
    assert not out.exists() and not (project / "content" / "s.zip").exists()
    assert config.read_text(encoding="utf-8") == "site_name: x\n"
    assert (tmp_path / "notes.zip").read_text(encoding="utf-8") == "not a zip"


def test_an_output_folder_that_cannot_be_written_beside_is_a_plain_error(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new site is made in a folder beside the output: where none can be made (no
    permission, a read-only disk), the build says so and stops."""
    import tempfile

    out = tmp_path / "locked" / "site"
    real = tempfile.mkdtemp

    def refused(*args: str, **kwargs: str) -> str:
        if Path(kwargs.get("dir") or tempfile.gettempdir()) == out.parent:
            raise PermissionError(13, "Permission denied", kwargs["dir"])
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    code, output = build(project, out)
    assert code == 1, output
    assert "Traceback" not in output
    assert output.splitlines()[-3:] == [
        f"{out}: B002 the output folder {out} cannot be built: no folder can be made in "
        f"{out.parent} (Permission denied); choose an output folder you may write to with "
        f"--out, or ask for permission to write to {out.parent}",
        "    fix: build into an empty folder or a folder that holds an earlier build, such as site/",
        "Nothing was built.",
    ]
    assert list(out.parent.iterdir()) == []


def test_a_disk_that_fills_while_the_site_is_written_publishes_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build import engine

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device", "/tmp/opcc-site-src-x/en/tree.pickle")

    monkeypatch.setattr(engine, "write_tree", disk_full)
    out = tmp_path / "site"
    code, output = build(project, out)
    assert code == 1, output
    assert output.splitlines()[-2:] == [
        "The new site could not be written: /tmp/opcc-site-src-x/en/tree.pickle (No space "
        "left on device). Check that the disk has space, and build again.",
        f"Nothing was published; {out} was left as it was.",
    ]
    assert list(tmp_path.iterdir()) == [project]


def test_a_site_address_that_cannot_be_read_is_a_plain_error(project: Path) -> None:
    write(project, "mkdocs.yml", "site_name: Election\nsite_url: !!bool nope\n")
    code, output = build(project, project / "site")
    assert code == 1, output
    assert "Traceback" not in output
    assert (
        "mkdocs.yml: B001 the English or Welsh site could not be built: mkdocs.yml cannot be "
        "read ('nope')"
    ) in output
    assert output.splitlines()[-1] == "Nothing was built."
