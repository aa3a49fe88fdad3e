"""E003, E004: the protocol's publishing rules for the pre-election period.

While the period lasts (its dates from content/election.yml, compared with the day the
site is checked or built for), the site carries factual information only: nothing that
promotes the Commissioner standing for re-election.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.content.model import Document, Response, Site
from generator.diagnostics import Diagnostic
from generator.rules.registry import rule, site_check
from generator.util import long_date

PROMOTIONAL_TYPE = rule(
    "E003",
    "promotional-document-in-period",
    "a '{type}' document cannot be published during the pre-election period ({start} to "
    "{end}): documents which promote the incumbent PCC should not be published",
    "keep it as 'status: draft' until after {end}, or set 'publish_from:' to a later date",
    "The joint protocol: during the pre-election period the sites are politically neutral "
    "and factual, and nothing may promote the incumbent PCC.",
)
CAMPAIGNING_LANGUAGE = rule(
    "E004",
    "campaigning-language-in-period",
    "'{phrase}' near '{role}' reads as promoting the Commissioner during the pre-election "
    "period: documents which promote the incumbent PCC should not be published",
    "state the facts neutrally (what was decided, when, at what cost), without praise or "
    "appeals to vote, or hold the document back until after {end}",
    "The joint protocol: during the pre-election period the sites are politically neutral "
    "and factual, and nothing may promote the incumbent PCC.",
)

# The Commissioner's role as written, and words that praise, promise or canvass. A
# project can add its own in content/election.yml (campaigning.roles, campaigning.words).
ROLES = {
    "en": ["Police and Crime Commissioner", "Commissioner", "PCC"],
    "cy": ["Comisiynydd Heddlu a Throseddu", "Comisiynydd", "Gomisiynydd", "CHTh"],
}
WORDS = {
    "en": [
        "re-elect",
        "vote for",
        "achievement",
        "achievements",
        "proud",
        "pledge",
        "promise",
        "promised",
        "delivered",
        "success",
        "successful",
        "record of",
        "manifesto",
        "thanks to",
        "championed",
        "tireless",
    ],
    "cy": [
        "ailethol",
        "pleidleisiwch",
        "pleidleisio dros",
        "cyflawniad",
        "cyflawniadau",
        "balch",
        "addewid",
        "addo",
        "llwyddiant",
        "llwyddiannus",
        "maniffesto",
        "diolch i",
        "diflino",
    ],
}
NEAR = 80  # characters between the phrase and the role: the same sentence, roughly


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.I)


def _in_period(site: Site) -> bool:
    election = site.election
    return bool(election) and election.pre_election_start <= site.today <= election.pre_election_end  # type: ignore[union-attr]


@site_check
def nothing_promotional_in_period(site: Site) -> Iterator[Diagnostic]:
    if not _in_period(site):
        return
    election = site.election
    assert election is not None
    start, end = long_date(election.pre_election_start), long_date(election.pre_election_end)
    items: list[Response | Document] = [
        *site.published_responses(),
        *site.published_documents(),
    ]
    roles = {
        lang: _pattern(ROLES[lang] + list(election.campaigning_roles.get(lang, ())))
        for lang in ROLES
    }
    words = {
        lang: _pattern(WORDS[lang] + list(election.campaigning_words.get(lang, ())))
        for lang in WORDS
    }
    for item in items:
        if isinstance(item, Document) and item.type in ("news", "announcement"):
            for text in item.texts.values():
                yield PROMOTIONAL_TYPE.at(
                    text.source, text.lines.get("type", 1), type=item.type, start=start, end=end
                )
            continue
        for lang, text in item.texts.items():
            content = f"{text.title}\n{text.body}"
            offset_line = text.body_line - 1  # the title is on line 0 of this text
            role_spans = [m.span() for m in roles[lang].finditer(content)]
            if not role_spans:
                continue
            for word in words[lang].finditer(content):
                near = next(
                    (
                        content[s:e]
                        for s, e in role_spans
                        if abs(s - word.start()) <= NEAR
                        and "\n\n" not in content[min(s, word.start()) : max(e, word.end())]
                    ),
                    None,
                )
                if near is None:
                    continue
                newlines = content.count("\n", 0, word.start())
                line = text.lines.get("title", 1) if newlines == 0 else offset_line + newlines
                yield CAMPAIGNING_LANGUAGE.at(
                    text.source, line, phrase=word.group(), role=near, end=end
                )
                break
