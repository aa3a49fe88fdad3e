"""An Atom feed (RFC 4287) per language of the register's responses and the briefing
documents, newest change first, so that every candidate who subscribes is told of a new
or changed answer at the same moment as every other."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class Entry:
    key: str  # stable within the site: "register/PCC24-001", "briefing-pack/budget"
    title: str
    address: str  # relative to the language's site, e.g. "register/pcc24-001/"
    published: datetime
    updated: datetime
    summary: str
    category: str | None = None


def feed_xml(
    *,
    lang: str,
    title: str,
    subtitle: str,
    author: str,
    authority: str,  # a domain the office controls, for the tag: identifiers
    year: int,
    base: str | None,  # the language site's absolute address, if known
    entries: list[Entry],
    fallback_updated: datetime,
) -> str:
    ET.register_namespace("", ATOM)

    def tag(name: str) -> str:
        return f"{{{ATOM}}}{name}"

    def href(address: str) -> str:
        return f"{base}{address}" if base else address

    feed = ET.Element(tag("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, tag("id")).text = f"tag:{authority},{year}:feed/{lang}"
    ET.SubElement(feed, tag("title")).text = title
    ET.SubElement(feed, tag("subtitle")).text = subtitle
    ordered = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)
    updated = max((e.updated for e in ordered), default=fallback_updated)
    ET.SubElement(feed, tag("updated")).text = updated.isoformat()
    ET.SubElement(
        feed, tag("link"), {"rel": "self", "type": "application/atom+xml", "href": href(FEED_FILE)}
    )
    ET.SubElement(feed, tag("link"), {"rel": "alternate", "type": "text/html", "href": href("")})
    ET.SubElement(ET.SubElement(feed, tag("author")), tag("name")).text = author
    for item in ordered:
        entry = ET.SubElement(feed, tag("entry"))
        ET.SubElement(entry, tag("id")).text = f"tag:{authority},{year}:{item.key}/{lang}"
        ET.SubElement(entry, tag("title")).text = item.title
        ET.SubElement(
            entry,
            tag("link"),
            {"rel": "alternate", "type": "text/html", "href": href(item.address)},
        )
        ET.SubElement(entry, tag("published")).text = item.published.isoformat()
        ET.SubElement(entry, tag("updated")).text = item.updated.isoformat()
        ET.SubElement(entry, tag("summary")).text = item.summary
        if item.category:
            ET.SubElement(entry, tag("category"), {"term": item.category})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
