"""WCAG 2.2 AA on the built example, in Debian's Chromium: axe-core on every page in both
languages, in the states a reader puts pages in, keyboard use, and reflow on a 320 px
screen and at 200% zoom, with screenshots left in the artefacts folder."""

from __future__ import annotations

import contextlib
import functools
import re
from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import ARTEFACTS, chromium

# axe-core's rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# One page of each kind, by its address under a language folder.
PAGE_TYPES = {
    "home": "",
    "register": "register/",
    "response": "register/pcc24-001/",
    "briefing document": "briefing-pack/budget/",
    "briefing session note": "briefing-sessions/2024-04-09-candidate-briefing/",
    "meeting note": "meetings/2024-04-15-chief-constable/",
    "timetable": "timetable/",
    "statistics": "register/statistics/",
    "accessibility statement": "accessibility/",
    "section": "briefing-pack/",
    "page not found": "404.html",
}
LANGS = ["en", "cy"]


@functools.cache
def _axe_script() -> str:
    """axe-core itself, as shipped inside the axe-playwright-python wheel from PyPI."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


# axe keeps this WCAG 2.5.3 (level A) rule "experimental", so off unless asked for: a
# control whose spoken name does not contain its visible words.
EXPERIMENTAL = ["label-content-name-mismatch"]


def run_axe(page, script: str) -> dict:  # type: ignore[no-untyped-def]
    page.evaluate(script)
    return page.evaluate(
        """([tags, extra]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(extra.map(id => [id, {enabled: true}])),
        })""",
        [WCAG_AA, EXPERIMENTAL],
    )


def describe(results: dict, where: str) -> list[str]:
    """One line per failing element: the rule, the page and the element."""
    return [
        f"{where}: {rule['id']} ({rule['impact']}) {rule['help']}; "
        f"element {' '.join(map(str, node['target']))}: {node['html'][:200]}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as an address relative to its root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        address = path.relative_to(site).as_posix()
        pages.append(address.removesuffix("index.html"))
    return pages


def test_every_page_type_is_in_the_example(site_in_period: Path) -> None:
    for lang in LANGS:
        for kind, address in PAGE_TYPES.items():
            target = site_in_period / lang / address
            assert (target if address.endswith(".html") else target / "index.html").is_file(), kind


def test_axe_reports_a_violation_it_is_shown() -> None:
    """The harness can fail: a page with an unlabelled image and a form field without a
    label is reported, rule by rule."""
    broken = Path(__file__).parent / "data" / "inaccessible.html"
    with chromium(broken.parent) as (browser, base):
        page = browser.new_page()
        page.goto(f"{base}/{broken.name}")
        results = run_axe(page, _axe_script())
    found = {rule["id"] for rule in results["violations"]}
    assert {"image-alt", "label", "html-has-lang"} <= found
    assert any("image-alt" in line and "<img" in line for line in describe(results, "x"))


def test_every_page_has_no_wcag_aa_violations(site_in_period: Path) -> None:
    """axe-core at WCAG 2.2 A and AA on every page of both languages and the bilingual
    root, at a desktop width."""
    script = _axe_script()
    problems: list[str] = []
    pages = site_pages(site_in_period)
    assert len(pages) > 50
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for address in pages:
            page.goto(f"{base}/{address}", wait_until="load")
            results = run_axe(page, script)
            # axe really ran its rules on this page, not an empty document.
            assert len(results["passes"]) + len(results["violations"]) > 10, address
            problems += describe(results, address)
    assert not problems, "\n".join(problems)


def _open_search(page, narrow: bool) -> None:  # type: ignore[no-untyped-def]
    if narrow:
        page.click(".md-header label[for=__search]")
    else:
        page.click(".md-search__input")
    page.keyboard.type("cyllideb" if "/cy/" in page.url else "budget")
    page.wait_for_selector(".md-search-result__item")


def _open_menu(page, narrow: bool) -> None:  # type: ignore[no-untyped-def]
    if narrow:  # at desktop width the menu is always open beside the page
        page.focus(".md-header label[for=__drawer]")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('__drawer').checked")


def _filter_register(page, narrow: bool) -> None:  # type: ignore[no-untyped-def]
    page.select_option("#opcc-filter-topic", index=2)
    page.wait_for_selector(".opcc-filter__status:not(:empty)")


def _settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the theme's fades and slides have finished: axe measures colours as
    drawn, and text half faded in fails the contrast rule."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


STATES = {"search results": _open_search, "menu": _open_menu, "filtered": _filter_register}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [320, 1280])
def test_pages_have_no_violations_in_the_states_readers_put_them_in(
    site_in_period: Path, lang: str, width: int
) -> None:
    script = _axe_script()
    problems: list[str] = []
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page(viewport={"width": width, "height": 800})
        # At desktop width every page has been checked already, above.
        for address in PAGE_TYPES.values() if width < 700 else ():
            page.goto(f"{base}/{lang}/{address}", wait_until="load")
            problems += describe(run_axe(page, script), f"{width}px {lang}/{address}")
        for state, act in STATES.items():
            page.goto(f"{base}/{lang}/register/", wait_until="load")
            act(page, width < 700)
            _settle(page)
            problems += describe(run_axe(page, script), f"{width}px {lang}/register/ ({state})")
    assert not problems, "\n".join(problems)


# Keyboard use ------------------------------------------------------------------------

# The focused element: its focus ring, and whether it can be seen: inside the window,
# not hidden, and not under the theme's header, which stays at the top as the page
# scrolls (WCAG 2.4.11).
_FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const inHeader = !!element.closest('.md-header');
  return {
    tag: element.tagName, text: (element.textContent || element.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth && style.visibility !== 'hidden',
    // Enough of it shows below the header, or above it (before the header has stuck).
    uncovered: inHeader
      || box.bottom - Math.max(box.top, header.bottom) >= Math.min(box.height, 16)
      || Math.min(box.bottom, header.top) - box.top >= Math.min(box.height, 16),
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_key_press_offers_a_skip_link_to_the_content(
    site_in_period: Path, lang: str
) -> None:
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page()
        for address in PAGE_TYPES.values():
            if address.endswith(".html"):
                continue
            page.goto(f"{base}/{lang}/{address}")
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUS_STYLE)
            assert "md-skip" in page.evaluate("document.activeElement.className"), address
            assert focused["onScreen"] and focused["outline"], (address, focused)
            target = page.evaluate("document.activeElement.hash")
            page.keyboard.press("Enter")
            heading = page.evaluate(f"document.querySelector('{target}')?.closest('article')")
            assert heading is not None, (address, target)
            assert page.evaluate("location.hash") == target


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_reached_by_tab_shows_where_the_focus_is(
    site_in_period: Path, lang: str
) -> None:
    """Forwards from the top and backwards from the footer (where the sticky header
    could cover what is focused), on a phone and a desktop: every tab stop is on
    screen, uncovered, and ringed."""
    with chromium(site_in_period, published=True) as (browser, base):
        for width, height in ((320, 640), (1280, 500)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for key, start in (("Tab", None), ("Shift+Tab", ".opcc-footer a")):
                page.goto(f"{base}/{lang}/register/")
                if start:
                    page.focus(start)
                seen = 0
                for _ in range(40):
                    page.keyboard.press(key)
                    _settle(page)  # the scroll to the focus, and the search closing
                    with contextlib.suppress(PlaywrightTimeout):  # the assertion says why
                        page.wait_for_function(f"() => ({_FOCUS_STYLE})().onScreen", timeout=1500)
                    focused = page.evaluate(_FOCUS_STYLE)
                    if focused["tag"] == "BODY":
                        break
                    seen += 1
                    assert focused["outline"] and focused["shadow"], (width, key, focused)
                    assert focused["onScreen"] and focused["uncovered"], (width, key, focused)
                assert seen >= 20
            page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_on_a_phone_opens_and_closes_from_the_keyboard(
    site_in_period: Path, lang: str
) -> None:
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page(viewport={"width": 320, "height": 640})
        page.goto(f"{base}/{lang}/register/")
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.htmlFor") == "__drawer":
                break
        else:
            pytest.fail("the menu button is not among the first five tab stops")
        button = page.locator(".md-header label[for=__drawer]")
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-label") == {"en": "Menu", "cy": "Dewislen"}[lang]
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        assert button.get_attribute("aria-expanded") == "true"
        page.wait_for_function("() => !!document.activeElement.closest('.md-sidebar--primary')")
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.htmlFor") == "__drawer"
        page.keyboard.press(" ")  # Space presses it too, as any button
        page.wait_for_function("() => document.getElementById('__drawer').checked")


@pytest.mark.parametrize(("lang", "other"), [("en", "cy"), ("cy", "en")])
def test_the_language_switch_works_from_the_keyboard(
    site_in_period: Path, lang: str, other: str
) -> None:
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page()
        page.goto(f"{base}/{lang}/register/pcc24-001/")
        for _ in range(5):
            page.keyboard.press("Tab")
            if "opcc-langbar__link" in page.evaluate("document.activeElement.className"):
                break
        else:
            pytest.fail("the language switch is not among the first five tab stops")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/{other}/register/pcc24-001/")
        assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize(
    ("lang", "status"),
    [("en", r"Showing (\d+) of (\d+) responses"), ("cy", r"Yn dangos (\d+) o (\d+) ymateb")],
)
def test_the_register_filters_work_from_the_keyboard(
    site_in_period: Path, lang: str, status: str
) -> None:
    with chromium(site_in_period, published=True) as (browser, base):
        page = browser.new_page()
        page.goto(f"{base}/{lang}/register/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "opcc-filter-topic":
                break
        else:
            pytest.fail("the topic filter cannot be reached with the Tab key")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        shown, total = map(int, re.search(status, page.inner_text(".opcc-filter__status")).groups())
        assert 0 < shown < total
        visible = page.eval_on_selector_all(
            "table.opcc-register tbody tr", "rows => rows.filter(r => !r.hidden).length"
        )
        assert visible == shown
        # Reset, from the keyboard too.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.type") == "reset":
                break
        else:
            pytest.fail("the reset button cannot be reached with the Tab key")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => [...document.querySelectorAll('table.opcc-register tbody tr')]"
            ".every(r => !r.hidden)"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_tables_have_captions_and_header_cells_and_charts_have_text(
    site_in_period: Path, lang: str
) -> None:
    for address in ("register/", "timetable/", "register/statistics/"):
        html = (site_in_period / lang / address / "index.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        tables = page.select("article table")
        assert tables, address
        for table in tables:
            assert table.caption and table.caption.get_text(strip=True), address
            assert table.select("thead th[scope=col]"), address
            for row in table.select("tbody tr"):
                assert row.select_one("th[scope=row]"), address
            # Wide tables scroll inside a region the keyboard can reach and that is named.
            region = table.find_parent(class_="opcc-table-scroll")
            assert region and region["tabindex"] == "0" and region.get("aria-label"), address
        for figure in page.select("figure.opcc-chart"):
            assert figure["role"] == "img"
            label = page.select_one(f"#{figure['aria-labelledby']}")
            assert label and len(label.get_text(strip=True)) > 20


# Reflow ------------------------------------------------------------------------------

# A 320 px wide phone, and a 1280 x 800 desktop window zoomed to 200%, which lays pages
# out in 640 x 400 CSS pixels drawn at twice the density.
SCREENS = {
    "320px": ({"width": 320, "height": 640}, 1),
    "zoom200": ({"width": 640, "height": 400}, 2),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_pages_reflow_without_sideways_scrolling(site_in_period: Path, screen: str) -> None:
    viewport, scale = SCREENS[screen]
    folder = ARTEFACTS / "screenshots" / screen
    folder.mkdir(parents=True, exist_ok=True)
    overflowing: list[str] = []
    with chromium(site_in_period, published=True) as (browser, base):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        for lang in LANGS:
            for kind, address in PAGE_TYPES.items():
                page.goto(f"{base}/{lang}/{address}", wait_until="load")
                width, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if width > client:
                    wide = page.evaluate(
                        """w => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > w + 1)
                        .filter(e => !e.closest('.opcc-table-scroll, .md-typeset__scrollwrap'))
                        .slice(0, 3).map(e => e.outerHTML.slice(0, 120))""",
                        client,
                    )
                    overflowing.append(f"{lang}/{address} is {width}px wide: {wide}")
                shot = folder / f"{lang}-{kind.replace(' ', '-')}.png"
                page.screenshot(path=str(shot), full_page=True)
                with shot.open("rb") as handle:
                    handle.seek(16)
                    drawn = int.from_bytes(handle.read(4), "big")  # the PNG's width
                assert drawn == viewport["width"] * scale, shot
    assert not overflowing, "\n".join(overflowing)


# The accessibility statement ---------------------------------------------------------

# The sections of the GOV.UK model accessibility statement, in each language.
STATEMENT_SECTIONS = {
    "en": [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ],
    "cy": [
        "Pa mor hygyrch yw'r wefan hon",
        "Adborth a gwybodaeth gyswllt",
        "Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon",
        "Y weithdrefn orfodi",
        "Gwybodaeth dechnegol am hygyrchedd y wefan hon",
        "Statws cydymffurfio",
        "Cynnwys nad yw'n hygyrch",
        "Yr hyn rydym yn ei wneud i wella hygyrchedd",
        "Paratoi'r datganiad hygyrchedd hwn",
    ],
}
PREPARED = {
    "en": r"This statement was prepared on \d{1,2} \w+ \d{4}",
    "cy": r"Paratowyd y datganiad hwn ar \d{1,2} \w+ \d{4}",
}
COMPLIANCE = {"en": "Web Content Accessibility Guidelines version 2.2", "cy": "fersiwn 2.2"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessibility_statement_follows_the_gov_uk_model(site: Path, lang: str) -> None:
    html = (site / lang / "accessibility" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser").select_one("article")
    headings = [h.get_text(strip=True) for h in page.select("h2, h3")]
    order = [headings.index(section) for section in STATEMENT_SECTIONS[lang]]
    assert order == sorted(order)
    text = page.get_text(" ", strip=True)
    assert re.search(PREPARED[lang], text)
    assert COMPLIANCE[lang] in text
    # How to report a problem: an address to write to, and the enforcement body.
    assert page.select_one("a[href^='mailto:']")
    assert page.select_one("a[href='https://www.equalityadvisoryservice.com/']")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_the_statement_in_its_footer(site: Path, lang: str) -> None:
    statement = (site / lang / "accessibility" / "index.html").resolve()
    for path in (site / lang).rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        link = page.select_one("footer .opcc-footer a")
        assert link is not None, path
        href = link["href"]
        target = (path.parent / href).resolve() if not href.startswith("/") else None
        assert target is not None and (target / "index.html") == statement, (path, href)
