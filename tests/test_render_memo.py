"""Pages kept by what they were rendered from (render/memo.py) are the pages a render
gives: taken from the memo, every page, fragment and source is as rendered afresh, and
anything a page depends on beyond its values (a template) sets the memo aside."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from generator.commands.check import run_check
from generator.project import Project
from generator.render import pages
from generator.render.memo import plain
from tests.conftest import REPO


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _render(templates: Path) -> tuple[dict[str, Any], int]:
    """Every language's tree as plain data, and how many pages ran their template."""
    project = Project(REPO)
    result = run_check(project, date(2024, 4, 20))
    assert result.ok
    ran = 0
    plain_render = pages._LanguageRenderer._render_page

    def counted(self: Any, *args: Any, **kwargs: Any) -> str:
        nonlocal ran
        ran += 1
        return plain_render(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages._LanguageRenderer, "_render_page", counted)
        rendered = pages.render(
            result.site, REPO, templates, "https://example.org/e/", result.site.today, {}
        )
    trees = {
        lang: (tree.pages, tree.fragments, tree.fragment_text, tree.sources, tree.data)
        for lang, tree in rendered.trees.items()
    }
    return trees, ran


def test_pages_from_the_memo_are_the_pages_rendered(own_cache: Path) -> None:
    first, ran_first = _render(REPO / "site_templates")
    again, ran_again = _render(REPO / "site_templates")
    assert again == first
    responses = sum(1 for address in first["en"][0] if address.startswith("register/pcc24-"))
    assert responses >= 10
    # Every response's page came from the memo the second time.
    assert ran_again <= ran_first - 2 * responses


def test_a_changed_template_sets_the_memo_aside(own_cache: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "site_templates", templates)
    first, _ = _render(templates)
    response = templates / "markdown" / "response.md.j2"
    response.write_text(response.read_text("utf-8") + "\nA line the memo never saw.\n", "utf-8")
    changed, ran = _render(templates)
    page = next(text for address, text in changed["en"][0].items() if "pcc24-" in address)
    assert "A line the memo never saw." in page
    assert ran >= len(first["en"][0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": [("b", 1, 2.5, True, None, date(2024, 5, 2))]}, True),
        (Markup("<b>x</b>"), True),
        ({"a": {1, 2}}, False),  # a set's pickle follows its order, which varies
        ({1: "a"}, False),
        ([object()], False),
        ({"page": Path("x")}, False),
    ],
)
def test_only_plain_data_is_memoised(value: object, expected: bool) -> None:
    assert plain(value) is expected
