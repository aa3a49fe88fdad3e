"""Links between published pages, relative so the site works under any sub-path."""

from __future__ import annotations

import posixpath

from generator.content.addresses import relative, url_of


def md_link(from_address: str, to_address: str) -> str:
    """A link for Markdown text: to the target's file, which MkDocs checks and rewrites."""
    return relative(from_address, to_address)


def url(from_address: str, to_address: str) -> str:
    """A link for HTML: the directory URL of the target, relative to the page's URL."""
    start = url_of(from_address).rstrip("/") or "."
    target_url = url_of(to_address)
    target = target_url.rstrip("/") or "."
    path = posixpath.relpath(target, start)
    if target_url.endswith("/") or target == ".":
        return "./" if path == "." else path + "/"
    return path


def depth(address: str) -> int:
    """How many folders deep a page's URL is inside its language folder."""
    return url_of(address).count("/")


def twin_url(address: str, lang: str) -> str:
    """From a page to the same page in the other language's folder."""
    return "../" * (depth(address) + 1) + f"{lang}/" + url_of(address)
