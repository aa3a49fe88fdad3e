"""Rendering: the loaded Site → one MkDocs source tree per language, plus the root pages.

Everything here is a function of its inputs; nothing is written to disk (build.py
writes). Drafts are dropped here, and only here.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from pathlib import Path
from statistics import median
from typing import Any, get_args

from markupsafe import Markup

from generator.content.addresses import (
    SECTION_INDEX,
    attachment_address,
    document_address,
    response_address,
    url_of,
)
from generator.content.history import Dates
from generator.content.links import resolve
from generator.content.model import (
    LANGS,
    Document,
    Lang,
    Outcome,
    Requester,
    Response,
    Site,
    Text,
)
from generator.i18n import Translator
from generator.parallel import fork_map
from generator.render import feed, open_data, sitemap
from generator.render.env import make_env
from generator.render.links import md_link, twin_url, url
from generator.render.memo import RenderMemo
from generator.render.security import CONTENT_SECURITY_POLICY
from generator.usercache import code_digest
from generator.util import unescape

SECTION_NAV = {"briefing": "nav.briefing", "session": "nav.sessions", "meeting": "nav.meetings"}
HOME = "index.md"
ACCESSIBILITY = "accessibility.md"


@dataclass
class LanguageTree:
    """What MkDocs needs to build one language: Markdown pages, files and a nav."""

    lang: Lang
    site_name: str
    site_description: str
    pages: dict[str, str] = field(default_factory=dict)  # address → Markdown text
    files: dict[str, Path] = field(default_factory=dict)  # address → source file
    data: dict[str, str] = field(default_factory=dict)  # address → generated file's text
    nav: list[Any] = field(default_factory=list)
    strings: dict[str, str] = field(default_factory=dict)  # for the theme overrides
    sources: dict[str, str] = field(default_factory=dict)  # address → source it came from
    fragments: dict[str, str] = field(default_factory=dict)  # digest → HTML (see fragment)
    fragment_text: dict[str, str] = field(default_factory=dict)  # digest → text to search


@dataclass
class RenderedSite:
    trees: dict[Lang, LanguageTree]
    root_files: dict[str, str]  # file name at the site root → text


def render(
    site: Site,
    root: Path,
    templates_dir: Path,
    site_url: str | None,
    today: date,
    dates: dict[str, Dates] | None = None,
) -> RenderedSite:
    """``today`` is the build date: it decides the pre-election banner and which dates of
    the timetable are past (set it to preview the site as on another day)."""
    assert site.election is not None, "render() is only called on a site that passed check"
    env = make_env(templates_dir)
    year = site.election.polling_day.year
    responses = sorted(
        site.published_responses(), key=lambda r: (r.received, r.reference), reverse=True
    )
    documents = site.published_documents()
    # Where every published source goes, so links in bodies can be rewritten.
    addresses: dict[str, str] = {}
    for response in responses:
        for text in response.texts.values():
            addresses[text.source] = response_address(response.reference)
    for document in documents:
        for text in document.texts.values():
            addresses[text.source] = document_address(document.id)
    attachments = site.published_attachments()
    for attachment in attachments:
        addresses[attachment.source] = attachment_address(attachment.source)

    election = site.election
    salt = _salt(templates_dir, site_url, today, election)

    def language(lang: Lang) -> LanguageTree:
        t = Translator(lang)
        area = election.police_area[lang]
        tree = LanguageTree(
            lang=lang,
            site_name=t("site.title", area=area, year=year),
            site_description=t("site.description", area=area, year=year),
        )
        memo = RenderMemo.open(root, lang, salt + lang.encode())
        renderer = _LanguageRenderer(
            site, env, t, lang, tree, addresses, site_url, today, dates or {}, memo
        )
        renderer.render_all(responses, documents)
        memo.save()
        for attachment in attachments:
            if lang in attachment.langs:
                tree.files[attachment_address(attachment.source)] = root / attachment.source
        return tree

    # Each language on a core of its own, where a large register makes it worth a fork.
    at_least = 2 if len(responses) >= 200 else len(LANGS) + 1
    trees = dict(zip(LANGS, fork_map(language, [(lang,) for lang in LANGS], at_least), strict=True))

    en, cy = Translator("en"), Translator("cy")
    base = site_url or ""
    context = {
        "en": en,
        "cy": cy,
        "area": site.election.police_area,
        "year": year,
        "csp": CONTENT_SECURITY_POLICY,
    }
    root_files = {
        "index.html": env.get_template("root/index.html.j2").render(base=base, **context),
        "404.html": env.get_template("root/404.html.j2").render(
            base_path=_path_of(site_url), **context
        ),
        "root.css": (templates_dir / "root" / "root.css").read_text(encoding="utf-8"),
    }
    if site_url:
        english = trees["en"]
        lastmod = {
            url_of(address): (dates or {})[source].last
            for address, source in english.sources.items()
            if source in (dates or {})
        }
        urls = [url_of(address) for address in english.pages]
        root_files["sitemap.xml"] = sitemap.sitemap_xml(site_url, urls, LANGS, lastmod)
    return RenderedSite(trees=trees, root_files=root_files)


def _salt(templates_dir: Path, site_url: str | None, today: date, election: Any) -> bytes:
    """What every page of a language depends on besides the values handed to it (see
    memo.py): the templates, the generator's code and strings, the site's address, the
    build day and the election."""
    digest = hashlib.sha256(f"{code_digest()}\0{site_url}\0{today}\0".encode())
    digest.update(pickle.dumps(election, protocol=5))
    for path in sorted(templates_dir.rglob("*")):
        if path.is_file():
            try:
                data = path.read_bytes()
            except OSError:  # unreadable: the memo is only ever a shortcut, so never used
                data = os.urandom(32)
            digest.update(f"{path.relative_to(templates_dir)}\0".encode() + data)
    return digest.digest()


def _path_of(site_url: str | None) -> str:
    """The 404 page is served at any depth, so it links from the site's own path."""
    if not site_url:
        return "/"
    without_scheme = site_url.split("://", 1)[-1]
    path = "/" + without_scheme.partition("/")[2]
    return path if path.endswith("/") else path + "/"


class _LanguageRenderer:
    def __init__(
        self,
        site: Site,
        env: Any,
        t: Translator,
        lang: Lang,
        tree: LanguageTree,
        addresses: dict[str, str],
        site_url: str | None,
        today: date,
        dates: dict[str, Dates],
        memo: RenderMemo,
    ) -> None:
        self.site, self.env, self.t, self.lang, self.tree = site, env, t, lang, tree
        self.memo = memo
        self.today = today
        self.dates = dates
        self.other: Lang = "cy" if lang == "en" else "en"
        self.addresses = addresses
        self.site_url = site_url
        assert site.election is not None
        self.election = site.election
        self.published = {d.id: d for d in site.published_documents()}
        # Each briefing document lists the responses that point to it (render_all).
        self.asked_about: dict[str, list[Response]] = {}

    # -- pages -----------------------------------------------------------------------

    def render_all(self, responses: list[Response], documents: list[Document]) -> None:
        sections: dict[str, list[Document]] = {kind: [] for kind in SECTION_INDEX}
        pages: list[Document] = []
        home: Document | None = None
        for document in documents:
            if document.id == "index":
                home = document
            elif document.type == "page":
                pages.append(document)
            else:
                sections[document.type].append(document)
        for items in sections.values():
            items.sort(key=_order_key)
        pages.sort(key=_order_key)

        self._home(home, sections)
        self._register(responses)
        self._statistics(responses)
        # Previous and next as the register lists them (newest first).
        for index, response in enumerate(responses):
            newer = responses[index - 1] if index > 0 else None
            older = responses[index + 1] if index + 1 < len(responses) else None
            self._response(response, newer, older)
            for related in response.related:
                self.asked_about.setdefault(related, []).append(response)

        for kind, items in sections.items():
            if items:
                self._section(kind, items)
        for document in [*pages, *(d for items in sections.values() for d in items)]:
            self._document(document)
        self._timetable()
        self._feed(responses, [d for items in sections.values() for d in items])
        self._nav(sections, pages)
        self._strings(pages)

    def _home(self, home: Document | None, sections: dict[str, list[Document]]) -> None:
        title = home.texts[self.lang].title if home else self.tree.site_name
        body = self._body(home.texts[self.lang], HOME) if home else ""
        summary = home.texts[self.lang].summary if home else None
        self._page(
            HOME,
            "markdown/home.md.j2",
            title,
            summary,
            source=home.texts[self.lang].source if home else "content/election.yml",
            body=Markup(body),
            sections={kind: bool(items) for kind, items in sections.items()},
        )

    def _register(self, responses: list[Response]) -> None:
        address = "register/index.md"
        rows = [
            {
                "reference": r.reference,
                "url": url(address, response_address(r.reference)),
                "title": r.texts[self.lang].title,
                "received": self.t.date(r.received),
                "received_iso": r.received.isoformat(),
                "responded": self.t.date(r.responded) if r.responded else "",
                "responded_iso": r.responded.isoformat() if r.responded else "",
                "topic": self.election.topics[r.topic][self.lang],
                "requester": self.t(f"requester.{r.requester}"),
                "outcome": self.t(f"outcome.{r.outcome}"),
                "days_taken": "" if r.days_taken is None else str(r.days_taken),
                "codes": {
                    "topic": r.topic,
                    "outcome": r.outcome,
                    "requester": r.requester,
                    "foi": "yes" if r.foi else "no",
                },
            }
            for r in responses
        ]
        # The filters offer only what the register holds, in the register's own order.
        present = {
            key: {row["codes"][key] for row in rows} for key in ("topic", "outcome", "requester")
        }
        filters = {
            "topic": [
                (k, v[self.lang]) for k, v in self.election.topics.items() if k in present["topic"]
            ],
            "outcome": [
                (k, self.t(f"outcome.{k}")) for k in get_args(Outcome) if k in present["outcome"]
            ],
            "requester": [
                (k, self.t(f"requester.{k}"))
                for k in get_args(Requester)
                if k in present["requester"]
            ],
        }
        self._open_data(responses)
        table = self.env.get_template("markdown/register-table.html.j2").render(t=self.t, rows=rows)
        self._page(
            address,
            "markdown/register.md.j2",
            self.t("register.title"),
            None,
            hide=("toc",),
            kept=False,
            script="assets/opcc-register.js",
            rows=rows,
            table=Markup(table),
            filters=filters,
            downloads={
                "csv": url(address, "register.csv"),
                "json": url(address, "register.json"),
                "schema": url(address, open_data.SCHEMA_FILE),
                "statistics": url(address, "register/statistics.md"),
            },
        )

    def fragment(
        self, html: str, searchable: bool = False, made: list[tuple[str, str, str]] | None = None
    ) -> Markup:
        """A marker that the engine replaces by ``html`` in the page as built: for blocks of
        finished HTML (the register's table, a response's facts) that Markdown and the
        theme would only spend time reading. The search index gets the text of a
        searchable one, and nothing of the others. The marker holds a digest of both,
        so that a page changes whenever its fragment does."""
        # Its text as the theme's search index holds a page's: markup gone, & < > escaped.
        text = " ".join(unescape(_TAG.sub(" ", html)).split()) if searchable else ""
        text = escape(text, quote=False)
        digest = hashlib.sha256(f"{html}\0{text}".encode()).hexdigest()
        self._add_fragment(digest, html, text)
        if made is not None:
            made.append((digest, html, text))
        return Markup(f"\n<!-- opcc-fragment {digest} -->\n")

    def _add_fragment(self, digest: str, html: str, text: str) -> None:
        self.tree.fragments[digest] = html
        if text:
            self.tree.fragment_text[digest] = text

    def _statistics(self, responses: list[Response]) -> None:
        """Counts by topic, outcome, requester and week, and days taken, drawn as charts."""
        t = self.t

        def bars(counts: list[tuple[str, float]]) -> list[dict[str, Any]]:
            shown = [(label, value, _number(value, self.lang)) for label, value in counts]
            return [
                {"label": label, "value": value, "shown": text, "spoken": f"{label}: {text}"}
                for label, value, text in shown
            ]

        def count(key: Callable[[Response], str], keys: list[str]) -> list[tuple[str, float]]:
            tally = Counter(key(r) for r in responses)
            return [(k, float(tally[k])) for k in keys]

        topics = list(self.election.topics)
        by_topic = [
            (self.election.topics[k][self.lang], n) for k, n in count(lambda r: r.topic, topics)
        ]
        by_outcome = [
            (t(f"outcome.{k}"), n) for k, n in count(lambda r: r.outcome, list(get_args(Outcome)))
        ]
        requesters = list(get_args(Requester))
        by_requester = [
            (t(f"requester.{k}"), n) for k, n in count(lambda r: r.requester, requesters)
        ]
        weeks = Counter(r.received - timedelta(days=r.received.weekday()) for r in responses)
        by_week = [
            (t("stats.week_of", date=t.date(monday)), float(n))
            for monday, n in sorted(weeks.items())
        ]
        days = [r.days_taken for r in responses if r.days_taken is not None]
        median_by_requester = [
            (t(f"requester.{k}"), float(median(found)))
            for k in requesters
            if (
                found := [
                    r.days_taken for r in responses if r.requester == k and r.days_taken is not None
                ]
            )
        ]
        self._page(
            "register/statistics.md",
            "markdown/statistics.md.j2",
            t("stats.title"),
            None,
            hide=("toc",),
            total=len(responses),
            median=self._days(float(median(days))) if days else "",
            by_topic=bars(by_topic),
            by_outcome=bars(by_outcome),
            by_requester=bars(by_requester),
            by_week=bars(by_week),
            median_by_requester=bars(median_by_requester),
        )

    def _open_data(self, responses: list[Response]) -> None:
        attachments: dict[str, list[str]] = {}
        for response in responses:
            text = response.texts[self.lang]
            linked = (
                self.addresses.get(resolve(text.source, link.target)) for link in text.profile.links
            )
            attachments[response.reference] = sorted(
                {a for a in linked if a is not None and not a.endswith(".md")}
            )
        related = {i: document_address(i) for i in self.published}
        base = f"{self.site_url}{self.lang}/" if self.site_url else ""
        entries = open_data.rows(responses, self.lang, self.election, related, attachments, base)
        self.tree.data["register.csv"] = open_data.csv_text(entries, self.lang)
        self.tree.data["register.json"] = open_data.json_text(entries, self.lang, self.today)
        self.tree.data[open_data.SCHEMA_FILE] = open_data.schema_text()

    def _response(self, response: Response, newer: Response | None, older: Response | None) -> None:
        t = self.t
        text = response.texts[self.lang]
        facts: list[tuple[str, str]] = [
            (t("response.reference"), response.reference),
            (t("response.received"), t.date(response.received)),
        ]
        if response.confirmed_in_writing:
            facts.append(
                (t("response.confirmed_in_writing"), t.date(response.confirmed_in_writing))
            )
        if response.responded:
            facts.append((t("response.responded"), t.date(response.responded)))
            facts.append((t("response.days_taken"), self._days(response.days_taken)))
        facts += [
            (t("response.channel"), t(f"channel.{response.channel}")),
            (t("response.requester"), t(f"requester.{response.requester}")),
            (t("response.topic"), self.election.topics[response.topic][self.lang]),
            (t("response.outcome"), t(f"outcome.{response.outcome}")),
        ]
        if response.refusal_reason:
            facts.append((t("response.refusal_reason"), t(f"refusal.{response.refusal_reason}")))
        if response.foi and response.foi_reference:
            facts.append((t("response.foi_reference"), response.foi_reference))
        changed = self._changed(response.texts, response.responded)
        facts.append((t("response.first_published"), t.date(changed.first.date())))
        if changed.last.date() != changed.first.date():
            facts.append((t("response.last_updated"), t.date(changed.last.date())))
        related = [
            {"title": self.published[i].texts[self.lang].title, "address": document_address(i)}
            for i in response.related
        ]
        address = response_address(response.reference)
        self._page(
            address,
            "markdown/response.md.j2",
            text.title,
            text.summary,
            source=text.source,
            facts=facts,
            body=Markup(self._body(text, address)),
            related=related,
            newer=self._link_to(newer),
            older=self._link_to(older),
        )

    def _days(self, days: float) -> str:
        """A number of days in words ("1 day", "2.5 days")."""
        return self.t.plural("response.days", days, days=_number(days, self.lang))

    def _link_to(self, response: Response | None) -> dict[str, str] | None:
        if response is None:
            return None
        return {
            "reference": response.reference,
            "title": response.texts[self.lang].title,
            "address": response_address(response.reference),
        }

    def _changed(self, texts: dict[Lang, Text], earliest: date | None = None) -> Dates:
        """First published and last changed, over both language versions: from history,
        but never after the day the site is built for (a preview of an earlier day) and
        never before ``earliest`` (a response cannot be published before it was sent)."""
        day_end = datetime.combine(self.today, time(23, 59, 59), tzinfo=UTC)
        floor = datetime.combine(earliest, time(), tzinfo=UTC) if earliest else None
        found = [self.dates[t.source] for t in texts.values() if t.source in self.dates]
        first = min((d.first for d in found), default=day_end)
        last = max((d.last for d in found), default=day_end)
        first, last = min(first, day_end), min(last, day_end)
        if floor is not None:
            first, last = max(first, floor), max(last, floor)
        return Dates(first, max(first, last))

    def _feed(self, responses: list[Response], documents: list[Document]) -> None:
        t = self.t
        entries = []
        for r in responses:
            changed = self._changed(r.texts, r.responded)
            topic = self.election.topics[r.topic][self.lang]
            summary = t(
                "feed.response_summary",
                reference=r.reference,
                topic=topic,
                outcome=t(f"outcome.{r.outcome}"),
            )
            entries.append(
                feed.Entry(
                    key=f"register/{r.reference}",
                    title=r.texts[self.lang].title,
                    address=url_of(response_address(r.reference)),
                    published=changed.first,
                    updated=changed.last,
                    summary=summary,
                    category=topic,
                )
            )
        for d in documents:
            changed = self._changed(d.texts)
            text = d.texts[self.lang]
            entries.append(
                feed.Entry(
                    key=d.id,
                    title=text.title,
                    address=url_of(document_address(d.id)),
                    published=changed.first,
                    updated=changed.last,
                    summary=text.summary or text.title,
                )
            )
        area = self.election.police_area[self.lang]
        year = self.election.polling_day.year
        base = f"{self.site_url}{self.lang}/" if self.site_url else None
        authority = (
            self.site_url.split("://", 1)[-1].split("/", 1)[0]
            if self.site_url
            else self.election.contact_email.rsplit("@", 1)[-1]
        )
        self.tree.data[feed.FEED_FILE] = feed.feed_xml(
            lang=self.lang,
            title=t("feed.title", area=area, year=year),
            subtitle=t("feed.subtitle"),
            author=self.election.office[self.lang],
            authority=authority,
            year=year,
            base=base,
            entries=entries,
            fallback_updated=datetime.combine(self.today, time(), tzinfo=UTC),
        )

    def _section(self, kind: str, items: list[Document]) -> None:
        address = SECTION_INDEX[kind]
        area = self.election.police_area[self.lang]
        entries = [
            {
                "title": d.texts[self.lang].title,
                "summary": d.texts[self.lang].summary,
                "address": document_address(d.id),
                "date": self.t.date(d.date) if d.date and kind != "briefing" else None,
            }
            for d in items
        ]
        self._page(
            address,
            "markdown/section.md.j2",
            self.t(f"section.{kind}.title"),
            None,
            intro=self.t(f"section.{kind}.intro", area=area),
            items=entries,
        )

    def _document(self, document: Document) -> None:
        text = document.texts[self.lang]
        address = document_address(document.id)
        self._page(
            address,
            "markdown/document.md.j2",
            text.title,
            text.summary,
            source=text.source,
            document=document,
            body=Markup(self._body(text, address)),
            asked_about=[self._link_to(r) for r in self.asked_about.get(document.id, [])],
        )

    def _timetable(self) -> None:
        self._page(
            "timetable.md",
            "markdown/timetable.md.j2",
            self.t("timetable.title"),
            None,
            hide=("toc",),
            today=self.today,
        )

    def _page(
        self,
        address: str,
        template: str,
        title: str,
        summary: str | None,
        source: str = "content/election.yml",
        hide: tuple[str, ...] = (),
        kept: bool = True,
        **context: Any,
    ) -> None:
        """``kept``: False for a page that changes with any response (the register), whose
        values are the size of the register: looking it up would cost more than it saves."""
        self.tree.sources[address] = source
        key = (
            self.memo.key(address, template, title, summary, source, hide, context)
            if kept
            else None
        )
        page = self.memo.get(key)
        if page is None:
            made: list[tuple[str, str, str]] = []
            page = (
                self._render_page(address, template, title, summary, hide, made, context),
                tuple(made),
            )
            self.memo.put(key, page)
        else:
            for digest, html, text in page[1]:
                self._add_fragment(digest, html, text)
        self.tree.pages[address] = page[0]

    def _render_page(
        self,
        address: str,
        template: str,
        title: str,
        summary: str | None,
        hide: tuple[str, ...],
        made: list[tuple[str, str, str]],
        context: dict[str, Any],
    ) -> str:
        meta: dict[str, Any] = {"title": title}
        if hide:
            meta["hide"] = list(hide)  # mkdocs-material: give wide tables the room
        if "script" in context:
            meta["script"] = context["script"]  # the page's own script (main.html)
        if summary:
            meta["description"] = summary
        meta["twin"] = twin_url(address, self.other)
        meta["alternates"] = self._alternates(address)
        markdown = self.env.get_template(template).render(
            t=self.t,
            lang=self.lang,
            title=title,
            election=self.election,
            date=self.t.date,
            md=lambda to: md_link(address, to),
            href=lambda to: url(address, to),  # for links inside raw HTML
            fragment=lambda html, searchable=False: self.fragment(html, searchable, made),
            **context,
        )
        return f"---\n{frontmatter(meta)}\n---\n\n{markdown}"

    def _alternates(self, address: str) -> list[dict[str, str]]:
        if self.site_url:
            base = self.site_url
            links = [
                {"hreflang": lang, "href": f"{base}{lang}/{url_of(address)}"} for lang in LANGS
            ]
            links.append({"hreflang": "x-default", "href": base})
        else:
            up = "../" * (url_of(address).count("/") + 1)
            links = [{"hreflang": lang, "href": f"{up}{lang}/{url_of(address)}"} for lang in LANGS]
            links.append({"hreflang": "x-default", "href": up})
        return links

    def _body(self, text: Text, address: str) -> str:
        """The body with links to sources rewritten to links to their published pages."""
        body = text.body
        pieces: list[str] = []
        last = 0
        for link in text.profile.links:
            target = self.addresses.get(resolve(text.source, link.target))
            if target is None:
                continue  # checked earlier: only external or anchor links get here
            pieces += [body[last : link.start], md_link(address, target)]
            last = link.end
        pieces.append(body[last:])
        return "".join(pieces).strip()

    # -- navigation and theme strings ---------------------------------------------------

    def _nav(self, sections: dict[str, list[Document]], pages: list[Document]) -> None:
        t = self.t
        nav: list[Any] = [{t("nav.home"): HOME}, {t("nav.register"): "register/index.md"}]
        for kind, items in sections.items():
            if items:
                # Every entry titled here, so that the titles every page shows of its
                # neighbours are in the configuration (the engine's page cache keys on it).
                children: list[Any] = [{t(f"section.{kind}.title"): SECTION_INDEX[kind]}]
                children += [{d.texts[self.lang].title: document_address(d.id)} for d in items]
                nav.append({t(SECTION_NAV[kind]): children})
        nav.append({t("nav.timetable"): "timetable.md"})
        nav += [{d.texts[self.lang].title: document_address(d.id)} for d in pages]
        self.tree.nav = nav

    def _strings(self, pages: list[Document]) -> None:
        t = self.t
        other = Translator(self.other)
        has_statement = any(document_address(d.id) == ACCESSIBILITY for d in pages)
        self.tree.strings = {
            "lang": self.lang,
            "other_lang": self.other,
            "switch": t("language.switch"),
            "language_nav": t("language.nav"),
            "menu": t("language.menu"),
            "other_name": other("language.name"),
            "published_by": t("footer.published_by", office=self.election.office[self.lang]),
            "contact": t("footer.contact", email=self.election.contact_email),
            "accessibility": t("footer.accessibility"),
            "accessibility_url": "accessibility/" if has_statement else "",
            "banner": self._banner(),
            "feed_title": t("feed.link_title"),
        }

    def _banner(self) -> str:
        """The neutral pre-election notice, on every page while the period lasts."""
        election = self.election
        if not election.pre_election_start <= self.today <= election.pre_election_end:
            return ""
        return self.t(
            "banner.pre_election",
            start=self.t.date(election.pre_election_start),
            end=self.t.date(election.pre_election_end),
        )


def _number(value: float, lang: str) -> str:
    """A whole number as it is, any other with one decimal place (both languages use a
    full stop)."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _order_key(document: Document) -> tuple[int, str, str]:
    return (
        document.order if document.order is not None else 1000,
        document.date.isoformat() if document.date else "",
        document.texts["en"].title,
    )


_TAG = re.compile(r"<[^>]*>")

# Characters YAML reads as line breaks or refuses outright; JSON leaves them as they are.
_NOT_YAML = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def frontmatter(meta: dict[str, Any]) -> str:
    """A page's fields as YAML. JSON is YAML, and many times faster to write than
    PyYAML's emitter (which was most of the time spent rendering a large register)."""
    text = json.dumps(meta, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
