"""Loading a project: every source read once, validated, and assembled into a Site.

Stages: discover files → read and split each → schema per file → per-file rules →
pair the language twins → site-wide rules. Every stage returns diagnostics instead of
stopping, so one run reports every problem.
"""

from __future__ import annotations

import gc
import itertools
import pickle
from collections import defaultdict
from datetime import date

from generator.content import schema
from generator.content.addresses import attachment_langs
from generator.content.cache import FileCache, content_hash
from generator.content.examine import FileOutcome, examine_all
from generator.content.model import (
    Attachment,
    Bilingual,
    Document,
    Election,
    PublicFact,
    Response,
    Site,
    Text,
    TimetableEntry,
    WaitingTwin,
    Written,
)
from generator.content.parsed import ParsedFile
from generator.content.sources import discover, read_bytes, read_text
from generator.content.yamltext import parse_yaml
from generator.diagnostics import Diagnostic
from generator.project import ELECTION_FILE, PEOPLE_FILE, PUBLIC_FACTS_FILE, Project
from generator.redaction.allowlist import Allowlist
from generator.redaction.scan import Scanner
from generator.redaction.sources import facts_from, scan_names
from generator.rules import election as election_rules
from generator.rules import twins
from generator.rules.catalogue import SITE_CHECKS
from generator.rules.files import NO_PEOPLE_LIST
from generator.usercache import paused_gc
from generator.util import long_date


def load(project: Project, today: date | None = None) -> tuple[Site, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    written: list[Written] = []
    election = _load_election(project, diagnostics, written)
    people = _load_people(project, diagnostics)
    public_facts = _load_public_facts(project, diagnostics)
    found, problems = discover(project)
    diagnostics += problems

    scanner = Scanner.for_project(people, Allowlist(public_facts))
    parsed: list[ParsedFile] = []
    examined: list[Written] = []
    for outcome in _examine(project, found.markdown, scanner, (people, public_facts)):
        diagnostics += outcome.diagnostics
        if outcome.written is not None:
            examined.append(outcome.written)
        if outcome.parsed is not None:
            parsed.append(outcome.parsed)
    # The file names, scanned here all at once; the per-file cache keeps each file's own
    # outcome, and one search over every name costs less than looking one up.
    written += scan_names(scanner, examined)

    responses, documents, waiting = _pair(parsed, found.markdown, diagnostics)
    attachments = tuple(
        Attachment(source=rel, langs=attachment_langs(rel))  # type: ignore[arg-type]
        for rel in found.attachments
    )
    site = Site(
        election=election,
        responses=tuple(sorted(responses, key=lambda r: r.reference)),
        documents=tuple(sorted(documents, key=lambda d: d.id)),
        attachments=attachments,
        people=people,
        public_facts=public_facts,
        written=tuple(written),
        discovered=frozenset(found.markdown),
        waiting_for_twin=tuple(waiting),
        today=today or date.today(),
    )
    for site_check in SITE_CHECKS:
        diagnostics += site_check(site)
    return site, sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.code, d.message))


def _examine(
    project: Project, paths: list[str], scanner: Scanner, settings: tuple[object, ...]
) -> list[FileOutcome]:
    """Each file's outcome: from the cache when its content is as last examined, else
    examined afresh (on every core when there are many)."""
    if gc.get_freeze_count():
        # A process that loads again (the preview): the last site, and any garbage
        # frozen beside it, go back to the collector, which frees what is not in use.
        gc.unfreeze()
        gc.collect()
    # The outcomes arrive by the thousand and are all kept: the cycle collector would
    # walk them again and again meanwhile (a sixth of a check of 5,000 responses), and
    # afterwards each time it runs, for as long as the site is in use. Frozen before it
    # runs again, they are left out of its walks until the next load. They hold no
    # reference cycles (tests/test_caches.py), so dropping the site still frees them.
    with paused_gc():
        outcomes = _outcomes(project, paths, scanner, settings)
        gc.freeze()
    return outcomes


def _outcomes(
    project: Project, paths: list[str], scanner: Scanner, settings: tuple[object, ...]
) -> list[FileOutcome]:
    cache = FileCache.open(project.root, settings)
    files = [(rel, read_bytes(project, rel)) for rel in paths]
    hashes = [content_hash(data) for _, data in files]
    outcomes: list[FileOutcome | None] = [
        cache.get(rel, digest) if digest else None
        for (rel, _), digest in zip(files, hashes, strict=True)
    ]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    waiting = iter(missing)
    for packed in examine_all([files[i] for i in missing], scanner):
        batch = pickle.loads(packed)  # made by this process or its workers
        places = list(itertools.islice(waiting, len(batch)))
        for i, outcome in zip(places, batch, strict=True):
            outcomes[i] = outcome
        cache.put([(files[i][0], hashes[i]) for i in places], packed)
    cache.keep_only(paths)
    cache.save()
    return outcomes  # type: ignore[return-value]


def _text(parsed: ParsedFile) -> Text:
    source = parsed.source
    return Text(
        profile=parsed.profile,
        source=source.path,
        title=parsed.fields.title,
        body=source.body,
        body_line=source.body_line,
        # Not getattr with a default: a pydantic model takes 20 µs to say it has no field.
        summary=parsed.fields.summary if not parsed.is_response else None,  # type: ignore[union-attr]
        lines=parsed.field_lines,
    )


def _pair(
    parsed: list[ParsedFile], all_markdown: list[str], diagnostics: list[Diagnostic]
) -> tuple[list[Response], list[Document], list[WaitingTwin]]:
    """Join each English file to its Welsh twin; report orphans and differing facts."""
    waiting: list[WaitingTwin] = []
    groups: dict[tuple[str, str], dict[str, ParsedFile]] = defaultdict(dict)
    for item in parsed:
        groups[item.source.area, item.source.stem][item.source.lang] = item
    present = set(all_markdown)
    responses: list[Response] = []
    documents: list[Document] = []
    for (_area, stem), by_lang in sorted(groups.items()):
        en, cy = by_lang.get("en"), by_lang.get("cy")
        if en is None or cy is None:
            have = en or cy
            assert have is not None
            missing_lang = "cy" if en else "en"
            # A twin that exists but failed to load has its own diagnostics already.
            if twins.twin_path(have.path, missing_lang) not in present:
                diagnostics.append(twins.missing_twin(have, missing_lang))
                waiting.append(
                    WaitingTwin(
                        have.path,
                        missing_lang,  # type: ignore[arg-type]
                        have.fields.title,
                        have.fields.status,
                        getattr(have.fields, "reference", None),
                        getattr(have.fields, "received", None),
                    )
                )
            continue
        differences = list(twins.facts_differ(en, cy))
        if differences:
            diagnostics += differences
            continue
        texts = {"en": _text(en), "cy": _text(cy)}
        f = en.fields
        if isinstance(f, schema.ResponseFrontmatter):
            responses.append(
                Response(
                    reference=f.reference,
                    received=f.received,
                    responded=f.responded,
                    channel=f.channel,
                    confirmed_in_writing=f.confirmed_in_writing,
                    requester=f.requester,
                    foi=f.foi,
                    foi_reference=f.foi_reference,
                    topic=f.topic,
                    outcome=f.outcome,
                    refusal_reason=f.refusal_reason,
                    related=tuple(f.related),
                    status=f.status,
                    texts=texts,  # type: ignore[arg-type]
                    publish_from=f.publish_from,
                )
            )
        else:
            documents.append(
                Document(
                    id=stem,
                    type=f.type,
                    date=f.date,
                    order=f.order,
                    status=f.status,
                    texts=texts,  # type: ignore[arg-type]
                    publish_from=f.publish_from,
                )
            )
    # Files that failed to load still count as present twins; an orphan among them was
    # reported above only if its twin is absent from disk.
    loaded = {p.path for p in parsed}
    for rel in all_markdown:
        if rel in loaded or not rel.endswith((".en.md", ".cy.md")):
            continue
        lang = rel[-len("xx.md") : -len(".md")]
        other = "cy" if lang == "en" else "en"
        if twins.twin_path(rel, other) not in present:
            diagnostics.append(twins.missing_twin(rel, other))
    return responses, documents, waiting


def load_election(project: Project) -> tuple[Election | None, list[Diagnostic]]:
    """content/election.yml on its own (for commands that need only the topics or the
    dates): the election, or None and the problems that stopped it loading."""
    diagnostics: list[Diagnostic] = []
    return _load_election(project, diagnostics, []), diagnostics


def _load_election(
    project: Project, diagnostics: list[Diagnostic], written: list[Written]
) -> Election | None:
    path = project.root / ELECTION_FILE
    if path.is_symlink():
        return None  # reported as F003 when the files are found
    if not path.is_file():
        diagnostics.append(election_rules.MISSING.at(ELECTION_FILE, 0))
        return None
    text, problems = read_text(project, ELECTION_FILE)
    diagnostics += problems
    if text is None:
        return None
    written.append(Written(ELECTION_FILE, text, None))
    doc, problems = parse_yaml(text, ELECTION_FILE, what="election data file")
    diagnostics += problems
    if doc is None:
        return None
    data, problems = schema.validate(
        schema.ElectionData, doc, ELECTION_FILE, "election data file", default_line=1
    )
    diagnostics += problems
    if not isinstance(data, schema.ElectionData):
        return None
    period = data.pre_election_period
    if period.end < period.start:
        diagnostics.append(
            election_rules.PERIOD_ORDER.at(
                ELECTION_FILE,
                doc.line_of(("pre_election_period", "end"), 1),
                start=long_date(period.start),
                end=long_date(period.end),
            )
        )

    def bi(value: schema.BilingualText) -> Bilingual:
        return Bilingual(en=value.en, cy=value.cy)

    return Election(
        police_area=bi(data.police_area),
        force=bi(data.force),
        office=bi(data.office),
        polling_day=data.polling_day,
        pre_election_start=period.start,
        pre_election_end=period.end,
        contact_email=data.contact_email,
        paro=bi(data.paro),
        topics={key: bi(value) for key, value in data.topics.items()},
        campaigning_roles={
            "en": tuple(data.campaigning.roles.en),
            "cy": tuple(data.campaigning.roles.cy),
        },
        campaigning_words={
            "en": tuple(data.campaigning.words.en),
            "cy": tuple(data.campaigning.words.cy),
        },
        timetable=tuple(
            sorted(
                (TimetableEntry(item.date, Bilingual(item.en, item.cy)) for item in data.timetable),
                key=lambda entry: entry.date,
            )
        ),
    )


def _load_people(project: Project, diagnostics: list[Diagnostic]) -> tuple[tuple[int, str], ...]:
    """(line, name) of each private person, for the redaction checks; never published
    or printed. One name a line; '#' starts a comment."""
    if not (project.root / PEOPLE_FILE).is_file():
        diagnostics.append(NO_PEOPLE_LIST.at(PEOPLE_FILE, 0))
        return ()
    text, problems = read_text(project, PEOPLE_FILE)
    diagnostics += [p for p in problems if p.code != "F002"]  # an empty list is allowed
    if text is None:
        return ()
    names = ((n, line.split("#", 1)[0].strip()) for n, line in enumerate(text.split("\n"), 1))
    return tuple((n, name) for n, name in names if name)


def _load_public_facts(project: Project, diagnostics: list[Diagnostic]) -> tuple[PublicFact, ...]:
    """The site-wide public facts of content/public-facts.yml (optional)."""
    path = project.root / PUBLIC_FACTS_FILE
    if path.is_symlink() or not path.is_file():
        return ()
    text, problems = read_text(project, PUBLIC_FACTS_FILE)
    diagnostics += problems
    if text is None:
        return ()
    doc, problems = parse_yaml(text, PUBLIC_FACTS_FILE, what="public facts file")
    diagnostics += problems
    if doc is None:
        return ()
    _, problems = schema.validate(
        schema.PublicFactsFile, doc, PUBLIC_FACTS_FILE, "public facts file", default_line=1
    )
    diagnostics += problems
    return facts_from(PUBLIC_FACTS_FILE, doc)
