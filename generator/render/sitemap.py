"""The site's sitemap at its root: every page in both languages, each with its
language alternates (hreflang en, cy and x-default), as search engines expect for a
bilingual site. Sitemaps need absolute addresses, so it is written only when mkdocs.yml
gives site_url."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from xml.sax.saxutils import escape

# As an element tree writes an attribute's value, in double quotes.
_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap_xml(
    site_url: str, urls: Iterable[str], langs: Iterable[str], lastmod: dict[str, datetime]
) -> str:
    """``urls``: page addresses relative to a language's site ("register/pcc24-001/").
    Written as text: a large register's sitemap has tens of thousands of elements, which
    an element tree takes seconds to build and write."""
    languages = list(langs)
    addresses = sorted(set(urls))
    if not addresses:
        return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP}" />\n'
    default = (
        f'    <xhtml:link rel="alternate" hreflang="x-default" href="{_attribute(site_url)}" />'
    )
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">',
    ]
    for address in addresses:
        for lang in languages:
            out += ["  <url>", f"    <loc>{escape(f'{site_url}{lang}/{address}')}</loc>"]
            if address in lastmod:
                out.append(f"    <lastmod>{lastmod[address].date().isoformat()}</lastmod>")
            out += [
                f'    <xhtml:link rel="alternate" hreflang="{_attribute(other)}" '
                f'href="{_attribute(f"{site_url}{other}/{address}")}" />'
                for other in languages
            ]
            out += [default, "  </url>"]
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def _attribute(value: str) -> str:
    return escape(value, _ATTRIBUTE)
