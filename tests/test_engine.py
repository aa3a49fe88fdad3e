"""The engine's shortcuts give exactly what MkDocs itself gives."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.build import engine
from generator.commands.check import run_check
from generator.content.history import history
from generator.project import Project
from generator.render.pages import render
from tests.conftest import REPO


def _staged(tmp_path: Path) -> dict[str, tuple[Any, Path]]:
    """The example's languages as the engine receives them: (tree, configuration)."""
    project = Project(REPO)
    result = run_check(project, date(2024, 4, 20))
    assert result.ok
    site_url = engine.read_site_url(project.mkdocs_config)
    dates = history(project.root, [w.path for w in result.site.written])
    rendered = render(
        result.site, project.root, project.templates_dir, site_url, result.site.today, dates
    )
    staged = {}
    for lang, tree in rendered.trees.items():
        docs = tmp_path / lang / "docs"
        docs.mkdir(parents=True)
        config = engine.write_config(
            tree,
            project.mkdocs_config,
            project.templates_dir / "overrides",
            docs,
            tmp_path / "site" / lang,
            site_url,
        )
        staged[lang] = (tree, config)
    return staged


def _config(tree: Any, config: Path, tmp_path: Path) -> Any:
    from mkdocs.config import load_config

    loaded = load_config(str(config), strict=True)
    trees = engine.write_tree(tree, tmp_path / f"{tree.lang}-tree.pickle")
    loaded.plugins["opcc/sources"] = engine._sources_plugin()(trees)
    return loaded


def test_one_converter_for_every_page_renders_each_as_mkdocs_does(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.pages import Page

    def seen(page: Any) -> tuple[object, ...]:
        return (
            page.content,
            [(item.title, item.url, item.level, len(item.children)) for item in page.toc],
            page._title_from_render,
            page.present_anchor_ids,
            {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
        )

    differences: list[str] = []
    compared: list[str] = []

    class Compare(BasePlugin):  # type: ignore[type-arg]
        @event_priority(-100)  # after the engine has given the page its converter
        def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
            shared = page.render

            def both(config: Any, files: Any) -> None:
                shared(config, files)
                ours = seen(page)
                Page.render(page, config, files)
                compared.append(page.file.src_uri)
                if seen(page) != ours:
                    differences.append(page.file.src_uri)

            page.render = both
            return page

    for tree, path in _staged(tmp_path).values():
        pages = len(tree.pages)
        config = _config(tree, path, tmp_path)
        config.plugins["compare"] = Compare()
        compared.clear()
        build(config)
        assert len(compared) == pages
        assert any("register/pcc24-" in address for address in compared)
    assert differences == []


def test_a_fragment_that_does_not_reach_its_page_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    tree, path = _staged(tmp_path)["en"]
    register = tree.pages["register/index.md"]
    marker = re.search(r"<!-- opcc-fragment [0-9a-f]{64} -->", register)
    assert marker is not None and tree.fragments
    # Shown as code, the marker reaches the page escaped, and the table would be lost.
    tree.pages["register/index.md"] = register.replace(marker[0], f"    {marker[0]}")
    with pytest.raises(Abort):
        build(_config(tree, path, tmp_path))
    assert "a fragment of 'register/index.md' was lost" in caplog.text
    tree.pages["register/index.md"] = register
    build(_config(tree, path, tmp_path))
    built = (tmp_path / "site" / "en" / "register" / "index.html").read_text("utf-8")
    assert "opcc-fragment" not in built and 'class="opcc-register"' in built


def test_the_menu_and_strings_made_once_are_the_theme_s_own(tmp_path: Path) -> None:
    from mkdocs.commands.build import build

    from tests.conftest import tree_digest

    tree, path = _staged(tmp_path)["en"]
    # A page at an address that holds the theme's own files: a link from it to one of
    # them is shorter than from the pages beside it, so it shares no part with them.
    pages = {"assets.md": "# Assets\n\nA page in the folder of the theme's files.\n"}
    pages |= tree.pages
    sites = []
    for shared in (False, True):
        tree.pages = pages.copy()
        config = _config(tree, path, tmp_path)
        if shared:
            config.plugins["opcc/shared-nav"] = engine._shared_nav_plugin()()
            config.plugins["opcc/theme-strings"] = engine._theme_strings_plugin()()
        build(config)
        sites.append(tree_digest(Path(config.site_dir)))
    assert sites[0] == sites[1]
    assert sum("register/pcc24-" in name for name in sites[1]) >= 2  # pages that share one
    assert "assets/index.html" in sites[1]


def test_the_theme_s_files_listed_quickly_are_those_mkdocs_lists(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    _tree, path = _staged(tmp_path)["cy"]
    config = load_config(str(path), strict=True)
    env = config.theme.get_env()
    assert isinstance(engine._theme_listed_quickly(env), engine._PrunedThemeListing)
    listed = []
    for quick in (False, True):
        files = Files([])
        files.add_files_from_theme(engine._theme_listed_quickly(env) if quick else env, config)
        listed.append([(f.src_uri, f.abs_src_path, f.dest_uri) for f in files])
    assert listed[0] == listed[1]
    assert any(uri.startswith("assets/stylesheets/") for uri, _, _ in listed[1])
    assert not any("/." in f"/{uri}" for uri, _, _ in listed[1])


INLINE_SAMPLES = [
    "Plain words only, in English and in Cymraeg.",
    "Some *emphasis*, __strong__, ***both*** and a_snake_case_word * alone * here.",
    "A [link](page.md 'title'), a [reference][ref] and a [short] one, ![an image](a.png).\n\n"
    "[ref]: https://example.org\n[short]: other.md",
    "Code `x < y && z` and ``a ` tick``, an escaped \\*star\\* and \\[bracket].",
    "An autolink <https://example.org/a?b=c&d>, a mailbox <someone@example.org>, "
    '<span class="x">raw html</span> and <!-- a comment -->.',
    "Entities &amp; &#169; &#x263A; &notanentity and a bare & sign.",
    "A line that ends with two spaces  \nand goes on; a line that does not\nand goes on.",
    "- an item with *stress*\n- another with `code` and [a link](b.md)\n\n> a quote with **bold**",
    "| Sir | Cyllideb |\n|---|---:|\n| *Powys* | £35.5m |\n| [Ceredigion](c.md) | £5.6m |",
    'Term\n:   A definition with _emphasis_ and <b>bold</b>.\n\n!!! note "Nodyn"\n    Inside *it*.',
    'A heading follows\n\n## Heading with *stress* {: #own-id }\n\nText {: lang="cy" }',
    "[WEDI'I OLYGU] and [nested [brackets] here](x.md) and [unclosed [one](y.md) [end",
    "![alt [with] brackets](i.png) [a]: not a definition [b][] [c] [d]\n\n[b]: z.md",
]


def test_the_quick_bracket_reading_is_python_markdown_s() -> None:
    import random

    from markdown.inlinepatterns import LinkInlineProcessor

    random.seed(8)
    for _ in range(5000):
        data = "".join(random.choice("[]ab \n(") for _ in range(random.randint(0, 30)))
        index = random.randint(0, len(data))
        assert engine._bracketed_text(None, data, index) == LinkInlineProcessor.getText(
            None, data, index
        ), (data, index)


def test_the_quick_inline_processor_makes_what_python_markdown_makes() -> None:
    import markdown

    extensions = ["tables", "toc", "attr_list", "def_list", "admonition"]
    quick = markdown.Markdown(extensions=extensions)
    engine._quick_inline(quick)
    assert "handle_inline" in repr(quick.treeprocessors["inline"]._InlineProcessor__handleInline)
    for text in INLINE_SAMPLES:
        quick.reset()
        assert quick.convert(text) == markdown.Markdown(extensions=extensions).convert(text), text


def test_emphasis_added_by_an_extension_is_not_passed_over() -> None:
    import markdown

    text = "Some ~~struck~~ words and ~one~ more."
    made = []
    for quick in (False, True):
        md = markdown.Markdown()
        md.delimiters.add("~", "strong,em")  # as an extension may
        if quick:
            engine._quick_inline(md)
        made.append(md.convert(text))
    assert "<strong>struck</strong>" in made[0]
    assert made[1] == made[0]


def test_each_inline_pattern_needs_what_the_quick_processor_says() -> None:
    """A text without any of a pattern's needs, but with every other character that
    Markdown treats specially, is never matched by that pattern."""
    import markdown

    md = markdown.Markdown()
    specials = "`\\[]()!<>&*_#:|~-=+{}\"' \n  \n@/;"
    for entry in md.inlinePatterns._priority:
        needs = engine._INLINE_NEEDS[entry.name]
        text = "".join(c for c in specials * 3 if not any(c in need for need in needs))
        text = f"a{text}b http://x.org/ www.y.org x@y.org &amp; `c` *d* _e_ [f](g) <h>"
        text = "".join(c for c in text if not any(c in need for need in needs))
        if "  \n" in needs:
            text = text.replace("  \n", " \n")
        pattern = md.inlinePatterns[entry.name].compiled_re
        assert pattern.search(text) is None, entry.name


def test_the_quick_search_elements_index_every_page_as_the_theme_s_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from material.plugins.search import plugin as search
    from mkdocs.commands.build import build
    from mkdocs.plugins import BasePlugin

    contents: list[str] = []

    class Collect(BasePlugin):  # type: ignore[type-arg]
        def on_page_content(self, html: str, **kwargs: Any) -> str:
            contents.append(html)
            return html

    for tree, path in _staged(tmp_path).values():
        config = _config(tree, path, tmp_path)
        config.plugins["collect"] = Collect()
        build(config)
    contents.append(
        '<h2 id="a" data-search-exclude>Hidden <a class="headerlink" href="#a">¶</a></h2>'
        "<p>text <script>x</script><style>y</style><pre> keep\\n  this </pre></p>"
        '<div class="linenodiv">1 2</div><h3 id="b">B <em>em</em></h3><ul><li> </li></ul>'
        "<table><tr><td>cell</td></tr></table><br><img src=x><h1>One</h1>trailing"
    )

    def sections(element: type) -> list[object]:
        monkeypatch.setattr(search, "Element", element)
        found = []
        for html in contents:
            parser = search.Parser()
            parser.feed(html)
            parser.close()
            found.append(
                [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]
            )
        return found

    theme_s = sections(search.Element)
    assert len(contents) > 50
    assert sections(engine._SearchElement) == theme_s


def test_each_language_s_outcome_comes_as_soon_as_its_engine_is_done(tmp_path: Path) -> None:
    """The build scans a language while the other is still being built: each engine's
    outcome is handed on when that engine ends, with its whole log, in whatever order."""
    import subprocess
    import sys
    import time

    engines = engine.Engines((), None)
    script = (
        "import sys, time, json; order = json.loads(sys.stdin.readline()); "
        "time.sleep(float(order['tree'])); print('INFO    -  built', order['config'], 'ŵ'); "
        "sys.exit(0 if order['config'] == 'cy' else 3)"
    )
    for lang in ("en", "cy"):
        engines.processes[lang] = subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            env={"PYTHONIOENCODING": "utf-8"},
        )
    started = time.monotonic()
    with engines:
        seen = []
        for outcome in engines.each_built(
            {"en": Path("en"), "cy": Path("cy")}, {"en": Path("3"), "cy": Path("0.1")}
        ):
            seen.append((outcome.lang, outcome.ok, outcome.log, time.monotonic() - started))
    assert [(lang, ok, log) for lang, ok, log, _ in seen] == [
        ("cy", True, "INFO    -  built cy ŵ\n"),
        ("en", False, "INFO    -  built en ŵ\n"),
    ]
    assert seen[0][3] < 2.5 <= seen[1][3]  # Welsh came while English was being built


def test_fields_read_as_json_are_those_mkdocs_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.utils import meta

    from generator.render.pages import frontmatter

    yaml_get_data = meta.get_data
    staged = _staged(Path(tempfile.mkdtemp()))
    docs = [text for tree, _ in staged.values() for text in tree.pages.values()]
    fields = {"title": "Ŵyl \u2028 \x85 \"dyfynnu\" 'a' : # - [x]", "order": 12, "n": None}
    docs += [
        f"---\n{frontmatter(fields)}\n---\n\n\nBody",
        f"---\n{frontmatter({'ratio': 1e20, 'half': 0.5})}\n---\nBody",  # read by YAML
        "---\n" + frontmatter({"lone": "a \ud800 b", "pair": "\U0001f600"}) + "\n---\nBody",
        '---\n{"pair": "\\ud83d\\ude00"}\n---\nBody',
        "---\n[1, 2]\n---\nBody",
        "---\n{broken\n---\nBody",
        "---\ntitle: plain YAML\n---\nBody",
        "No fields at all",
    ]
    monkeypatch.setattr(meta, "get_data", yaml_get_data)
    engine._fields_read_as_json()
    assert meta.get_data is not yaml_get_data
    assert len(docs) > 50
    for doc in docs:
        assert meta.get_data(doc) == yaml_get_data(doc), doc[:200]
