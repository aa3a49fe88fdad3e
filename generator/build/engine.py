"""The site engine: everything specific to MkDocs and mkdocs-material lives here.

Each language is a separate MkDocs build with its own configuration, which inherits the
project's mkdocs.yml, in a process of its own (``python -m generator.build.engine``),
started before the sources are checked so that MkDocs loads meanwhile. The two builds
run side by side, one per core. The pages reach MkDocs from memory, are converted by one
Markdown converter rather than one each, and blocks of finished HTML (fragments) skip
Markdown and the search index; the site menu of pages outside it is written once; a
page cache spares MkDocs every page that is as it was last time; and the site folder is
updated in place, written only where it changed. Moving to another engine that reads
mkdocs.yml (such as Zensical) means changing this module only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import pickle
import posixpath
import re
import selectors
import shutil
import stat
import subprocess
import sys
import time
import types
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml

from generator.build import search_index
from generator.usercache import cache_folder, code_digest, project_key

if TYPE_CHECKING:  # the engine's own processes load no more of the generator than they use
    from generator.project import Project
    from generator.render.pages import LanguageTree


@dataclass(frozen=True)
class EngineResult:
    lang: str
    ok: bool
    log: str


def read_site_url(base_config: Path) -> str | None:
    """site_url from mkdocs.yml, read without running any of its !tags."""

    class _Lenient(yaml.SafeLoader):
        pass

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    with base_config.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Lenient) or {}
    value = data.get("site_url") if isinstance(data, dict) else None
    return checked_site_url(value) if value else None


def checked_site_url(value: object) -> str:
    """The site's address, ending in "/"; an error unless it is an http(s) address."""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an address starting https://, not {value!r}")
    return value if value.endswith("/") else value + "/"


def write_config(
    tree: LanguageTree,
    base_config: Path,
    overrides_dir: Path,
    docs_dir: Path,
    site_dir: Path,
    site_url: str | None,
) -> Path:
    from generator.render.security import CONTENT_SECURITY_POLICY

    search: dict[str, Any] = {"lang": "en"}
    if tree.lang == "cy":
        # No Welsh stemmer exists for the theme's search; the English one would mangle
        # Welsh words, so Welsh is indexed and searched as written.
        search["pipeline"] = ["trimmer"]
    config: dict[str, Any] = {
        "INHERIT": str(base_config),
        "site_name": tree.site_name,
        "site_description": tree.site_description,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"language": tree.lang, "custom_dir": str(overrides_dir)},
        "nav": tree.nav,
        "plugins": [{"search": search}],
        "extra": {"opcc": tree.strings, "csp": CONTENT_SECURITY_POLICY},
        "use_directory_urls": True,
    }
    if site_url:
        config["site_url"] = f"{site_url}{tree.lang}/"
    config["extra"]["page_cache_salt"] = cache_salt(config, base_config, overrides_dir)
    path = docs_dir.parent / f"mkdocs.{tree.lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


class Engines:
    """One engine process per language, started before it is needed: each loads MkDocs
    and the theme while the sources are checked and rendered, then waits to be told its
    configuration. Use as a context manager: processes not given work are let go."""

    def __init__(self, langs: tuple[str, ...], cache: Path | None) -> None:
        # The engine processes import this module from wherever this process did.
        home = str(Path(__file__).resolve().parent.parent.parent)
        path = os.pathsep.join(filter(None, [home, os.environ.get("PYTHONPATH")]))
        env = dict(
            os.environ,
            NO_MKDOCS_2_WARNING="1",
            PYTHONWARNINGS="ignore",
            PYTHONPATH=path,
            PYTHONIOENCODING="utf-8",  # the log is read as UTF-8, whatever the locale
        )
        self.cache = cache
        self.closed = False
        self.processes = {
            lang: subprocess.Popen(
                [sys.executable, "-m", "generator.build.engine", "--wait"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                encoding="utf-8",
                errors="replace",
                env=env,
            )
            for lang in langs
        }

    @classmethod
    def for_project(cls, project: Project) -> Engines:
        """Both languages' engines, with the project's page cache."""
        from generator.content.model import LANGS

        return cls(LANGS, page_cache_folder(project))

    def __enter__(self) -> Engines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True
        for process in self.processes.values():
            if process.poll() is None and process.stdin is not None and not process.stdin.closed:
                with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                    process.communicate("", timeout=30)  # no work: it ends at once
            if process.poll() is None:  # at work still, or not ending: stopped
                process.kill()
                process.wait()

    def each_built(
        self, configs: dict[str, Path], trees: dict[str, Path]
    ) -> Iterator[EngineResult]:
        """Each language's build, side by side; ``trees`` are the files of each language's
        pages (see write_tree), handed to MkDocs from memory rather than from a folder.
        Each language's outcome comes as soon as its engine is done, so that the next
        step can start on it while the other language is still being built. It is
        waited for in this thread, leaving it free to fork (see parallel.py); where a
        pipe cannot be waited for so (Windows), every outcome comes at the end."""

        def order(lang: str) -> str:
            cache = None if self.cache is None else str(self.cache / lang)
            return json.dumps(
                {"config": str(configs[lang]), "tree": str(trees[lang]), "cache": cache}
            )

        if os.name != "posix":
            with ThreadPoolExecutor(max_workers=len(configs)) as pool:
                logs = pool.map(
                    lambda lang: self.processes[lang].communicate(order(lang) + "\n")[0], configs
                )
                for lang, log in zip(configs, logs, strict=True):
                    yield EngineResult(lang, self.processes[lang].returncode == 0, log)
            return
        with selectors.DefaultSelector() as waiting:
            for lang in configs:
                process = self.processes[lang]
                assert process.stdin is not None and process.stdout is not None
                with contextlib.suppress(BrokenPipeError):  # it ended early: its log says why
                    process.stdin.write(order(lang) + "\n")
                    process.stdin.close()
                waiting.register(process.stdout.fileno(), selectors.EVENT_READ, (lang, []))
            while waiting.get_map():
                for key, _ in waiting.select():
                    lang, chunks = key.data
                    chunk = os.read(key.fd, 1 << 16)
                    if chunk:
                        chunks.append(chunk)
                        continue
                    waiting.unregister(key.fd)
                    process = self.processes[lang]
                    process.wait()
                    process.stdout.close()  # type: ignore[union-attr]
                    log = b"".join(chunks).decode("utf-8", errors="replace")
                    log = log.replace("\r\n", "\n").replace("\r", "\n")  # as text=True reads
                    yield EngineResult(lang, process.returncode == 0, log)


def page_cache_folder(project: Project) -> Path:
    return cache_folder() / "pages" / project_key(project.root)


def write_tree(tree: LanguageTree, path: Path) -> Path:
    """A language's pages, data files and attachments in one file for its engine process:
    one write instead of one for each of thousands of pages."""
    parts = {
        "pages": tree.pages,
        "data": tree.data,
        "files": {k: str(v) for k, v in tree.files.items()},
        "fragments": tree.fragments,
        "fragment_text": tree.fragment_text,
    }
    with path.open("wb") as handle:
        pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


# The page cache
# --------------
# MkDocs renders every page again on every build. Most pages of a register are the same
# as last time, so each page's final HTML is kept, with what the rest of the build needs
# of it (its title, its anchors, its links to other pages' anchors, its search entries),
# under a key made of the page's Markdown, its address and everything else a page's
# HTML depends on: the language's configuration (navigation, strings, site address), the
# base mkdocs.yml, the theme overrides, this module and the versions of MkDocs and the
# theme. A page whose key is found is not rendered: its HTML is written as kept. A page
# is kept only after a build without a warning, so a page that warned is always
# rendered again, and warns again.
#
# The pages' HTML is kept in packs, one file for all the pages a build rendered, rather
# than a file for each: on this kind of machine, making a file just after thousands were
# removed (as a build into a new folder does, or a cache emptied) costs more than writing
# the page, and a file a page doubled that cost. A pack is never changed once made; a
# pack less than half of whose bytes are still in use is packed again into the next one,
# as are the smallest while there are more than MAX_PACKS.

CACHED_TEMPLATE = "opcc-cached-page.html"
INDEX = "index.pickle"  # what is kept of each page, by key, beside the packs
PACK = ".pack"
MAX_PACKS = 8  # a build that renders any page makes one; a build into a new folder reads all
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>#?]+\.md)")


def cache_salt(config: dict[str, Any], base_config: Path, overrides_dir: Path) -> str:
    """What every page's HTML depends on besides its own Markdown. The docs and site
    folders are left out: they are new temporary folders on every build."""
    digest = hashlib.sha256()
    stable = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir")}
    digest.update(json.dumps(stable, sort_keys=True, default=str).encode())
    digest.update(base_config.read_bytes())
    for path in sorted(overrides_dir.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(overrides_dir)}\0".encode() + path.read_bytes())
    # The generator's own code and strings (a section page's title, say, shows in its
    # neighbours' footers) and the versions of what it runs on.
    digest.update(code_digest().encode())
    for package in ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pymdown-extensions"):
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?\0".encode())
    return digest.hexdigest()


def finish_language(lang: str, site_dir: Path, known: Path | None = None, salt: str = "") -> None:
    """What the theme's own build leaves undone: Welsh search that knows mutations (with
    the forms each section gave last time kept in the file ``known``)."""
    index = site_dir / "search" / "search_index.json"
    if lang == "cy" and index.is_file():
        search_index.expand(index, known, salt)


def _unserved(dest_uri: str) -> bool:
    """The theme's files that no reader is ever sent: source maps, which serve the
    theme's developers, and the 64 search language files. The search worker loads
    lunr's language files only for languages other than English; both sites search with
    lang "en" (write_config), so none is ever loaded."""
    return dest_uri.endswith(".map") or dest_uri.startswith("assets/javascripts/lunr/")


def _sources_plugin():  # type: ignore[no-untyped-def]
    """The language's pages given to MkDocs from memory (see write_tree)."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import File, Files

    class Sources(BasePlugin):  # type: ignore[type-arg]
        def __init__(self, tree: Path) -> None:
            super().__init__()
            with tree.open("rb") as handle:
                self.parts = pickle.load(handle)
            self.fragments: dict[str, str] = self.parts.pop("fragments", {})
            self.fragment_text: dict[str, str] = self.parts.pop("fragment_text", {})
            self.converter: Any = None
            self.search: Any = None

        def on_config(self, config: Any) -> None:
            self.search = next(
                (p for p in config.plugins.values() if hasattr(p, "search_index")), None
            )

        def on_files(self, files: Any, *, config: Any) -> Any:
            ours = [
                *(File.generated(config, a, content=t) for a, t in self.parts["pages"].items()),
                *(
                    File.generated(config, a, content=t.encode("utf-8"))
                    for a, t in self.parts["data"].items()
                ),
                *(
                    File.generated(config, a, abs_src_path=s)
                    for a, s in self.parts["files"].items()
                ),
            ]
            self.parts = {}  # the files hold the texts now
            # In the order MkDocs would have found them in a folder (the order of the
            # search index and the sitemap), before the theme's files.
            theirs = [f for f in files if not _unserved(f.dest_uri)]
            return Files([*sorted(ours, key=lambda f: _walk_order(f.src_uri)), *theirs])

        def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
            self.converter = _shared_converter(config, files)
            return nav

        def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
            if self.converter is not None:
                page.render = functools.partial(self.converter, page)
            return page

        @event_priority(-50)  # after the search plugin, before the page cache keeps it
        def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            # A searchable fragment's text goes with the page's first section, where it
            # stands on the page.
            texts = [
                self.fragment_text[digest]
                for digest in _FRAGMENT.findall(page.markdown or "")
                if digest in self.fragment_text
            ]
            index = getattr(self.search, "search_index", None)
            if texts and index is not None:
                for entry in reversed(index.entries):
                    if entry["location"] == page.url:
                        entry["text"] = " ".join([*texts, entry["text"]]).strip()
                        break
            return context

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            # Each fragment's marker (render/pages.py: fragment) replaced by its HTML; a
            # marker that did not reach the page whole fails the build.
            wanted = set(_FRAGMENT.findall(page.markdown or ""))
            found: set[str] = set()

            def fragment(match: re.Match[str]) -> str:
                found.add(match[1])
                return self.fragments[match[1]]

            output = _FRAGMENT.sub(fragment, output) if wanted else output
            if found != wanted or not wanted <= self.fragments.keys():
                raise PluginError(f"a fragment of '{page.file.src_uri}' was lost in the build")
            return output

    return Sources


_FRAGMENT = re.compile(r"<!-- opcc-fragment ([0-9a-f]{64}) -->")


_RESETTING_EXTENSIONS = {
    *("abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code"),
    *("footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br"),
    *("sane_lists", "smarty", "tables", "toc", "wikilinks", "extra"),
}


def _shared_converter(config: Any, files: Any):  # type: ignore[no-untyped-def]
    """MkDocs' Page.render with one Markdown converter for every page, reset between
    pages, where MkDocs builds a new one for each: building one costs more than
    converting a short page. The converter is MkDocs 1.6's own, with its own four
    processors; under any other MkDocs, None, and each page is rendered as MkDocs does.
    """
    import logging

    import markdown
    import mkdocs
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    if not mkdocs.__version__.startswith("1.6."):
        return None
    # Python-Markdown's own extensions reset what they hold between documents; another
    # extension might carry something from one page into the next.
    for extension in config["markdown_extensions"]:
        name = extension if isinstance(extension, str) else type(extension).__module__
        if name.removeprefix("markdown.extensions.") not in _RESETTING_EXTENSIONS:
            return None
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    raw_html = pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = pages._ExtractAnchorsTreeprocessor(None, files, config)
    anchors._register(md)
    relative = pages._RelativePathTreeprocessor(None, files, config)
    relative._register(md)
    title = pages._ExtractTitleTreeprocessor()
    title._register(md)
    _quick_inline(md)

    def render(page: Any, config: Any, files: Any) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md.reset()
        raw_html.present_anchor_ids = set()
        anchors.present_anchor_ids = set()
        relative.file, relative.files, relative.links_to_anchors = page.file, files, {}
        title.title = None
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors

    return render


# What each of Python-Markdown's own inline patterns cannot match without: a text holding
# none of these strings is left as it is by that pattern. Made for Python-Markdown 3.11,
# whose patterns are written so; under any other version, every pattern is tried.
_INLINE_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    **dict.fromkeys(("reference", "link", "short_reference"), ("[",)),
    **dict.fromkeys(("image_link", "image_reference", "short_image_ref"), ("[",)),
    **dict.fromkeys(("autolink", "automail", "html"), ("<",)),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


def _quick_inline(md: Any) -> None:
    """Python-Markdown's inline processor, as fast as it can be made without changing
    what it makes. It tries every inline pattern on every run of text, each a Python
    call and a search, though most runs hold no character any pattern needs; and it
    looks each pattern up by position in a Registry that sorts itself on every lookup
    (a quarter of a million lookups for a thousand pages). Here the patterns are a list
    in the same order, and a pattern is passed over, as if tried without a match, when
    the text lacks what it needs (_INLINE_NEEDS)."""
    import markdown
    from markdown import inlinepatterns, util

    inline = md.treeprocessors["inline"]
    patterns = list(md.inlinePatterns)
    inline.inlinePatterns = patterns  # all registered by now: the same, in the same order
    names = [entry.name for entry in md.inlinePatterns._priority]
    if not markdown.__version__.startswith("3.11.") or not set(names) <= set(_INLINE_NEEDS):
        return
    needs = [_INLINE_NEEDS[name] for name in names]
    if "em_strong" in names:  # it matches each of its delimiters, whatever adds them
        delimiters = getattr(md.inlinePatterns["em_strong"], "delimiters", None)
        if not isinstance(delimiters, dict) or not all(isinstance(d, str) for d in delimiters):
            return
        needs[names.index("em_strong")] = tuple(delimiters)
    every_need = sorted({need for group in needs for need in group})
    apply = inline._InlineProcessor__applyPattern
    count = len(patterns)

    # InlineProcessor.__handleInline, with the passing over. What the text holds is
    # looked at once: a match only ever takes characters out (its placeholder holds
    # none that a pattern needs), and a pattern tried in vain changes nothing.
    def handle_inline(data: str, index: int = 0) -> str:
        if not isinstance(data, util.AtomicString):
            held = {need for need in every_need if need in data}
            start = 0
            while index < count:
                if held.isdisjoint(needs[index]):
                    index, start = index + 1, 0
                    continue
                data, matched, start = apply(patterns[index], data, index, start)
                if not matched:
                    index += 1
        return data

    inline._InlineProcessor__handleInline = handle_inline
    # The link patterns read the text in brackets character by character, and three of
    # them read it for every "[", link or not; this reads from bracket to bracket.
    for pattern in patterns:
        if isinstance(pattern, inlinepatterns.LinkInlineProcessor):
            pattern.getText = types.MethodType(_bracketed_text, pattern)
    # Markdown.is_block_level looks each tag up in a list, about two hundred times a
    # page; every extension has added its tags by now.
    block_level = frozenset(md.block_level_elements)
    md.is_block_level = functools.cache(
        lambda tag: isinstance(tag, str) and tag.lower().rstrip("/") in block_level
    )


_BRACKET = re.compile(r"[\[\]]")


def _bracketed_text(self: Any, data: str, index: int) -> tuple[str, int, bool]:
    """LinkInlineProcessor.getText: the text up to the "]" that closes the "[" before
    ``index`` (brackets nest), the index after that "]", and whether there was one."""
    depth = 1
    for bracket in _BRACKET.finditer(data, index):
        depth += 1 if bracket.group() == "[" else -1
        if depth == 0:
            return data[index : bracket.start()], bracket.end(), True
    return data[index:], len(data), False


def _fields_read_as_json() -> None:
    """Each page's fields (its frontmatter) read by json, not by PyYAML's constructor,
    about 3 % of a page's time: the generator writes them as JSON, which is
    YAML (see render.pages.frontmatter). Fields that are not a JSON object, or hold a
    number with a fraction or an exponent or an escaped surrogate (which YAML reads
    otherwise, or not at all), are read by MkDocs itself."""
    from mkdocs.utils import meta

    yaml_get_data = meta.get_data

    def get_data(doc: str) -> tuple[str, dict[str, Any]]:
        match = meta.YAML_RE.match(doc)
        if match and match.group(1).startswith("{") and not _SURROGATE.search(match.group(1)):
            try:
                data = json.loads(match.group(1))
            except ValueError:
                data = None
            if isinstance(data, dict) and _without_fractions(data):
                return doc[match.end() :].lstrip("\n"), data
        return yaml_get_data(doc)

    meta.get_data = get_data


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _without_fractions(value: object) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(_without_fractions(item) for item in value.values())
    if isinstance(value, list):
        return all(_without_fractions(item) for item in value)
    return True


class _SearchElement(str):
    """An element as mkdocs-material's search parser sees it, which is equal to its tag
    name and hashes as it: the parser checks the elements it is inside against those it
    skips, on every tag and every run of text of every page, and its own Element class
    does so by a Python call for each. Being the tag name, this one does it in C."""

    tag: str
    attrs: dict[str, str | None]

    def __new__(cls, tag: str, attrs: dict[str, str | None] | None = None) -> _SearchElement:
        element = super().__new__(cls, tag)
        element.tag = tag
        element.attrs = attrs or {}
        return element

    def is_excluded(self) -> bool:
        return "data-search-exclude" in self.attrs


def _quick_search() -> None:
    """The search parser's elements as _SearchElement, under the mkdocs-material it was
    made for (9.8): their tag, attributes, equality and hash are its Element's."""
    import material
    from material.plugins.search import plugin

    if material.__version__.startswith("9.8."):
        plugin.Element = _SearchElement


def _walk_order(src_uri: str) -> list[tuple[int, object]]:
    """MkDocs' order of a folder's files: each folder's files (index first), then its
    subfolders, by name."""
    *folders, name = src_uri.split("/")
    stem = name.rsplit(".", 1)[0]
    return [*((1, folder) for folder in folders), (0, (stem not in ("index", "README"), name))]


# The site folder
# ---------------
# Once the page cache holds the pages, writing thousands of small files, each in a folder
# of its own, is most of what is left of a build. So the folder a build writes is the
# site of the build before last (output.claim_spare), updated in place rather than
# emptied first as MkDocs would: a page whose bytes are there already, in a file as this
# engine left it (the size, times and inode it recorded), is not written again, and every
# file there that this build does not make is removed.

SITE_EXTRAS = ("sitemap.xml.gz", "search/search_index.json")  # written beside the Files


def _as_written(html: str) -> bytes:
    """A page's bytes as MkDocs writes them."""
    return html.encode("utf-8", errors="xmlcharrefreplace")


def _digest(html: str) -> str:
    """The digest of a page's bytes as MkDocs writes them."""
    return hashlib.sha256(_as_written(html)).hexdigest()


def _stamp(status: os.stat_result) -> list[int]:
    """What changes whenever a file's bytes do, as git's index keeps: the change time
    among it, which no one can set back."""
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _extras(config: Any) -> tuple[str, ...]:
    """What MkDocs and the theme write beside the Files: the theme's templates (404.html,
    sitemap.xml), the sitemap compressed, the search index."""
    return (*config.theme.static_templates, *config.extra_templates, *SITE_EXTRAS)


def _sweep(top: str) -> None:
    """Remove from the folder whatever a write could reach beyond it: a symbolic link (to
    a file or a folder anywhere), anything but a file or a folder, and a file with
    another name somewhere (a hard link, made by a copy or a backup of the site), which a
    write in place would change there too."""
    for folder, subfolders, names in os.walk(top):
        for name in [*subfolders, *names]:
            path = os.path.join(folder, name)
            status = os.lstat(path)
            if stat.S_ISDIR(status.st_mode):
                continue
            if not stat.S_ISREG(status.st_mode) or status.st_nlink > 1:
                os.unlink(path)


def _site_folder_plugin():  # type: ignore[no-untyped-def]
    from mkdocs.plugins import BasePlugin, event_priority

    class SiteFolder(BasePlugin):  # type: ignore[type-arg]
        def __init__(self, site_dir: Path) -> None:
            super().__init__()
            self.site_dir = site_dir
            if site_dir.is_symlink():
                site_dir.unlink()
            site_dir.mkdir(parents=True, exist_ok=True)
            _sweep(str(site_dir))
            status = site_dir.stat()
            # Keyed by the folder itself, which keeps its inode as it is renamed between
            # spare, new and published.
            name = f"{status.st_dev}-{status.st_ino}.json"
            self.record = cache_folder() / "site-folders" / name
            try:
                known = json.loads(self.record.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                known = {}
            self.known: dict[str, list[Any]] = known if isinstance(known, dict) else {}
            self.now: dict[str, list[Any] | str] = {}  # an entry, or a digest to stat
            self.made: set[str] = set()  # every page written or left in place
            self.files: Any = []

        def holds(self, file: Any, digest: str | None) -> bool:
            """Whether the file as this engine left it, untouched since, has these bytes."""
            entry = self.known.get(file.dest_uri)
            if not digest or not isinstance(entry, list) or entry[-1:] != [digest]:
                return False
            try:
                return _stamp(os.stat(file.abs_dest_path)) == entry[:-1]
            except OSError:
                return False

        def left(self, file: Any) -> None:
            self.made.add(file.dest_uri)
            self.now[file.dest_uri] = self.known[file.dest_uri]

        def clear(self, file: Any) -> None:
            """Remove the page's old file before it is written: a file is always written
            anew, never over (see _sweep), and under the name it has now, where a file
            system that ignores case would keep the old name's case."""
            with contextlib.suppress(FileNotFoundError):
                os.unlink(file.abs_dest_path)

        def wrote(self, file: Any, digest: str | None) -> None:
            self.made.add(file.dest_uri)
            if digest:
                self.now[file.dest_uri] = digest

        @event_priority(-100)  # the files as every plugin left them
        def on_files(self, files: Any, *, config: Any) -> Any:
            self.files = files
            # Every file but the pages is written on every build: anew, as pages are.
            for path in (
                *(f.abs_dest_path for f in files if not f.is_documentation_page()),
                *(os.path.join(config.site_dir, name) for name in _extras(config)),
            ):
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    os.unlink(path)
            return files

        @event_priority(-110)  # after the page cache
        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            if not output:
                return output  # a kept page, placed by the page cache
            digest = _digest(output)
            if self.holds(page.file, digest):
                self.left(page.file)
                return ""  # MkDocs, given nothing to write, writes nothing
            self.clear(page.file)
            self.wrote(page.file, digest)
            return output

        def finish(self, config: Any) -> None:
            """Remove every file this build did not make, and record what it left."""
            expected = {
                *(
                    f.dest_uri
                    for f in self.files
                    if not f.is_documentation_page() and f.inclusion.is_included()
                ),
                *self.made,
                *_extras(config),
            }
            top = str(self.site_dir)
            for folder, _subfolders, names in os.walk(top, topdown=False):
                rel = os.path.relpath(folder, top).replace(os.sep, "/")
                for name in names:
                    if posixpath.normpath(f"{rel}/{name}") not in expected:
                        os.unlink(os.path.join(folder, name))
                if folder != top and not os.listdir(folder):
                    os.rmdir(folder)
            entries: dict[str, list[Any]] = {}
            for uri, entry in self.now.items():
                if isinstance(entry, str):
                    entry = [*_stamp(os.stat(os.path.join(top, uri))), entry]
                entries[uri] = entry
            with contextlib.suppress(OSError):  # unrecorded: every page is written next time
                self.record.parent.mkdir(parents=True, exist_ok=True)
                partial = self.record.with_name(f"{self.record.name}.{os.getpid()}.partial")
                partial.write_text(json.dumps(entries), encoding="utf-8")
                os.replace(partial, self.record)

        def forget(self) -> None:
            """After a build that did not finish, the folder is as nobody recorded it."""
            with contextlib.suppress(OSError):
                self.record.unlink()

    return SiteFolder


# Partials of the theme that hold nothing of the page, not even a link relative to it:
# each is written once and reused (see _shared_nav_plugin).
_SAME_ON_EVERY_PAGE = ("partials/search.html", "partials/top.html")
# Partials and blocks of the theme whose only tie to the page is where their links are
# relative to: each is written once for each folder pages are in (see SharedNav._where).
_SAME_IN_EACH_FOLDER = ("partials/opcc-header-start.html", "partials/opcc-header-end.html")
_BLOCKS_SAME_IN_EACH_FOLDER = ("styles", "libs", "fonts", "config", "scripts")  # base.html's
# and its footer, on a page with no previous or next page (a response's): it then holds
# no more of the page than where its link to the accessibility statement is relative to.
_FOOTER = "footer"


def _shared_nav_plugin():  # type: ignore[no-untyped-def]
    """The theme writes the whole site menu into every page. The menu of a page that is
    not in it (a response) differs from another's only by where its links are relative
    to, so it is written once for each folder such pages are in, and reused. The search
    box (_SAME_ON_EVERY_PAGE) is the same on every page, and is written once; the header
    around the page's title and the links to the theme's styles and scripts
    (_SAME_IN_EACH_FOLDER), once for each folder."""
    from jinja2 import ChoiceLoader, DictLoader, PrefixLoader, pass_context
    from markupsafe import Markup
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

    class SharedNav(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.in_nav: set[int] = set()
            self.nav_urls: list[str] = []
            self.written: dict[Any, Markup] = {}
            self.held: Counter[str] = Counter()
            self.same: dict[str, Markup] = {}

        def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
            self.in_nav = {id(page) for page in nav.pages}
            self.nav_urls = [page.url for page in nav.pages]
            # How many files each folder of the site holds, at any depth.
            self.held = Counter(
                folder
                for file in files
                for folder in itertools.accumulate(
                    f"{part}/" for part in file.dest_uri.split("/")[:-1]
                )
            )
            return nav

        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            # The theme's menu and partials stay reachable under a prefix; their own
            # names now ask here.
            own = {"partials/nav.html": "{{ opcc_site_nav() }}"}
            own |= {name: f"{{{{ opcc_same({name!r}) }}}}" for name in _SAME_ON_EVERY_PAGE}
            own |= {name: f"{{{{ opcc_here({name!r}) }}}}" for name in _SAME_IN_EACH_FOLDER}
            env.loader = ChoiceLoader(
                [DictLoader(own), PrefixLoader({"opcc-theme": env.loader}), env.loader]
            )
            env.globals["opcc_site_nav"] = pass_context(
                lambda context: self._site_nav(context)  # a function, as Jinja marks it
            )
            env.globals["opcc_same"] = pass_context(lambda context, name: self._same(name, context))
            env.globals["opcc_here"] = pass_context(lambda context, name: self._here(name, context))
            return env

        @event_priority(-200)  # once every plugin has set the loader: the templates are final
        def _blocks_once(self, env: Any, *, config: Any, files: Any) -> Any:
            base = env.get_template("base.html")
            for name in (*_BLOCKS_SAME_IN_EACH_FOLDER, _FOOTER):
                if name in base.blocks:
                    base.blocks[name] = self._block_here(name, base.blocks[name])
            return env

        on_env = CombinedEvent(on_env, _blocks_once)

        def _block_here(self, name: str, render: Any) -> Any:
            def block(context: Any) -> Iterator[str]:
                page = context.get("page")
                if name == _FOOTER and (
                    page is None or page.previous_page is not None or page.next_page is not None
                ):
                    yield from render(context)
                    return
                key = (f"block {name}", *self._where(context))
                if key not in self.written:
                    self.written[key] = Markup("".join(render(context)))
                yield self.written[key]

            return block

        def _where(self, context: Any) -> tuple[str | None, str | None, int]:
            """What a link from the page to a file of the site depends on: the address of
            the site's root from it, and the folder the page is in and how deep (see
            url_filter in mkdocs.utils.templates); or the page's own address, where the
            site has files below it (such a link is shorter from there)."""
            page = context.get("page")
            url = getattr(page, "url", None)
            if url is None:
                return context.get("base_url"), None, -1
            # A page's own file is below its address; any other file there makes it its own.
            alone = url.endswith("/") and self.held[url] > 1
            folder = url if alone else posixpath.dirname(url.rstrip("/"))
            return context.get("base_url"), folder, url.count("/")

        def _here(self, name: str, context: Any) -> Markup:
            key = (name, *self._where(context))
            if key not in self.written:
                self.written[key] = Markup(self._rendered(f"opcc-theme/{name}", context))
            return self.written[key]

        def _same(self, name: str, context: Any) -> Markup:
            if name not in self.same:
                self.same[name] = Markup(self._rendered(f"opcc-theme/{name}", context))
            return self.same[name]

        @staticmethod
        def _rendered(name: str, context: Any) -> str:
            template = context.environment.get_template(name)
            return "".join(template.root_render_func(template.new_context(context.get_all(), True)))

        def _site_nav(self, context: Any) -> Markup:
            page = context.get("page")
            # Links relative to a page in the same folder, at the same depth, read the
            # same, unless the menu holds a page below this one (then they would not).
            shared = (
                page is not None
                and id(page) not in self.in_nav
                and not any(url.startswith(page.url) for url in self.nav_urls)
            )
            folder = None
            if shared:
                folder = f"{posixpath.dirname(page.url.rstrip('/'))}\0{page.url.count('/')}"
            if folder is not None and folder in self.written:
                return self.written[folder]
            menu = Markup(self._rendered("opcc-theme/partials/nav.html", context))
            if folder is not None:
                self.written[folder] = menu
            return menu

    return SharedNav


_LOOKED_UP_ONCE = "{% macro t(key) %}{{ opcc_t(key) }}{% endmacro %}"


def _theme_strings_plugin():  # type: ignore[no-untyped-def]
    """The theme looks up each of its own strings (the skip link's, the search box's)
    through a template macro that builds its whole table of strings on every call,
    twenty-odd times a page. Each string depends only on the site's language, so it is
    looked up once."""
    from jinja2 import ChoiceLoader, DictLoader
    from mkdocs.plugins import BasePlugin

    class ThemeStrings(BasePlugin):  # type: ignore[type-arg]
        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            theirs = env.loader
            module = env.get_template("partials/language.html").make_module({"config": config})
            env.loader = ChoiceLoader(
                [
                    DictLoader({"partials/language.html": _LOOKED_UP_ONCE}),
                    theirs,
                ]
            )
            env.globals["opcc_t"] = functools.cache(lambda key: module.t(key))
            return env

    return ThemeStrings


def _page_cache_plugin():  # type: ignore[no-untyped-def]
    """The page cache as an MkDocs plugin (made here so that MkDocs is imported only in
    the engine's own processes)."""
    from jinja2 import ChoiceLoader, DictLoader
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
    from mkdocs.structure.toc import get_toc

    class PageCache(BasePlugin):  # type: ignore[type-arg]
        def __init__(self, folder: Path, salt: str, site: Any) -> None:
            super().__init__()
            self.folder = folder
            self.salt = salt
            self.site = site  # the SiteFolder being written
            self.kept: dict[str, dict[str, Any]] = {}  # key → what is kept of the page
            self.now: dict[str, dict[str, Any]] = {}  # the same, for this build's pages
            self.unwritable = False
            self.pending = folder.with_name(f"{folder.name}.pending-{os.getpid()}")
            self.packs: dict[str, BinaryIO | None] = {}  # a pack read from, or None: gone
            self.pack: BinaryIO | None = None  # this build's own, written as pages come
            self.pack_name = f"{time.time_ns()}-{os.getpid()}{PACK}"
            self.pack_size = 0
            self.search: Any = None
            self.reused = 0

        def _key(self, page: Any) -> str:
            source = page.file.content_bytes
            digest = hashlib.sha256(f"{self.salt}\0{page.file.src_uri}\0".encode())
            return digest.hexdigest() + hashlib.sha256(source).hexdigest()[:16]

        def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
            key = self._key(page)
            page.opcc_key = key
            page.opcc_kept = None
            page.opcc_in_place = False
            kept = self.kept.get(key)
            if kept is None:
                return page
            if not all(files.get_file_from_path(target) for target in kept["targets"]):
                return page  # a page it links to has gone: render it, so that MkDocs warns
            page.opcc_in_place = self.site.holds(page.file, kept.get("digest"))
            if page.opcc_in_place or self._read(kept) is not None:
                self._restore_later(page, kept)
            return page  # otherwise the kept HTML is gone or damaged: it is rendered again

        def _read(self, kept: dict[str, Any]) -> bytes | None:
            """A kept page's HTML, if its pack holds it as it was kept. A pack is opened
            when first needed and held open to the end of the build: another build of
            the same project that removes it meanwhile cannot take it away (where files
            are removed only once closed, that removal fails, and a later build's does
            it)."""
            name = kept["pack"]
            if name not in self.packs:
                self.packs[name] = None
                with contextlib.suppress(OSError):
                    self.packs[name] = (self.folder / name).open("rb")
            handle = self.packs[name]
            if handle is None:
                return None
            try:
                handle.seek(kept["at"])
                data = handle.read(kept["size"])
            except (OSError, ValueError):
                return None
            return data if hashlib.sha256(data).hexdigest() == kept["digest"] else None

        def _restore_later(self, page: Any, kept: dict[str, Any]) -> None:
            page.opcc_kept = kept
            page.read_source = lambda config: _restore_source(page, kept)
            page.render = lambda config, files: _restore(page, kept, files)

        def on_config(self, config: Any) -> None:
            self.search = next(
                (p for p in config.plugins.values() if hasattr(p, "search_index")), None
            )
            # What is kept of every page in one file, read once.
            with contextlib.suppress(Exception):  # missing or damaged: pages are rendered
                with (self.folder / INDEX).open("rb") as handle:
                    kept = pickle.load(handle)
                if isinstance(kept, dict):
                    self.kept = {k: v for k, v in kept.items() if _well_formed(v)}

        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            env.loader = ChoiceLoader([DictLoader({CACHED_TEMPLATE: ""}), env.loader])
            return env

        @event_priority(100)  # before the search plugin indexes the page
        def _count_entries(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            page.opcc_entries_before = len(self._entries())
            return context

        @event_priority(-100)  # after it
        def _keep_entries(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            entries = self._entries()
            if page.opcc_kept is not None:
                entries.extend(page.opcc_kept["search"])
            else:
                page.opcc_entries = entries[page.opcc_entries_before :]
            return context

        on_page_context = CombinedEvent(_count_entries, _keep_entries)

        @event_priority(-100)  # the page as written, after every other plugin
        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            if page.opcc_kept is not None:
                kept = page.opcc_kept
                self.now[page.opcc_key] = kept
                # MkDocs, given nothing to write, writes nothing: the kept HTML is written
                # here, unless the site folder holds it already.
                self.reused += 1
                if page.opcc_in_place:
                    self.site.left(page.file)
                else:
                    data = self._read(kept)
                    if data is None:  # read whole a moment ago, from a file held open
                        raise PluginError(f"the page cache lost '{page.file.src_uri}'")
                    destination = page.file.abs_dest_path
                    os.makedirs(os.path.dirname(destination), exist_ok=True)
                    self.site.clear(page.file)
                    with open(destination, "wb") as handle:
                        handle.write(data)
                    self.site.wrote(page.file, kept.get("digest"))
                page.opcc_kept = None
                del page.read_source, page.render
                return ""
            folder = posixpath.dirname(page.file.src_uri)
            self._keep(
                page.opcc_key,
                output,
                {
                    "meta": page.meta,
                    "title": page._title_from_render,
                    "anchors": sorted(page.present_anchor_ids or ()),
                    "anchor_links": {
                        target.src_uri: dict(links)
                        for target, links in (page.links_to_anchors or {}).items()
                    },
                    "targets": sorted(
                        {
                            posixpath.normpath(posixpath.join(folder, target))
                            for target in _MD_LINK.findall(page.markdown or "")
                        }
                    ),
                    "search": getattr(page, "opcc_entries", []),
                },
            )
            return output

        def _keep(self, key: str, html: str, kept: dict[str, Any]) -> None:
            # Written to this build's pack at once rather than held (thousands of pages'
            # HTML would double the engine's memory); the pack joins the cache only in
            # save(). A cache folder that cannot be written to only means nothing is kept.
            encoded = _as_written(html)
            kept["digest"] = hashlib.sha256(encoded).hexdigest()
            self._pack(key, encoded, kept)

        def _pack(self, key: str, data: bytes, kept: dict[str, Any]) -> bool:
            """The page put in this build's pack, and kept as there; False if it cannot be."""
            if self.unwritable:
                return False
            try:
                if self.pack is None:
                    self.pending.mkdir(parents=True, exist_ok=True)
                    self.pack = (self.pending / self.pack_name).open("wb")
                self.pack.write(data)
            except OSError:
                self.unwritable = True
                return False
            self.now[key] = {
                **kept,
                "pack": self.pack_name,
                "at": self.pack_size,
                "size": len(data),
            }
            self.pack_size += len(data)
            return True

        def _entries(self) -> list[dict[str, Any]]:
            index = getattr(self.search, "search_index", None)
            return index.entries if index is not None else []

        def _repack(self) -> None:
            """The pages still in use of each pack less than half in use, and of the
            smallest packs while there are more than MAX_PACKS, copied into this
            build's pack, so that the cache holds about what it uses, in few files."""
            if self.unwritable:
                return
            used: dict[str, int] = {}
            for kept in self.now.values():
                used[kept["pack"]] = used.get(kept["pack"], 0) + kept["size"]
            used.pop(self.pack_name, None)
            moved: set[str] = set()
            for name in used:
                try:
                    size = (self.folder / name).stat().st_size
                except OSError:
                    size = 0  # gone: what this build read of it is packed again, if any
                if used[name] * 2 < size or not size:
                    moved.add(name)
            staying = sorted((name for name in used if name not in moved), key=used.__getitem__)
            moved.update(staying[: max(0, len(staying) + 1 - MAX_PACKS)])
            for key, kept in list(self.now.items()):
                if kept["pack"] in moved:
                    data = self._read(kept)
                    if data is None or not self._pack(key, data, kept):
                        del self.now[key]

        def save(self) -> None:
            """Keep the pages of this build, and only those."""
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._repack()
                if self.pack is not None:
                    self.pack.close()
                    os.replace(self.pending / self.pack_name, self.folder / self.pack_name)
                self.pending.mkdir(parents=True, exist_ok=True)
                partial = self.pending / INDEX
                with partial.open("wb") as handle:
                    pickle.dump(self.now, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(partial, self.folder / INDEX)
                self._close()
                in_use = {kept["pack"] for kept in self.now.values()}
                for entry in os.scandir(self.folder):
                    if entry.name not in in_use and entry.name != INDEX and entry.is_file():
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
            finally:
                self.discard()

        def _close(self) -> None:
            for handle in [self.pack, *self.packs.values()]:
                if handle is not None:
                    handle.close()
            self.pack, self.packs = None, {}

        def discard(self) -> None:
            """Forget the pages of a build that did not succeed."""
            self._close()
            shutil.rmtree(self.pending, ignore_errors=True)

    def _well_formed(kept: object) -> bool:
        """An entry of the index as this code makes it (one made by other code, or
        damaged, is passed over: the page is rendered)."""
        return (
            isinstance(kept, dict)
            and "title" in kept
            and isinstance(kept.get("meta"), dict)
            and isinstance(kept.get("anchors"), list)
            and isinstance(kept.get("anchor_links"), dict)
            and isinstance(kept.get("targets"), list)
            and isinstance(kept.get("search"), list)
            and isinstance(kept.get("digest"), str)
            and isinstance(kept.get("pack"), str)
            and kept["pack"].endswith(PACK)
            and os.path.basename(kept["pack"]) == kept["pack"]
            and all(isinstance(kept.get(n), int) and kept[n] >= 0 for n in ("at", "size"))
        )

    def _restore_source(page: Any, kept: dict[str, Any]) -> None:
        # Its fields as they were read (the title among them); the template writes the
        # kept HTML, and the search plugin leaves the page to the kept entries.
        page.markdown = ""
        page.meta = {**kept["meta"], "template": CACHED_TEMPLATE, "search": {"exclude": True}}

    def _restore(page: Any, kept: dict[str, Any], files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        links = {}
        for src_uri, anchors in kept["anchor_links"].items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links

    return PageCache


def _compiled_once(theme: Any, folder: Path) -> None:
    """The theme's templates compiled once, not on every build (Jinja checks each
    against its source), in every environment the theme makes: the search plugin makes
    one of its own for its translations."""
    from jinja2 import FileSystemBytecodeCache

    class TolerantBytecodeCache(FileSystemBytecodeCache):
        """A template that cannot be stored compiled is compiled again next time."""

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    bytecode = TolerantBytecodeCache(str(folder))
    theme_env = theme.get_env

    def get_env() -> Any:
        env = theme_env()
        env.bytecode_cache = bytecode
        return env

    theme.get_env = get_env


class _PrunedThemeListing:
    """The theme's folders listed as Jinja's FileSystemLoader lists them, less what is
    under a folder whose name starts with a dot. MkDocs lists every file of the theme
    and then leaves out every path with a part starting with a dot: mkdocs-material's
    14,000 icons (in .icons), a third of a rebuild's engine time."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def list_templates(self, filter_func: Any = None) -> list[str]:
        found: set[str] = set()
        for top in self.loader.searchpath:
            for folder, subfolders, names in os.walk(top, followlinks=self.loader.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    found.add(
                        os.path.join(folder, name)[len(top) :]
                        .strip(os.path.sep)
                        .replace(os.path.sep, "/")
                        .removeprefix("./")
                    )
        names = sorted(found)
        return [name for name in names if filter_func(name)] if filter_func else names


def _theme_listed_quickly(env: Any) -> Any:
    """What MkDocs' Files.add_files_from_theme lists the theme's files with: the theme's
    own environment, or the same folders pruned of what it leaves out."""
    from jinja2 import FileSystemLoader

    return _PrunedThemeListing(env.loader) if type(env.loader) is FileSystemLoader else env


def main(argv: list[str]) -> int:
    """``python -m generator.build.engine --wait``: load MkDocs, read one line of JSON
    from standard input ({"config": path, "cache": folder or null}; an empty line or
    none at all ends the process), then build that language as ``mkdocs build --strict``
    does, with the page cache in the folder given, into a site folder updated in place
    (SiteFolder) rather than emptied first."""
    import logging

    import material.plugins.search.plugin  # noqa: F401  (loaded while the parent works)
    from mkdocs import utils as mkdocs_utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import Files

    order = sys.stdin.readline().strip()
    if not order:
        return 0
    settings = json.loads(order)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    # Kept pages are written by the page cache, not MkDocs, which notes each one.
    handler.addFilter(lambda record: not record.getMessage().startswith("Page skipped"))
    # The site folder is updated in place (see SiteFolder), not emptied first.
    mkdocs_utils.clean_directory = lambda directory: None
    add_files_from_theme = Files.add_files_from_theme
    Files.add_files_from_theme = lambda files, env, config: add_files_from_theme(
        files, _theme_listed_quickly(env), config
    )
    cache = site = None
    built = False
    try:
        config = load_config(settings["config"], strict=True)
        _quick_search()
        _fields_read_as_json()
        if settings.get("cache"):
            _compiled_once(config.theme, Path(settings["cache"]).parent / "compiled-templates")
        config.plugins["opcc/sources"] = _sources_plugin()(Path(settings["tree"]))
        config.plugins["opcc/shared-nav"] = _shared_nav_plugin()()
        config.plugins["opcc/theme-strings"] = _theme_strings_plugin()()
        site = _site_folder_plugin()(Path(config.site_dir))
        config.plugins["opcc/site-folder"] = site
        if settings.get("cache"):
            salt = config.extra["page_cache_salt"]
            cache = _page_cache_plugin()(Path(settings["cache"]), salt, site)
            config.plugins["opcc/page-cache"] = cache
        build(config)
        # Beside the language's page cache, not in it: the page cache keeps only its own.
        known = cache.folder.parent / "welsh-search-forms.json" if cache is not None else None
        salt = config.extra.get("page_cache_salt", "")
        finish_language(config.theme["language"], Path(config.site_dir), known, salt)
        site.finish(config)
        built = True
    except MkDocsException as exc:
        logger.error(str(exc))
        return 1
    finally:
        if not built:
            if cache is not None:
                cache.discard()  # a page that warned must warn again next time
            if site is not None:
                site.forget()
    if cache is not None:
        with contextlib.suppress(OSError):  # an unwritable cache only costs time
            cache.save()
        print(f"INFO    -  Pages reused from the cache: {cache.reused}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
