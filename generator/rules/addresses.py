"""D: two things that would be published at the same address."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.content.addresses import (
    GENERATED_PAGES,
    attachment_address,
    document_address,
    response_address,
    url_of,
)
from generator.content.model import Site
from generator.diagnostics import Diagnostic
from generator.rules.registry import rule, site_check

ADDRESS_CLASH = rule(
    "D001",
    "address-clash",
    "this would be published at /{address}, {clash}",
    "rename or move the file so that it has an address of its own",
    "Two files at one address would overwrite each other, and one would silently vanish.",
)


@site_check
def addresses_unique(site: Site) -> Iterator[Diagnostic]:
    # Claims are compared by URL, case folded: briefing.md and briefing/index.md are both
    # /briefing/, and Budget.md and budget.md are one file on some web servers.
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    references: dict[str, str] = {}
    for response in site.responses:
        for lang, text in response.texts.items():
            claims[lang, response_address(response.reference)].append(text.source)
            references[text.source] = response.reference
    for document in site.documents:
        for lang, text in document.texts.items():
            claims[lang, document_address(document.id)].append(text.source)
    for attachment in site.attachments:
        for lang in attachment.langs:
            claims[lang, attachment_address(attachment.source)].append(attachment.source)
    generated = {url_of(address).casefold() for address in GENERATED_PAGES}
    by_url: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (lang, address), sources in claims.items():
        by_url[lang, url_of(address).casefold()] += sources
    for (lang, address), sources in by_url.items():
        if len({references.get(s) for s in sources}) == 1 and sources[0] in references:
            continue  # responses sharing one reference: reported once, as R009
        for source in sources:
            if address in generated:
                clash = "an address the site uses for its own page"
            elif len(sources) > 1:
                clash = "as is " + ", ".join(s for s in sources if s != source)
            else:
                continue
            yield ADDRESS_CLASH.at(source, 0, address=f"{lang}/{address}", clash=clash)
