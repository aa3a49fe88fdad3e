"""Publishing: reproducible builds a reviewer can verify, a zip with a SHA-256 manifest,
building for a sub-path, the build report, and the pre-commit and CI templates."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import yaml

from tests.conftest import REPO, run, tree_digest

DAY = "2024-05-10"


def test_the_same_sources_and_day_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    zips = [tmp_path / "first.zip", tmp_path / "second.zip"]
    for out, archive in zip((first, second), zips, strict=True):
        code, output = run(
            "build", "--root", str(REPO), "--out", str(out), "--date", DAY, "--zip", str(archive)
        )
        assert code == 0, output
    assert tree_digest(first) == tree_digest(second)
    assert zips[0].read_bytes() == zips[1].read_bytes()
    # The zip holds exactly the site; the manifest lists every file with its SHA-256, and
    # the report gives the zip's own SHA-256 for the reviewer to compare.
    with zipfile.ZipFile(zips[0]) as archive:
        assert sorted(archive.namelist()) == sorted(tree_digest(first))
        assert archive.testzip() is None
    manifest = (tmp_path / "first.zip.sha256sums").read_text(encoding="utf-8")
    listed = dict(reversed(line.split("  ", 1)) for line in manifest.splitlines())
    assert listed == tree_digest(first)
    checked = subprocess.run(
        ["sha256sum", "--check", "--quiet", str(tmp_path / "first.zip.sha256sums")],
        cwd=first,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"SHA-256 {hashlib.sha256(zips[0].read_bytes()).hexdigest()}" in output


def test_the_build_report(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, output = run("build", "--root", str(REPO), "--out", str(out), "--date", DAY)
    assert code == 0, output
    lines = output.splitlines()
    report = lines[lines.index("Build report:") + 1 :]
    assert re.fullmatch(r"  Pages: \d+ in English, \d+ in Welsh", report[0])
    assert report[1] == "  Attachments: 1"
    assert report[2] == "  Public facts let through: 3 (listed above)"
    assert report[4] == f"  Output: {out}/ (upload the whole folder: see docs/web-team.md)"


def test_building_for_a_sub_path(tmp_path: Path) -> None:
    address = "https://www.example.police.uk/election-2024/"
    out = tmp_path / "site"
    code, output = run(
        "build", "--root", str(REPO), "--out", str(out), "--date", DAY, "--site-url", address
    )
    assert code == 0, output
    assert f"  Site address: {address}" in output
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{address}en/</loc>" in sitemap
    assert "opcc-cambria.example.org" not in sitemap
    page = (out / "en" / "404.html").read_text(encoding="utf-8")
    assert 'href="/election-2024/en/assets/' in page  # served at any depth, found by path
    code, output = run("build", "--root", str(REPO), "--out", str(out), "--site-url", "www.x.uk")
    assert code == 2 and "starting https://" in output


def test_pre_commit_runs_the_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    check = next(hook for hook in hooks if hook["id"] == "opcc-site-check")
    assert check["entry"] == "opcc-site check"
    assert check["pass_filenames"] is False and check["language"] == "system"


def test_ci_templates_check_every_push_and_build_main() -> None:
    github = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for job in github["jobs"].values() for s in job["steps"]]
    assert any("opcc-site check" in s for s in steps)
    assert any("opcc-site build" in s and "--zip" in s for s in steps)
    build_job = next(job for job in github["jobs"].values() if "upload-artifact" in str(job))
    assert "refs/heads/main" in build_job["if"]
    # `on` is read by YAML 1.1 as True.
    triggers = github.get("on", github.get(True))
    assert "push" in triggers and "pull_request" in triggers

    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any("opcc-site check" in line for line in gitlab["check"]["script"])
    assert any("opcc-site build" in line for line in gitlab["build"]["script"])
    assert gitlab["build"]["artifacts"]["paths"]
    assert "main" in str(gitlab["build"]["rules"])
    assert "merge_request_event" in str(gitlab["check"]["rules"])
