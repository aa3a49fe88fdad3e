"""PDF files, read with pypdf: the text layer, metadata, annotations, forms, embedded files.

The text layer is read whole, so text under a black box drawn over it (the MoD's 2011
failure) is found: a box hides text from the eye, not from copy and paste. Embedded
files are found both in the document's list of attachments and on its pages, where a
paper-clip note carries a file of its own that the list does not name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from generator.redaction.attachments import (
    UNREADABLE,
    Inspection,
    Piece,
)
from generator.redaction.attachments.ooxml import xml_text
from generator.rules.registry import rule

if TYPE_CHECKING:
    from pypdf.generic import DictionaryObject

EMBEDDED_FILE = rule(
    "A008",
    "embedded-file",
    "the PDF carries {count} embedded file{plural} ({where}), published with it unseen",
    "remove the attachments from the PDF, paper-clip icons on its pages included (or make "
    "the PDF again from the document without them), and publish any file that should be "
    "public on its own",
    "Files embedded in a PDF travel with it but are not shown on its pages; they are "
    "easily overlooked when a document is checked.",
)

_ANNOTATION_KEYS = ("/Contents", "/T", "/Subj", "/RC")
_PERSON_KEYS = ("/Author",)


def inspect(full: Path, rel: str) -> Inspection:
    # pypdf is loaded only when a PDF is read: most checks find every PDF in the cache.
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    inspection = Inspection()
    reader = PdfReader(full)
    if reader.is_encrypted and not reader.decrypt(""):
        problem = "it is protected with a password"
        return Inspection(problems=[UNREADABLE.at(rel, 0, problem=problem)])

    # (the page it is attached to, or 0 for the document's list; name; content)
    files: list[tuple[int, str, bytes]] = []
    for number, page in enumerate(reader.pages, start=1):
        inspection.pieces.append(Piece(f"in the text of page {number}", page.extract_text()))
        annotations = page.get("/Annots")
        for annotation in _resolve(annotations) if annotations is not None else []:
            values = _resolve(annotation)
            if isinstance(values, DictionaryObject):
                text = "\n".join(str(values[k]) for k in _ANNOTATION_KEYS if k in values)
                action = _resolve(values.get("/A"))
                if isinstance(action, DictionaryObject) and "/URI" in action:
                    text += f"\n{action['/URI']}"
                if text:
                    inspection.pieces.append(Piece(f"in a note on page {number}", text))
                attached = _attached_file(values)
                if attached is not None:
                    name, content = attached
                    if content is not None:
                        files.append((number, name, content))
                    elif name:  # names a file kept elsewhere: only the name is in the PDF
                        inspection.pieces.append(Piece(f"in a note on page {number}", name))

    titles = _outline_titles(reader.outline)
    if titles:
        inspection.pieces.append(Piece("in the bookmarks", "\n".join(titles)))

    info = reader.metadata or {}
    properties = "\n".join(f"{value}" for value in info.values())
    if properties:
        inspection.pieces.append(Piece("in the document information", properties))
    for key in _PERSON_KEYS:
        inspection.author(key[1:], info.get(key))

    root = reader.trailer["/Root"]
    if "/Metadata" in root:
        data = root["/Metadata"].get_object().get_data()
        inspection.pieces.append(Piece("in the XMP metadata", xml_text(data)))
        inspection.author("XMP creator", _xmp_creator(data))

    for name, field in (reader.get_fields() or {}).items():
        text = "\n".join(str(v) for v in (name, field.get("/V"), field.get("/TU")) if v)
        inspection.pieces.append(Piece("in a form field", text))

    for name, contents in reader.attachments.items():
        files += [(0, name, data) for data in contents]
    if files:
        # One file can be both listed and attached to a page: it is counted once.
        count = len({(name, data) for _page, name, data in files})
        places = [
            f"on page {page}" if page else "in its list of attachments"
            for page in dict.fromkeys(page for page, _name, _data in files)
        ]
        where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
        inspection.problems.append(
            EMBEDDED_FILE.at(rel, 0, count=count, plural="s" if count != 1 else "", where=where)
        )
        for page, name, data in dict.fromkeys(files):
            text = data.decode("utf-8", errors="replace")
            label = f"in a file attached to page {page}" if page else "in an embedded file"
            inspection.pieces.append(Piece(label, f"{name}\n{text}"))
    return inspection


def _attached_file(annotation: DictionaryObject) -> tuple[str, bytes | None] | None:
    """The name and content of the file a paper-clip annotation carries (content None
    when the file is only named, not kept in the PDF). Such a file is kept on its page,
    not in the document's list of attachments, so it is looked for here."""
    if annotation.get("/Subtype") != "/FileAttachment":
        return None
    from pypdf.generic import DictionaryObject, StreamObject

    spec = _resolve(annotation.get("/FS"))
    if not isinstance(spec, DictionaryObject):
        return (str(spec), None) if spec else None
    # The file specification's own keys (PDF 32000-1, 7.11.3), read directly rather
    # than through a pypdf helper that only its newest releases have.
    name = str(next((_resolve(spec[k]) for k in ("/UF", "/F", "/DOS") if spec.get(k)), ""))
    streams = _resolve(spec.get("/EF"))
    if not isinstance(streams, DictionaryObject):
        return name, None
    stream = _resolve(streams.get("/UF") or streams.get("/F"))
    return name, (stream.get_data() if isinstance(stream, StreamObject) else None)


def _outline_titles(outline: object) -> list[str]:
    if isinstance(outline, list):
        return [title for item in outline for title in _outline_titles(item)]
    title = getattr(outline, "title", None)
    return [str(title)] if title else []


def _resolve(value: object) -> object:
    from pypdf.generic import ArrayObject

    while hasattr(value, "get_object"):
        resolved = value.get_object()  # type: ignore[attr-defined]
        if resolved is value:
            break
        value = resolved
    if isinstance(value, ArrayObject):
        return [item for item in value]
    return value


def _xmp_creator(data: bytes) -> str:
    """The text of the XMP packet's dc:creator, if any."""
    match = re.search(rb"<dc:creator\b.*?</dc:creator>", data, re.S)
    if not match:
        return ""
    return re.sub(r"<[^>]+>|\s+", " ", match.group().decode("utf-8", "replace")).strip()
