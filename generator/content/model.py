"""The content model: typed, frozen objects that every later stage can trust.

The loader validates the sources once and builds these; rendering never re-checks them.
A document is a pair of language versions sharing one set of facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from generator.content.links import resolve
from generator.content.profile import TextProfile
from generator.diagnostics import Diagnostic

Lang = Literal["en", "cy"]
LANGS: tuple[Lang, ...] = ("en", "cy")

Channel = Literal["email", "letter", "verbal", "meeting", "web-form"]
Requester = Literal["prospective-candidate", "candidate", "agent", "party", "public", "incumbent"]
Outcome = Literal["answered", "part-answered", "refused", "referred-to-paro", "already-published"]
RefusalReason = Literal["cost", "not-held", "security", "personal-information", "law-enforcement"]
Status = Literal["draft", "ready"]
# news and announcement are accepted so that the pre-election rules can refuse them by
# name while the period lasts (rules/pre_election.py).
DocumentType = Literal["page", "briefing", "session", "meeting", "news", "announcement"]


@dataclass(frozen=True)
class Text:
    """One language version of a document: what differs between the twins."""

    source: str  # path relative to the project root
    title: str
    body: str
    body_line: int  # line of the file on which the body starts
    summary: str | None = None
    # Line of each frontmatter field ("related.0" for a list item), for diagnostics.
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # What the site-wide rules read; worked out here unless the loader brings it.
    profile: TextProfile = field(default=None, compare=False, hash=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.profile is None:
            profile = TextProfile.of(self.title, self.body, self.body_line)
            object.__setattr__(self, "profile", profile)


@dataclass(frozen=True)
class Response:
    """One entry of the register of candidates' information requests."""

    reference: str
    received: date
    responded: date | None
    channel: Channel
    confirmed_in_writing: date | None
    requester: Requester
    foi: bool
    foi_reference: str | None
    topic: str
    outcome: Outcome | None  # always set on a published response (rule R014)
    refusal_reason: RefusalReason | None
    related: tuple[str, ...]
    status: Status
    texts: dict[Lang, Text]
    publish_from: date | None = None  # not published before this day

    @property
    def slug(self) -> str:
        return self.reference.lower()

    @property
    def days_taken(self) -> int | None:
        return (self.responded - self.received).days if self.responded else None


@dataclass(frozen=True)
class Document:
    """A page, briefing pack document, briefing session note or meeting note."""

    id: str  # path under content/ without the language suffix, e.g. briefing-pack/budget
    type: DocumentType
    date: date | None
    order: int | None
    status: Status
    texts: dict[Lang, Text]
    publish_from: date | None = None  # not published before this day


@dataclass(frozen=True)
class Attachment:
    """A non-Markdown file published beside the documents."""

    source: str  # path relative to the project root
    langs: tuple[Lang, ...]  # the languages whose site carries it
    # SHA-256 of the bytes the redaction scan read, once scanned: the build publishes
    # these bytes and no others.
    digest: str | None = None


@dataclass(frozen=True)
class Bilingual:
    en: str
    cy: str

    def __getitem__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.cy


@dataclass(frozen=True)
class TimetableEntry:
    date: date
    label: Bilingual


@dataclass(frozen=True)
class Election:
    police_area: Bilingual
    force: Bilingual
    office: Bilingual
    polling_day: date
    pre_election_start: date
    pre_election_end: date
    contact_email: str
    paro: Bilingual
    topics: dict[str, Bilingual]
    timetable: tuple[TimetableEntry, ...]
    # Extra words for the pre-election rules, by language (rules/pre_election.py).
    campaigning_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    campaigning_words: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PublicFact:
    """Text that looks like personal data but is published on purpose, and why."""

    text: str
    reason: str
    source: str  # the file that lists it
    line: int


@dataclass(frozen=True)
class Written:
    """A source file exactly as staff wrote it: what the redaction scan reads."""

    path: str
    text: str
    lang: Lang | None  # None for files in no one language (the election data)
    facts: tuple[PublicFact, ...] = ()  # the file's own public facts
    # What the redaction scan found in it and its name, once scanned (None before; a
    # Markdown file's name is scanned last, with every other name: scan_names), and the
    # public facts that let something through in it.
    findings: tuple[Diagnostic, ...] | None = None
    used: tuple[PublicFact, ...] = ()


@dataclass(frozen=True)
class WaitingTwin:
    """A document written so far in one language only."""

    path: str
    missing: Lang
    title: str = ""
    status: Status = "draft"
    reference: str | None = None  # a response's
    received: date | None = None  # a response's


@dataclass(frozen=True)
class Site:
    """Everything loaded from a project, drafts included."""

    election: Election | None
    responses: tuple[Response, ...] = ()
    documents: tuple[Document, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    # (line in .private/people.txt, name): for the redaction scan, never published.
    people: tuple[tuple[int, str], ...] = field(default=(), repr=False)
    public_facts: tuple[PublicFact, ...] = ()  # content/public-facts.yml
    # Every readable source text, including files that failed later checks.
    written: tuple[Written, ...] = field(default=(), repr=False)
    # Every Markdown file found, including those that failed to load (and so have
    # diagnostics of their own): links to them are not reported as broken as well.
    discovered: frozenset[str] = frozenset()
    waiting_for_twin: tuple[WaitingTwin, ...] = ()
    # The day the site is checked or built for: today, or --date for a preview.
    today: date = field(default_factory=date.today)

    def is_published(self, item: Response | Document) -> bool:
        """Ready, not held back by a publish_from date later than the build date, and,
        for a response, answered by then (a preview of an earlier day shows the register
        as it stood that day)."""
        if item.status != "ready":
            return False
        if item.publish_from is not None and item.publish_from > self.today:
            return False
        return not (
            isinstance(item, Response)
            and item.responded is not None
            and item.responded > self.today
        )

    def published_responses(self) -> list[Response]:
        return [r for r in self.responses if self.is_published(r)]

    def published_documents(self) -> list[Document]:
        return [d for d in self.documents if self.is_published(d)]

    def published_attachments(self) -> list[Attachment]:
        """The attachments a published document links to. One that only a draft links
        to, or that nothing links to (an old copy, an original left beside its redacted
        version), is not published: a file on the site is reachable by its address
        whether or not a page links to it."""
        linked = {
            resolve(text.source, link.target)
            for item in (*self.published_responses(), *self.published_documents())
            for text in item.texts.values()
            for link in text.profile.links
        }
        return [a for a in self.attachments if a.source in linked]
