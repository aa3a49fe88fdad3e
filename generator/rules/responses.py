"""R: the register's own rules for a response, from the joint protocol."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from generator.content.model import Response, Site
from generator.content.parsed import ParsedFile
from generator.content.schema import ResponseFrontmatter
from generator.diagnostics import Diagnostic
from generator.language.blocks import blocks
from generator.rules.registry import file_check, rule, site_check
from generator.util import long_date

RESPONDED_BEFORE_RECEIVED = rule(
    "R001",
    "responded-before-received",
    "'responded' ({responded}) is before 'received' ({received})",
    "check both dates against the register; a reply cannot be sent before the request came in",
    "The days taken to respond are published; a reversed date would make them negative.",
)
VERBAL_NOT_CONFIRMED = rule(
    "R002",
    "verbal-not-confirmed",
    "a verbal request needs 'confirmed_in_writing', the date it was confirmed in writing",
    "add 'confirmed_in_writing: YYYY-MM-DD' with the date the request was confirmed back to "
    "the requester in writing",
    "The protocol says a verbal request is confirmed in writing before a reply is issued.",
)
CONFIRMATION_OUT_OF_ORDER = rule(
    "R003",
    "confirmation-out-of-order",
    "'confirmed_in_writing' ({confirmed}) is {problem}",
    "the request is confirmed in writing after it is received and before the reply is sent",
    "The protocol says a verbal request is confirmed in writing before a reply is issued.",
)
REFUSAL_REASON_MISSING = rule(
    "R004",
    "refusal-reason-missing",
    "a response that is {outcome} needs a 'refusal_reason'",
    "add 'refusal_reason:' with one of: cost, not-held, security, personal-information, "
    "law-enforcement",
    "The protocol promises an explanation whenever information cannot be provided.",
)
REFUSAL_REASON_UNEXPECTED = rule(
    "R005",
    "refusal-reason-unexpected",
    "'refusal_reason' is given but the outcome is '{outcome}'",
    "remove 'refusal_reason', or set the outcome to refused or part-answered",
    "A reason for refusing would be published beside an answer that refused nothing.",
)
FOI_REFERENCE_MISSING = rule(
    "R006",
    "foi-reference-missing",
    "an FOI response ('foi: true') needs an 'foi_reference'",
    "add 'foi_reference:' with the FOI team's reference for the request",
    "Election-related FOI responses are posted with their FOI reference so they can be traced.",
)
FOI_REFERENCE_UNEXPECTED = rule(
    "R007",
    "foi-reference-unexpected",
    "'foi_reference' is given but 'foi' is not true",
    "set 'foi: true' if this was an FOI request, or remove 'foi_reference'",
    "The two fields would contradict each other on the published page.",
)
NOT_RESPONDED = rule(
    "R008",
    "ready-without-response-date",
    "the response is 'ready' but has no 'responded' date",
    "add 'responded: YYYY-MM-DD' with the date the reply was sent, or keep 'status: draft'",
    "Only responses that have been sent are published, with the date they were sent.",
)
NO_OUTCOME = rule(
    "R014",
    "ready-without-outcome",
    "the response is 'ready' but has no 'outcome'",
    "add 'outcome:' with one of answered, part-answered, refused, referred-to-paro or "
    "already-published, or keep 'status: draft'",
    "The register shows every published response's outcome, so that candidates can see "
    "that each was treated alike.",
)
DUPLICATE_REFERENCE = rule(
    "R009",
    "duplicate-reference",
    "the reference {reference} is also used by {other}",
    "give this response the next free reference in the register",
    "The reference is the response's permanent address; two responses cannot share one.",
)
UNKNOWN_TOPIC = rule(
    "R010",
    "unknown-topic",
    "the topic '{topic}' is not in the list of topics in content/election.yml",
    "{suggestion}use one of the topic codes: {allowed}; or add the topic, with its English "
    "and Welsh names, to content/election.yml",
    "Topics are shown in both languages, so each needs its names in the topic list.",
)
RELATED_NOT_FOUND = rule(
    "R011",
    "related-not-found",
    "'related' names '{related}', which is not a published briefing pack document",
    "use the document's path under content/ without the language ending, such as "
    "briefing-pack/budget{suggestion}",
    "Related links point readers to briefing documents; a broken one misleads them.",
)
MISSING_SECTIONS = rule(
    "R012",
    "missing-sections",
    "the response has no '## {heading}' heading",
    "write the anonymised question under '## {question}' and the reply under '## {answer}'",
    "Every response page shows the question and the answer under the same headings.",
)

REFERENCE_NOT_FILE_NAME = rule(
    "R013",
    "reference-not-file-name",
    "'reference' is {reference} but the file is named {name}",
    "change the reference to {stem}, or rename both files to {reference}.en.md and "
    "{reference}.cy.md",
    "The reference is the response's permanent address; a file named after another "
    "reference is easily published at the wrong one.",
)

SECTION_HEADINGS = {"en": ("Question", "Response"), "cy": ("Cwestiwn", "Ymateb")}


@file_check
def dates_in_order(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if not isinstance(f, ResponseFrontmatter):
        return
    if f.responded and f.responded < f.received:
        yield RESPONDED_BEFORE_RECEIVED.at(
            parsed.path,
            parsed.line("responded"),
            responded=long_date(f.responded),
            received=long_date(f.received),
        )
    if f.status == "ready" and f.responded is None:
        yield NOT_RESPONDED.at(parsed.path, parsed.line("status"))
    if f.status == "ready" and f.outcome is None:
        yield NO_OUTCOME.at(parsed.path, parsed.line("status"))


@file_check
def reference_matches_file_name(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if not isinstance(f, ResponseFrontmatter):
        return
    stem = parsed.source.stem.rsplit("/", 1)[-1]
    if stem != f.reference:
        yield REFERENCE_NOT_FILE_NAME.at(
            parsed.path,
            parsed.line("reference"),
            reference=f.reference,
            name=parsed.path.rsplit("/", 1)[-1],
            stem=stem,
        )


@file_check
def verbal_requests_confirmed(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if not isinstance(f, ResponseFrontmatter):
        return
    confirmed = f.confirmed_in_writing
    if f.channel == "verbal" and confirmed is None:
        yield VERBAL_NOT_CONFIRMED.at(parsed.path, parsed.line("channel"))
    if confirmed is None:
        return
    problem = None
    if confirmed < f.received:
        problem = f"before the request was received ({long_date(f.received)})"
    elif f.responded and confirmed > f.responded:
        problem = f"after the reply was sent ({long_date(f.responded)})"
    if problem:
        yield CONFIRMATION_OUT_OF_ORDER.at(
            parsed.path,
            parsed.line("confirmed_in_writing"),
            confirmed=long_date(confirmed),
            problem=problem,
        )


@file_check
def refusals_explained(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if not isinstance(f, ResponseFrontmatter):
        return
    needs_reason = f.outcome in ("refused", "part-answered")
    if needs_reason and f.refusal_reason is None:
        yield REFUSAL_REASON_MISSING.at(parsed.path, parsed.line("outcome"), outcome=f.outcome)
    if not needs_reason and f.refusal_reason is not None:
        yield REFUSAL_REASON_UNEXPECTED.at(
            parsed.path, parsed.line("refusal_reason"), outcome=f.outcome
        )


@file_check
def foi_referenced(parsed: ParsedFile) -> Iterator[Diagnostic]:
    f = parsed.fields
    if not isinstance(f, ResponseFrontmatter):
        return
    if f.foi and not f.foi_reference:
        yield FOI_REFERENCE_MISSING.at(parsed.path, parsed.line("foi"))
    if not f.foi and f.foi_reference:
        yield FOI_REFERENCE_UNEXPECTED.at(parsed.path, parsed.line("foi_reference"))


_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)


@file_check
def question_and_response_sections(parsed: ParsedFile) -> Iterator[Diagnostic]:
    if not parsed.is_response:
        return
    question, answer = SECTION_HEADINGS[parsed.source.lang]
    body = parsed.source.body
    # The body's blocks are made once for all the checks; a heading in a code block or
    # a comment is none.
    found = {
        heading[1].strip().casefold()
        for block in blocks(body, parsed.source.body_line)
        if block.kind == "heading" and (heading := _HEADING.match(block.text))
    }
    for heading in (question, answer):
        if heading.casefold() not in found:
            near = re.search(rf"^##\s+{re.escape(heading)}\b.*$", body, re.I | re.M)
            line = parsed.source.body_line + (body.count("\n", 0, near.start()) if near else 0)
            yield MISSING_SECTIONS.at(
                parsed.path,
                line,
                heading=heading,
                question=question,
                answer=answer,
            )


@site_check
def references_unique(site: Site) -> Iterator[Diagnostic]:
    by_reference: dict[str, list[Response]] = defaultdict(list)
    for response in site.responses:
        by_reference[response.reference].append(response)
    for reference, same in by_reference.items():
        for response in same if len(same) > 1 else ():
            for lang, text in response.texts.items():
                other = next(o.texts[lang].source for o in same if o is not response)
                yield DUPLICATE_REFERENCE.at(
                    text.source, text.lines.get("reference", 1), reference=reference, other=other
                )


@site_check
def topics_known(site: Site) -> Iterator[Diagnostic]:
    if site.election is None:
        return
    allowed = site.election.topics
    for response in site.responses:
        if response.topic not in allowed:
            names = {
                label.casefold(): (code, lang)
                for code, bilingual in allowed.items()
                for lang, label in (("English", bilingual.en), ("Welsh", bilingual.cy))
            }
            match = names.get(response.topic.casefold())
            suggestion = (
                f"'{response.topic}' is the {match[1]} name of '{match[0]}': write '{match[0]}'. "
                if match
                else ""
            )
            for text in response.texts.values():
                yield UNKNOWN_TOPIC.at(
                    text.source,
                    text.lines.get("topic", 1),
                    topic=response.topic,
                    allowed=", ".join(allowed),
                    suggestion=suggestion,
                )


@site_check
def related_documents_exist(site: Site) -> Iterator[Diagnostic]:
    briefing = {d.id for d in site.documents if d.type == "briefing"}
    published = {d.id for d in site.published_documents() if d.type == "briefing"}
    for response in site.responses:
        for index, related in enumerate(response.related):
            if related in (published if response.status == "ready" else briefing):
                continue
            close = [b for b in briefing if b.rsplit("/", 1)[-1] == related.rsplit("/", 1)[-1]]
            suggestion = f" (did you mean {close[0]}?)" if close else ""
            for text in response.texts.values():
                line = text.lines.get(f"related.{index}", text.lines.get("related", 1))
                yield RELATED_NOT_FOUND.at(
                    text.source, line, related=related, suggestion=suggestion
                )
