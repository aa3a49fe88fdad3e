"""The caches that make checks and builds fast never change an answer: a check or build
with its cache gives exactly what it gives without one, and any change to what an entry
depends on (a file's bytes, the people list, the generator) sets it aside."""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import pickle
import re
import weakref
from collections import Counter
from pathlib import Path

import pytest

from generator.commands.check import run_check
from generator.content import examine
from generator.content.cache import FileCache
from generator.content.examine import FileOutcome
from generator.content.model import Written
from generator.project import Project
from generator.usercache import fresh_caches
from tests.conftest import copy_example, response_text, run, tree_digest, write

EN = "responses/PCC24-001.en.md"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def check(root: Path, *extra: str) -> tuple[int, str]:
    return run("check", "--root", str(root), *extra)


def test_check_with_its_cache_says_what_it_says_without(
    project: Path, own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / EN
    # Problems of several kinds: a phone number (redaction), a TODO (per-file rule).
    write(project, EN, path.read_text(encoding="utf-8") + "\nCall 07700 900123. TODO\n")
    first = check(project, "--format", "json")
    assert list((own_cache / "opcc-site" / "files").glob("*.pickle"))
    assert check(project, "--format", "json") == first
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))
    assert check(project, "--format", "json") == first
    assert first[0] == 1 and "P00" in first[1] and "W004" in first[1]


def test_a_changed_file_is_examined_again(project: Path, own_cache: Path) -> None:
    assert check(project)[0] == 0
    path = project / EN
    write(project, EN, path.read_text(encoding="utf-8") + "\nEmail jo@example.org\n")
    code, output = check(project)
    assert code == 1 and EN in output
    write(project, EN, path.read_text(encoding="utf-8").replace("\nEmail jo@example.org\n", ""))
    assert check(project)[0] == 0


def test_a_new_name_on_the_people_list_sets_the_cache_aside(project: Path, own_cache: Path) -> None:
    path = project / EN
    write(project, EN, path.read_text(encoding="utf-8") + "\nAsked by Gwenllian Prydderch.\n")
    assert check(project)[0] == 0  # nobody listed yet: nothing to find
    write(project, ".private/people.txt", "Gwenllian Prydderch\n")
    code, output = check(project)
    assert code == 1 and EN in output


def test_a_damaged_cache_only_costs_time(project: Path, own_cache: Path) -> None:
    first = check(project)
    for entry in (own_cache / "opcc-site" / "files").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert check(project) == first


@pytest.mark.parametrize("cached", [False, True])
def test_a_dropped_check_is_freed_without_the_cycle_collector(
    project: Path, own_cache: Path, cached: bool
) -> None:
    # The loader freezes what it loads out of the cycle collector's walks (loader.py),
    # which then frees nothing of it until the next load: a dropped site must be freed
    # at once, by reference counting, so nothing of it may sit in a reference cycle.
    def alive() -> Counter[str]:
        gc.unfreeze()  # get_objects lists no frozen object
        return Counter(
            type(o).__qualname__
            for o in gc.get_objects()
            if str(type(o).__module__).startswith(("generator.", "pydantic"))
        )

    run_check(Project(project))  # this process's own caches filled: detectors, blocks
    gc.unfreeze()
    gc.collect()
    before = alive()
    gc.disable()
    try:
        with contextlib.nullcontext() if cached else fresh_caches():
            result = run_check(Project(project))
        made = alive() - before
        assert made["Site"] and made["Written"] and made["Text"], made
        del result
        assert alive() - before == Counter(), "kept alive by a reference cycle"
    finally:
        gc.enable()


def test_garbage_frozen_with_a_site_is_freed_at_the_next_load(
    project: Path, own_cache: Path
) -> None:
    # A preview loads again and again in one process: what one load froze beside its site
    # (here a reference cycle nobody holds) must not stay frozen for good.
    class Junk:
        cycle: object

    gc.unfreeze()  # nothing frozen by an earlier test: the first load collects nothing
    gc.disable()
    try:
        junk = Junk()
        junk.cycle = junk
        gone = weakref.ref(junk)
        del junk
        run_check(Project(project))
        gc.collect()
        assert gone() is not None  # frozen with the site, out of the collector's reach
        run_check(Project(project))
        assert gone() is None
    finally:
        gc.enable()


def _built(root: Path, out: Path) -> dict[str, str]:
    """The example built on its own day into ``out``, every file's digest."""
    code, output = run("build", "--root", str(root), "--out", str(out), "--date", "2024-04-20")
    assert code == 0, output
    return tree_digest(out)


def test_a_build_from_kept_pages_is_the_build_from_none(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "project")
    build = functools.partial(_built, root)

    first = build(tmp_path / "one")
    assert list((own_cache / "opcc-site" / "pages").rglob("*.pickle"))
    assert build(tmp_path / "two") == first  # every page from the page cache

    # One response changed: its page, the register and the search index change, and
    # the whole site is what a build with no cache at all gives.
    changed = sorted((root / "responses").glob("*.en.md"))[0]
    text = changed.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    changed.write_text(text.replace(title, "title: A title changed for the cache test"), "utf-8")
    kept = build(tmp_path / "three")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    assert build(tmp_path / "four") == kept
    index = (tmp_path / "three" / "en" / "search" / "search_index.json").read_text("utf-8")
    assert "A title changed for the cache test" in index
    assert {k for k in kept if kept[k] != first.get(k)} >= {"en/register/index.html"}


def test_kept_pages_are_packed_read_back_whole_and_packed_again_once_mostly_unused(
    tmp_path: Path, own_cache: Path
) -> None:
    root = copy_example(tmp_path / "project")
    build = functools.partial(_built, root)

    def packs() -> list[Path]:
        return sorted(next((own_cache / "opcc-site" / "pages").glob("*/en")).glob("*.pack"))

    first = build(tmp_path / "one")
    [pack] = packs()  # every page of a build in one file
    assert {p.name for p in pack.parent.iterdir()} == {pack.name, "index.pickle"}

    # A pack damaged behind the build's back: the page it no longer holds as kept is
    # rendered again, never copied from it, and kept in a pack of its own.
    data = bytearray(pack.read_bytes())
    at = data.index(b"<main")
    data[at : at + 5] = b"<mian"
    pack.write_bytes(bytes(data))
    assert build(tmp_path / "two") == first
    assert len(packs()) == 2 and pack in packs()

    # Every page of the register changed: the first pack is mostly out of use, and what
    # it still holds is packed again into the new one. The cache holds the packs in use
    # and no other, each at least half in use.
    for path in sorted((root / "responses").glob("*.md")):
        new = "Fersiwn newydd o" if path.name.endswith(".cy.md") else "New version of"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ntitle: ", f"\ntitle: {new} ", 1), "utf-8")
    third = build(tmp_path / "three")
    assert pack not in packs()
    index = pickle.loads((pack.parent / "index.pickle").read_bytes())
    in_use = Counter[str]()
    for kept in index.values():
        in_use[kept["pack"]] += kept["size"]
    assert set(in_use) == {p.name for p in packs()}
    assert all(in_use[p.name] * 2 >= p.stat().st_size for p in packs())
    made = packs()
    assert build(tmp_path / "four") == third
    assert packs() == made  # every page from the packs made so: none rendered again

    # A pack removed behind the build's back: its pages are rendered again, and the
    # cache no longer names it.
    made[-1].unlink()
    assert build(tmp_path / "five") == third
    index = pickle.loads((pack.parent / "index.pickle").read_bytes())
    assert {kept["pack"] for kept in index.values()} == {p.name for p in packs()}


def test_the_built_site_scan_still_finds_what_a_template_adds(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    assert list((own_cache / "opcc-site" / "built-scan").glob("*.pickle"))
    # A person's phone number put into every page by the configuration, after a clean
    # build whose text the scan cache now knows.
    config = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    write(project, "mkdocs.yml", config + "\nsite_author: Ring 07700 900456\n")
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "site2"))
    assert code == 1 and "B003" in output


def test_no_cache_reads_and_changes_no_cache(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "a"))
    assert code == 0, output
    before = tree_digest(own_cache)
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "b"), "--no-cache")
    assert code == 0, output
    assert tree_digest(own_cache) == before
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert check(project, "--no-cache") == check(project)
    # Built again in full, with nothing changed: no "nothing has changed" shortcut.
    code, output = run("build", "--root", str(project), "--out", str(tmp_path / "b"), "--no-cache")
    assert "Built " in output


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = tmp_path / "reference"
    code, output = run("build", "--root", str(project), "--out", str(reference), "--no-cache")
    assert code == 0, output
    # The cache folder's place is taken by a file: nothing can be made under it.
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "opcc-site").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert check(project)[0] == 0
    for attempt in ("first", "second"):
        out = tmp_path / attempt
        code, output = run("build", "--root", str(project), "--out", str(out))
        assert code == 0, output
        assert tree_digest(out) == tree_digest(reference)


def test_a_build_into_the_spare_of_the_last_one_is_a_build_afresh(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    spare = tmp_path / ".site.spare"

    def build(*extra: str) -> None:
        code, output = run("build", "--root", str(project), "--out", str(out), *extra)
        assert code == 0, output

    for lang in ("en", "cy"):
        write(project, f"responses/PCC24-002.{lang}.md", response_text(lang, "PCC24-002"))
    build()
    assert (out / "en" / "register" / "pcc24-002" / "index.html").is_file()
    write(project, EN, (project / EN).read_text("utf-8").replace("Powys", "Ceredigion"))
    build()
    assert spare.is_dir()  # the first build's site, kept for the next one to write into

    # The third build writes into the first one's site: a response gone, an attachment
    # gone, and a page of that site changed behind the build's back (its time set back,
    # as a copy tool might), all must show in the site as in one built afresh.
    for lang in ("en", "cy"):
        (project / f"responses/PCC24-002.{lang}.md").unlink()
    for rel in ("content/briefing-pack/workforce.en.md", "content/briefing-pack/workforce.cy.md"):
        text = (project / rel).read_text("utf-8")
        write(project, rel, re.sub(r" \[[^]]+\]\(workforce\.csv\)", "", text))
    (project / "content/briefing-pack/workforce.csv").unlink()
    home = spare / "en" / "index.html"
    before = home.stat()
    home.write_bytes(home.read_bytes().replace(b"<body", b"<bodx", 1))
    os.utime(home, ns=(before.st_atime_ns, before.st_mtime_ns))
    # A link to a folder elsewhere, and a backup made by hard links, in that site.
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "notes.html", "<p>Call 07700 900123</p>")
    (spare / "en" / "notes").symlink_to(elsewhere, target_is_directory=True)
    backup = tmp_path / "backup.html"
    os.link(spare / "cy" / "index.html", backup)
    kept = backup.read_bytes()
    build()
    afresh = tmp_path / "afresh"
    code, output = run("build", "--root", str(project), "--out", str(afresh), "--no-cache")
    assert code == 0, output
    assert tree_digest(out) == tree_digest(afresh)
    assert not (out / "en" / "register" / "pcc24-002").exists()
    assert not list(out.rglob("workforce.csv"))
    assert not (out / "en" / "notes").exists() and (elsewhere / "notes.html").is_file()
    assert backup.read_bytes() == kept  # written anew in the site, not over the backup


def test_a_spare_that_is_a_link_elsewhere_is_never_written_into(
    project: Path, own_cache: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    elsewhere = tmp_path / "live"
    write(elsewhere, "index.html", "<p>the live site</p>")
    before = tree_digest(elsewhere)
    (tmp_path / ".site.spare").symlink_to(elsewhere, target_is_directory=True)
    code, output = run("build", "--root", str(project), "--out", str(out))
    assert code == 0, output
    assert tree_digest(elsewhere) == before
    assert (out / "en" / "index.html").is_file()


def _outcome(text: str) -> FileOutcome:
    return FileOutcome(None, Written("x.en.md", text, "en"), ())


def _batch(*texts: str) -> bytes:
    return pickle.dumps([_outcome(text) for text in texts], protocol=pickle.HIGHEST_PROTOCOL)


def _texts(cache: FileCache, wanted: dict[str, str]) -> dict[str, str | None]:
    got = {rel: cache.get(rel, digest) for rel, digest in wanted.items()}
    return {rel: o.written.text if o and o.written else None for rel, o in got.items()}


def test_the_file_cache_keeps_batches_and_packs_them_again_once_mostly_out_of_use(
    tmp_path: Path, own_cache: Path
) -> None:
    def sizes(cache: FileCache) -> list[int]:
        return sorted(len(pickle.loads(packed)) for packed in cache.batches.values())

    cache = FileCache.open(tmp_path, ["settings"])
    cache.put([("a", "1"), ("b", "1"), ("c", None), ("d", "1")], _batch("a1", "b1", "c1", "d1"))
    cache.save()

    cache = FileCache.open(tmp_path, ["settings"])
    assert _texts(cache, {"a": "1", "b": "1", "c": "1", "d": "1"}) == {
        "a": "a1",
        "b": "b1",
        "c": None,  # could not be read: never kept
        "d": "d1",
    }
    assert cache.get("a", "2") is None  # a changed file's old outcome is not given
    cache.put([("b", "2")], _batch("b2"))  # b changed: a and d of the four still in use
    cache.save()
    assert sizes(cache) == [1, 4]  # half in use: kept whole

    cache = FileCache.open(tmp_path, ["settings"])
    assert _texts(cache, {"a": "1", "b": "2", "d": "1"}) == {"a": "a1", "b": "b2", "d": "d1"}
    cache.keep_only(["a", "b"])  # d is gone: a alone of four
    cache.save()
    assert sizes(cache) == [1, 1]  # packed again on its own

    cache = FileCache.open(tmp_path, ["settings"])
    assert _texts(cache, {"a": "1", "b": "2"}) == {"a": "a1", "b": "b2"}
    cache.keep_only(["b"])
    cache.save()  # a's batch dropped with it
    assert sizes(cache) == [1]
    assert _texts(FileCache.open(tmp_path, ["settings"]), {"b": "2"}) == {"b": "b2"}
    assert FileCache.open(tmp_path, ["other settings"]).get("b", "2") is None


def test_a_damaged_batch_costs_only_its_own_files(tmp_path: Path, own_cache: Path) -> None:
    cache = FileCache.open(tmp_path, ["settings"])
    cache.put([("a", "1"), ("b", "1")], _batch("a1", "b1"))
    cache.put([("c", "1")], b"not a pickle")
    cache.put([("d", "1")], pickle.dumps("not a list of outcomes"))
    assert _texts(cache, {"a": "1", "b": "1", "c": "1", "d": "1"}) == {
        "a": "a1",
        "b": "b1",
        "c": None,
        "d": None,
    }
    # A batch that reads as a list shorter than its places, one of which belongs to a
    # file not looked up this time (it could not be read): forgotten, never an error.
    cache.put([("e", "1"), ("f", "1")], _batch("e1", "f1"))
    cache.batches[max(cache.batches)] = _batch("e1")
    assert _texts(cache, {"e": "1"}) == {"e": "e1"}
    cache.save()
    assert "f" not in cache.entries and "c" not in cache.entries and "e" in cache.entries


def test_a_check_on_every_core_says_what_one_here_says(
    tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enough files for worker processes and many batches: from the cache, after a
    change, and without the cache, a check says what one in this process alone says."""
    from bench.synthetic import make_register

    root = make_register(tmp_path / "register", 120)
    assert len(list(root.rglob("*.md"))) >= examine.PARALLEL_FROM
    first = check(root, "--format", "json")
    (kept,) = (own_cache / "opcc-site" / "files").glob("*.pickle")
    assert len(pickle.loads(kept.read_bytes())["batches"]) > 8  # made by the workers
    assert check(root, "--format", "json") == first
    changed = root / "responses" / "PCC24-00007.en.md"
    changed.write_text(changed.read_text("utf-8") + "\nEmail jo@example.org\n", "utf-8")
    second = check(root, "--format", "json")
    assert second != first and "PCC24-00007.en.md" in second[1]
    monkeypatch.setattr(examine, "PARALLEL_FROM", 10**9)
    assert check(root, "--format", "json", "--no-cache") == second
    changed.write_text(changed.read_text("utf-8").replace("\nEmail jo@example.org\n", ""), "utf-8")
    assert check(root, "--format", "json", "--no-cache") == first


def test_welsh_search_forms_kept_by_the_last_build_are_those_made_afresh(
    tmp_path: Path,
) -> None:
    from generator.build import search_index

    docs = {
        "docs": [
            {"location": "a/", "title": "Swyddfa yng Nghaerfyrddin", "text": "<p>ym Mhowys</p>"},
            {"location": "b/", "title": "Cwestiwn", "text": "<p>gyda phlismyn a'i gar</p>"},
        ]
    }
    raw = json.dumps(docs, ensure_ascii=False)
    afresh, index, known = tmp_path / "afresh.json", tmp_path / "index.json", tmp_path / "k.json"
    afresh.write_text(raw, "utf-8")
    search_index.expand(afresh)
    assert "caerfyrddin" in afresh.read_text("utf-8")
    for _ in range(2):  # forms made and kept, then taken from what was kept
        index.write_text(raw, "utf-8")
        search_index.expand(index, known, "one")
        assert index.read_text("utf-8") == afresh.read_text("utf-8")
    # What was kept is used as it is, unless other code made it.
    kept = json.loads(known.read_text("utf-8"))
    kept["forms"] = dict.fromkeys(kept["forms"], "ffug")
    known.write_text(json.dumps(kept), "utf-8")
    index.write_text(raw, "utf-8")
    search_index.expand(index, known, "one")
    assert "ffug" in index.read_text("utf-8")
    index.write_text(raw, "utf-8")
    search_index.expand(index, known, "two")
    assert index.read_text("utf-8") == afresh.read_text("utf-8")
