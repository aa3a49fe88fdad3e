"""The site's sitemap at its root: every page in both languages, each with its
language alternates (hreflang en, cy and x-default), as search engines expect for a
bilingual site. Sitemaps need absolute addresses, so it is written only when mkdocs.yml
gives site_url."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_xml(
    site_url: str, urls: Iterable[str], langs: Iterable[str], lastmod: dict[str, datetime]
) -> str:
    """``urls``: page addresses relative to a language's site ("register/pcc24-001/")."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    languages = list(langs)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for address in sorted(set(urls)):
        for lang in languages:
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{site_url}{lang}/{address}"
            if address in lastmod:
                ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = (
                    lastmod[address].date().isoformat()
                )
            for other in languages:
                ET.SubElement(
                    entry,
                    f"{{{XHTML}}}link",
                    {"rel": "alternate", "hreflang": other, "href": f"{site_url}{other}/{address}"},
                )
            ET.SubElement(
                entry,
                f"{{{XHTML}}}link",
                {"rel": "alternate", "hreflang": "x-default", "href": site_url},
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
