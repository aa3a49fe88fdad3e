"""Private for every visitor: the built site asks no host but its own for anything, runs
under a strict Content-Security-Policy, and holds nothing but its pages and attachments."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import material
from bs4 import BeautifulSoup

from generator.render.security import (
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_HEADER,
    SECURITY_HEADERS,
)
from tests.browser import ARTEFACTS, chromium
from tests.conftest import REPO, document_text, make_project, run, write
from tests.test_accessibility import LANGS, PAGE_TYPES, site_pages

THEME_ASSETS = Path(material.__file__).parent / "templates" / "assets"
OUR_ASSETS = REPO / "site_templates" / "overrides" / "assets"


def test_pages_ask_no_other_host_for_anything(site_in_period: Path) -> None:
    """Each page type in both languages, and the bilingual root, loaded in Chromium with
    the site published under its own path until the network is idle: every request goes
    to the site's own host and succeeds. The example's site_url is a production address,
    so an absolute link the theme followed would show here as a request to another host.
    The requests per page type are saved in the artefacts folder."""
    per_type: dict[str, list[str]] = {}
    problems: list[str] = []
    seen: dict[str, list] = {"requests": [], "failed": [], "errors": []}
    addresses = {"root": "", "root page not found": "404.html"}
    for kind, address in PAGE_TYPES.items():
        for lang in LANGS:
            addresses[f"{lang} {kind}"] = f"{lang}/{address}"
    with chromium(site_in_period, published=True) as (browser, base):
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
        page = browser.new_page()
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("requestfailed", lambda r: seen["failed"].append(r.url))
        page.on("response", lambda r: r.status >= 400 and seen["errors"].append(r.url))
        for kind, address in addresses.items():
            for found in seen.values():
                found.clear()
            page.goto(f"{base}/{address}", wait_until="networkidle")
            problems += [
                f"{address}: asked another host for {url}"
                for url in seen["requests"]
                if not url.startswith(origin)
            ]
            problems += [f"{address}: {url} failed" for url in seen["failed"]]
            problems += [
                f"{address}: {url} answered with an error"
                for url in seen["errors"]
                if not url.endswith("/404.html")
            ]
            per_type[kind] = [url.removeprefix(base) for url in seen["requests"]]
    assert not problems, "\n".join(problems)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "requests-per-page-type.json").write_text(
        json.dumps(per_type, indent=2), encoding="utf-8"
    )


def test_nothing_in_the_output_points_at_another_host_to_load(site: Path) -> None:
    """What a page loads (scripts, styles, images, frames, fonts) is the site's own, in
    every page and every stylesheet, including states no test opens."""
    loaders = "script[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preconnect], img, iframe, source, video, audio, object, embed"
    for path in site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.select(loaders):
            address = element.get("src") or element.get("href") or element.get("data") or ""
            assert not re.match(r"^(https?:)?//", address), (path, str(element)[:120])
    for path in site.rglob("*.css"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), path


def test_no_inline_scripts_handlers_or_styles(site: Path) -> None:
    """A strict Content-Security-Policy refuses inline scripts, event handler attributes
    and style attributes; none is in any page, and every page carries the policy."""
    for path in site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script"):
            # A JSON data block is read by the theme's script, never run.
            assert script.get("src") or script.get("type") == "application/json", (path, script)
        for element in page.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (path, str(element)[:120])
            assert "style" not in element.attrs, (path, str(element)[:120])
        assert not page.find("style"), path
        meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta and meta["content"] == CONTENT_SECURITY_POLICY, path


_LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def test_the_site_works_under_the_documented_policy_header(site_in_period: Path) -> None:
    """The header the web team is told to send (docs/web-team.md): every page type loads
    with no violation, search and the register's filters work, and the policy is really
    in force, for an inline script injected into the page is refused."""
    guide = (REPO / "docs" / "web-team.md").read_text(encoding="utf-8")
    written = re.findall(r"default-src[^`\"\n]*", guide)
    assert len(written) >= 4  # the table, Apache, nginx and IIS
    assert set(written) == {CONTENT_SECURITY_POLICY_HEADER}
    for name, value in SECURITY_HEADERS.items():
        assert f"| `{name}` | `{value}` |" in guide
    headers = SECURITY_HEADERS
    with chromium(site_in_period, headers=headers, published=True) as (browser, base):
        context = browser.new_context()
        context.add_init_script(_LISTEN)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: m.type == "error" and console.append(m.text))
        page.on("pageerror", lambda e: console.append(str(e)))
        # The bilingual root and its not-found page, and every page type in each language
        # (their not-found pages among them).
        everywhere = ["", "404.html"] + [
            f"{lang}/{address}" for lang in LANGS for address in PAGE_TYPES.values()
        ]
        for address in everywhere:
            response = page.goto(f"{base}/{address}", wait_until="networkidle")
            assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY_HEADER
            assert page.evaluate("window.__violations") == [], address
        # Search: the worker, the index and the results.
        page.goto(f"{base}/cy/register/", wait_until="networkidle")
        page.click(".md-search__input")
        page.keyboard.type("cyllideb")
        page.wait_for_selector(".md-search-result__item")
        # The register's filters.
        page.select_option("#opcc-filter-topic", index=1)
        assert re.match(r"Yn dangos \d+ o \d+ ymateb", page.inner_text(".opcc-filter__status"))
        assert page.evaluate("window.__violations") == []
        assert console == []
        # The policy is in force: an inline script is refused and reported.
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__ran = true'; document.body.append(s); }"
        )
        assert page.evaluate("window.__ran") is None
        assert any("script-src" in v for v in page.evaluate("window.__violations"))


def test_the_policy_in_each_page_holds_without_the_header(site_in_period: Path) -> None:
    """Where the web server sends no header, the policy in the page still refuses an
    inline script."""
    with chromium(site_in_period, published=True) as (browser, base):
        context = browser.new_context()
        context.add_init_script(_LISTEN)
        page = context.new_page()
        page.goto(f"{base}/en/register/pcc24-001/", wait_until="networkidle")
        assert page.evaluate("window.__violations") == []
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__ran = true'; document.body.append(s); }"
        )
        assert page.evaluate("window.__ran") is None


# What the output holds ---------------------------------------------------------------

# Files the generator writes besides pages and attachments, per language folder.
GENERATED = {
    "404.html",
    "feed.xml",
    "register.csv",
    "register.json",
    "register.schema.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "search/search_index.json",
}
ROOT_FILES = {"index.html", "404.html", "root.css", "sitemap.xml"}


def unexpected_files(site: Path, attachments: set[str]) -> list[str]:
    """Every file in the output that is not a page, an attachment, a generated file or
    one of the theme's own assets."""
    theme = {p.relative_to(THEME_ASSETS).as_posix() for p in THEME_ASSETS.rglob("*")}
    ours = {p.relative_to(OUR_ASSETS).as_posix() for p in OUR_ASSETS.rglob("*")}
    found = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            found.append(f"{rel} (a dot-file)")
            continue
        if path.is_dir():
            continue
        if "/" not in rel:
            if rel not in ROOT_FILES:
                found.append(rel)
            continue
        lang, inner = rel.split("/", 1)
        if lang not in LANGS:
            found.append(rel)
        elif inner.startswith("assets/"):
            asset = inner.removeprefix("assets/")
            if asset not in theme | ours or asset.endswith(".map"):
                found.append(rel)
        elif not (
            inner in GENERATED
            or inner == "index.html"
            or inner.endswith("/index.html")
            or inner in attachments
        ):
            found.append(rel)
    return found


def test_the_example_output_holds_only_pages_attachments_and_theme_files(site: Path) -> None:
    attachments = {"briefing-pack/budget-2024-25.csv"}
    assert unexpected_files(site, attachments) == []
    # Every page is one the sitemap lists, in each language: no stray pages either.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = {urlsplit(url).path for url in re.findall(r'href="([^"]+)"', sitemap)}
    base_path = urlsplit(re.search(r"<loc>([^<]+)</loc>", sitemap).group(1)).path
    base_path = base_path[: base_path.index("/en/") + 1]
    for address in site_pages(site):
        if address.endswith(".html") or address == "":
            continue  # the 404 pages and the bilingual root
        assert base_path + address in listed, address


def test_drafts_attachments_unlinked_files_and_dot_files_stay_out(tmp_path: Path) -> None:
    """An original left beside its redacted copy, the attachment of a draft, editor and
    system files, the people list: none reaches the output, and check says why the two
    attachments were left out."""
    root = make_project(tmp_path / "project")
    write(root, "content/briefing-pack/workforce-original.csv", "county,officers\nPowys,240\n")
    write(root, "content/briefing-pack/estates.csv", "site,built\nHQ,1974\n")
    for lang, title in (("en", "Estates"), ("cy", "Ystadau")):
        write(
            root,
            f"content/briefing-pack/estates.{lang}.md",
            document_text(title, "Built in 1974. [Sites](estates.csv)", "briefing").replace(
                "status: ready", "status: draft"
            ),
        )
    write(root, "content/.DS_Store", "Bud1")
    write(root, "content/briefing-pack/.~lock.workforce.csv#", "someone,host")
    write(root, ".private/people.txt", "Bethan Morgan\n")
    out = tmp_path / "site"
    code, output = run("build", "--root", str(root), "--out", str(out))
    assert code == 0, output
    warned = [line for line in output.splitlines() if "L004" in line]
    assert any("content/briefing-pack/workforce-original.csv" in line for line in warned)
    assert any("content/briefing-pack/estates.csv" in line for line in warned)
    assert unexpected_files(out, {"briefing-pack/workforce.csv"}) == []
    for lang in LANGS:
        assert (out / lang / "briefing-pack" / "workforce.csv").is_file()
        assert not (out / lang / "briefing-pack" / "workforce-original.csv").exists()
        assert not (out / lang / "briefing-pack" / "estates.csv").exists()
    published = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Bethan Morgan" not in published
