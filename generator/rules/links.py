"""L: links in a document's text to other documents and attachments."""

from __future__ import annotations

from collections.abc import Iterator

from generator.content.links import resolve
from generator.content.model import Site, Text
from generator.diagnostics import Diagnostic
from generator.rules.registry import rule, site_check

BROKEN_LINK = rule(
    "L001",
    "broken-link",
    "the link '{target}' points at {resolved}, which does not exist",
    "link to a document by its file, relative to this one (such as "
    "briefing-pack/budget.{lang}.md), or to an attachment by its file name",
    "A broken link on a published page sends candidates and the public nowhere.",
)
WRONG_LANGUAGE_LINK = rule(
    "L002",
    "link-to-other-language",
    "the link '{target}' points at the {other} version of a document",
    "link to {fixed} instead, the version in this file's language",
    "Each language's pages must lead to pages in the same language.",
)
DRAFT_LINK = rule(
    "L003",
    "link-to-draft",
    "the link '{target}' points at a document that is not published (a draft, or one "
    "whose publish_from date is later)",
    "publish the linked document first ('status: ready', and no later publish_from), or "
    "remove the link",
    "A document that is not published never reaches the site, so the link would be broken there.",
)

UNLINKED_ATTACHMENT = rule(
    "L004",
    "attachment-not-linked",
    "no published document links to this file, so it is left out of the site",
    "link to it from the document it belongs with, or delete it if it is an old copy",
    "A file on the site can be found by its address even when no page links to it: an "
    "original left beside its redacted copy, or the attachment of a draft, would be "
    "published early or by mistake.",
    severity="warning",
)


def _texts(site: Site) -> Iterator[tuple[Text, str]]:
    for response in site.responses:
        for lang, text in response.texts.items():
            yield text, lang
    for document in site.documents:
        for lang, text in document.texts.items():
            yield text, lang


@site_check
def links_resolve(site: Site) -> Iterator[Diagnostic]:
    status = {}
    for item in (*site.responses, *site.documents):
        for text in item.texts.values():
            status[text.source] = "ready" if site.is_published(item) else "held"
    attachments = {a.source: a.langs for a in site.attachments}
    for text, lang in _texts(site):
        for link in text.profile.links:
            target = resolve(text.source, link.target)
            line = text.body_line + link.line_offset
            other = "cy" if lang == "en" else "en"
            if target in attachments:
                if lang not in attachments[target]:
                    yield WRONG_LANGUAGE_LINK.at(
                        text.source,
                        line,
                        target=link.target,
                        other="Welsh" if other == "cy" else "English",
                        fixed=f"a file named without the .{other} ending, or with .{lang}",
                    )
                continue
            if target in status:
                if target.endswith(f".{other}.md"):
                    fixed = link.target[: -len(".xx.md")] + f".{lang}.md"
                    yield WRONG_LANGUAGE_LINK.at(
                        text.source,
                        line,
                        target=link.target,
                        other="Welsh" if other == "cy" else "English",
                        fixed=fixed,
                    )
                elif status[target] != "ready" and status[text.source] == "ready":
                    yield DRAFT_LINK.at(text.source, line, target=link.target)
                continue
            if target in site.discovered:
                continue  # the target exists but has problems of its own, reported there
            yield BROKEN_LINK.at(text.source, line, target=link.target, resolved=target, lang=lang)


@site_check
def attachments_linked(site: Site) -> Iterator[Diagnostic]:
    published = {a.source for a in site.published_attachments()}
    for attachment in site.attachments:
        if attachment.source not in published:
            yield UNLINKED_ATTACHMENT.at(attachment.source, 0)
