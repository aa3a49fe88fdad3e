"""Word (.docx) and Excel (.xlsx) files: every part of the package, hidden ones included.

Both are zip packages of XML parts. Every XML part is read with defusedxml (no entity
expansion), so text survives wherever it hides: tracked deletions, comments, headers and
footers, footnotes, text boxes, pivot-cache records, unused shared strings, document
properties. python-docx reads neither tracked deletions nor every part, so the package is
read directly. For workbooks, openpyxl also says which sheets, rows and columns are
hidden and where each cell and comment is, so findings name the sheet and cell.

The parts that are not XML are files of their own: a workbook or document embedded
whole (an error: it cannot be checked from here, and it is published unseen), and
pictures, whose metadata is read as a published image's is.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path

from defusedxml import ElementTree

from generator.redaction.attachments import (
    MAX_UNPACKED,
    TOO_LARGE,
    UNREADABLE,
    Inspection,
    Piece,
    size_text,
)
from generator.redaction.attachments.images import read_metadata
from generator.rules.registry import rule

TRACKED_CHANGES = rule(
    "A007",
    "comments-or-tracked-changes",
    "the file still holds {what}, which any reader can reveal",
    "accept or reject every change and delete every comment (Review tab), then save again; "
    "or publish a PDF made from the clean document",
    "Deleted text and comments stay inside the file; a tracked deletion of a name is a "
    "published name.",
)
HIDDEN_SHEET = rule(
    "A002",
    "hidden-sheet",
    "sheet {sheet} is {state}",
    "publish each table as a CSV file instead of the workbook (the ICO's advice), or delete "
    "the sheet",
    "The PSNI's 2023 breach was a hidden tab listing every officer; a hidden sheet is "
    "published with the file.",
)
HIDDEN_CELLS = rule(
    "A003",
    "hidden-rows-or-columns",
    "sheet {sheet} has hidden {what}",
    "publish the visible table as a CSV file instead, or delete the hidden rows and columns",
    "Hidden rows and columns are one click from view in any spreadsheet program.",
)
PIVOT_CACHE = rule(
    "A004",
    "pivot-cache",
    "the workbook holds a pivot table's cache of its source data",
    "publish the pivot table's figures as a CSV file instead of the workbook",
    "Islington Council's 2013 breach: a pivot table's cache carried the personal data of "
    "2,375 residents, hidden in a published spreadsheet.",
)

EMBEDDED_OBJECT = rule(
    "A010",
    "embedded-object",
    "the file has {files} embedded in it, published with it unseen",
    "delete the embedded object (for a chart, paste it back in as a picture), save again, "
    "and publish any file that should be public on its own",
    "A workbook or document embedded in a Word or Excel file travels whole inside it, "
    "though the page shows only an icon, a preview or a chart; one double-click opens all "
    "of it, sheets the chart does not show included.",
)

CROPPED_PICTURE = rule(
    "A011",
    "cropped-picture",
    "{count} picture{plural} cropped in the file keep{verb} the whole original inside it",
    "select the picture, choose Picture Format > Compress Pictures, tick 'Delete cropped "
    "areas of pictures' and save again; or crop the picture in an image editor and put "
    "that copy in the document",
    "Cropping in Word or Excel only hides the edges: the whole picture stays in the file, "
    "and anyone can reset the crop and see what was cut off.",
)

_WORD_PARTS = (
    (r"word/document\.xml", "in the body"),
    (r"word/header\d*\.xml", "in a header"),
    (r"word/footer\d*\.xml", "in a footer"),
    (r"word/comments[A-Za-z]*\.xml", "in a comment"),
    (r"word/footnotes\.xml", "in a footnote"),
    (r"word/endnotes\.xml", "in an endnote"),
)
_COMMON_PARTS = (
    (r"docProps/core\.xml", "in the document properties"),
    (r"docProps/app\.xml", "in the application properties"),
    (r"docProps/custom\.xml", "in the custom properties"),
    (r"xl/pivotCache/.*", "in a pivot table's cache"),
    (r"xl/sharedStrings\.xml", "in the workbook's stored text"),
    (r"xl/comments.*|xl/threadedComments/.*", "in a cell comment"),
    (r"xl/workbook\.xml", "in the workbook's names"),
    (r"xl/externalLinks/.*", "in a link to another workbook"),
    (r"(xl|word)/(drawings|charts)/.*", "in a drawing or chart"),
)
# Elements after which a line ends, so that words in separate cells or paragraphs are
# not run together, and attributes that carry text (pivot-cache values, change authors).
_BLOCKS = frozenset({"p", "si", "row", "tr", "comment", "definedName", "author", "c", "is"})
# Runs of text that Word and Excel split a word across ("Gar" + "eth"): joined as they are.
_RUNS = frozenset({"t", "delText", "instrText"})
# Target: hyperlinks (mailto: too) in .rels parts; descr and title: images' alt text.
_TEXT_ATTRIBUTES = frozenset(
    {"v", "author", "initials", "name", "caption", "Target", "descr", "title"}
)
_PERSON_PROPERTIES = ("creator", "lastModifiedBy", "Manager")

# Relationships to a file kept whole inside the package: an OLE object, an embedded
# Office package, and an "alternative format" chunk (a file Word imports when opened).
_EMBEDDING_RELATIONSHIPS = frozenset({"oleObject", "package", "aFChunk"})
# What an embedded file is, by its ending, as (one, several).
_EMBEDDED_KINDS = (
    ((".xlsx", ".xlsm", ".xlsb", ".xls"), ("spreadsheet", "spreadsheets")),
    ((".docx", ".docm", ".doc", ".rtf"), ("Word document", "Word documents")),
    ((".pptx", ".pptm", ".ppt", ".sldx"), ("presentation", "presentations")),
    ((".pdf",), ("PDF", "PDFs")),
    ((".bin",), ("object from another program", "objects from other programs")),
)
_OTHER_KIND = ("other file", "other files")
# A chart made in Word keeps the workbook of its figures (all of it) inside the document.
_CHART_KIND = ("workbook behind a chart", "workbooks behind charts")
# Pictures Pillow reads whose metadata cameras and editors fill. Drawings (EMF, WMF,
# SVG) carry no camera metadata; the text drawn in them shows on the page.
# DrawingML's crop of a picture: <a:srcRect l="25000" r="10000"/>, in thousandths of
# a percent of each side.
_SOURCE_RECTANGLE = re.compile(rb"<(?:[\w.-]+:)?srcRect\b([^>]*)>")
_EDGE = re.compile(rb"\b[ltrb]\s*=\s*[\"'](-?[\d.]+)%?[\"']")  # '25000', or '25%' (Strict)
# The older VML form, in Word's legacy drawings: cropleft="5243f" (65536ths) or "0.08".
_VML_PICTURE = re.compile(rb"<(?:[\w.-]+:)?imagedata\b([^>]*)>")
_VML_EDGE = re.compile(rb"\bcrop(?:left|top|right|bottom)\s*=\s*[\"'](-?[\d.]+)f?[\"']")
# The parts that place pictures: Word's body, headers, footers and notes, and every
# drawing, chart and diagram (not the sheets' cells, which may be large and hold none).
_DRAWING_PART = re.compile(
    r"word/[^/]+\.xml|(?:word|xl|ppt)/(?:drawings|charts|diagrams)/[^/]+\.(?:xml|vml)"
    r"|(?:word|xl)/[^/]*\.vml"
)
_IMAGE_ENDINGS = (".jpeg", ".jpg", ".jpe", ".jfif", ".png", ".gif", ".tif", ".tiff", ".webp")


def _open(full: Path, rel: str, inspection: Inspection) -> zipfile.ZipFile | None:
    package = zipfile.ZipFile(full)
    total = sum(info.file_size for info in package.infolist())
    if total > MAX_UNPACKED:
        inspection.problems.append(
            TOO_LARGE.at(rel, 0, size=size_text(total), limit=size_text(MAX_UNPACKED))
        )
        return None
    return package


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def xml_text(data: bytes) -> str:
    """The text of an XML part: text nodes, text-bearing attributes, a line per block."""
    root = ElementTree.fromstring(data)
    out: list[str] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        name = _local(element.tag)
        for attribute, value in element.attrib.items():
            if _local(attribute) in _TEXT_ATTRIBUTES and value:
                out.append(f"\n{value}\n")
        if element.text:
            out.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                out.append(child.tail)
        leaf_field = len(element) == 0 and element.text and name not in _RUNS
        if name in _BLOCKS or leaf_field:
            out.append("\n")

    walk(root)
    return re.sub(r"\n{3,}", "\n\n", "".join(out))


def _label(name: str) -> str:
    if name.endswith(".rels"):
        return "in a link or relationship"
    for pattern, where in (*_WORD_PARTS, *_COMMON_PARTS):
        if re.fullmatch(pattern, name):
            return where
    return f"in the part {name}"


def _properties(package: zipfile.ZipFile, inspection: Inspection) -> None:
    names = package.namelist()
    for part in ("docProps/core.xml", "docProps/app.xml"):
        if part in names:
            for element in ElementTree.fromstring(package.read(part)):
                if _local(element.tag) in _PERSON_PROPERTIES:
                    inspection.author(_local(element.tag), element.text)


def _parts(package: zipfile.ZipFile) -> list[Piece]:
    pieces = []
    for name in sorted(package.namelist()):
        if not name.endswith((".xml", ".rels")):
            continue
        pieces.append(Piece(where=_label(name), text=xml_text(package.read(name))))
    return pieces


def _embedded(package: zipfile.ZipFile) -> dict[str, bool]:
    """The parts that are whole files kept inside the package: those in an embeddings
    folder, where Word and Excel put them, and any other part a relationship names as
    an embedded object; each with whether a chart holds it (its figures' workbook)."""
    names = package.namelist()
    found = dict.fromkeys((name for name in names if "embeddings/" in name), False)
    for rels in names:
        if not rels.endswith(".rels"):
            continue
        # word/_rels/document.xml.rels: targets are relative to word/.
        base = posixpath.dirname(posixpath.dirname(rels))
        for relationship in ElementTree.fromstring(package.read(rels)):
            kind = relationship.get("Type", "").rsplit("/", 1)[-1]
            target = relationship.get("Target", "")
            if kind not in _EMBEDDING_RELATIONSHIPS or relationship.get("TargetMode") == "External":
                continue
            part = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            part = posixpath.normpath(part)
            if part in names:
                found[part] = found.get(part, False) or "/charts/" in f"/{base}/"
    return dict(sorted(found.items()))


def _kind(part: str, chart: bool) -> tuple[str, str]:
    if chart:
        return _CHART_KIND
    ending = part.lower()
    return next(
        (kind for endings, kind in _EMBEDDED_KINDS if ending.endswith(endings)), _OTHER_KIND
    )


def _describe(parts: dict[str, bool]) -> str:
    """'1 spreadsheet', '2 spreadsheets and 1 workbook behind a chart'."""
    counts = Counter(_kind(part, chart) for part, chart in parts.items())
    said = [f"{n} {one if n == 1 else several}" for (one, several), n in counts.items()]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def _cropped(package: zipfile.ZipFile) -> int:
    """How many pictures the package shows cropped: each is kept whole."""
    count = 0
    for name in package.namelist():
        if _DRAWING_PART.fullmatch(name):
            data = package.read(name)
            for pattern, edge in ((_SOURCE_RECTANGLE, _EDGE), (_VML_PICTURE, _VML_EDGE)):
                for attributes in pattern.findall(data):
                    # Offsets inward from each edge; negative ones pad, hiding nothing.
                    if any(_inward(value) for value in edge.findall(attributes)):
                        count += 1
    return count


def _inward(value: bytes) -> bool:
    try:
        return float(value) > 0
    except ValueError:  # '1.2.3': no program writes it; taken as a crop, not passed
        return True


def _hidden_files(package: zipfile.ZipFile, rel: str, inspection: Inspection) -> None:
    """Embedded files (A010), cropped pictures (A011) and the metadata of every picture
    in the package (A005)."""
    embedded = _embedded(package)
    if embedded:
        inspection.problems.append(EMBEDDED_OBJECT.at(rel, 0, files=_describe(embedded)))
    cropped = _cropped(package)
    if cropped:
        many = cropped != 1
        inspection.problems.append(
            CROPPED_PICTURE.at(
                rel, 0, count=cropped, plural="s" if many else "", verb="" if many else "s"
            )
        )
    for name in sorted(package.namelist()):
        if name in embedded or not name.lower().endswith(_IMAGE_ENDINGS):
            continue
        try:
            read_metadata(io.BytesIO(package.read(name)), rel, inspection, name)
        except Exception:  # a picture whose metadata cannot be read is not passed
            problem = f"the image {name} inside it is damaged or of an unknown kind"
            inspection.problems.append(UNREADABLE.at(rel, 0, problem=problem))


def inspect_docx(full: Path, rel: str) -> Inspection:
    inspection = Inspection()
    package = _open(full, rel, inspection)
    if package is None:
        return inspection
    with package:
        inspection.pieces += _parts(package)
        _hidden_files(package, rel, inspection)
        body = b"".join(
            package.read(name)
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )
        found = []
        if re.search(rb"<w:del\b|<w:delText\b", body):
            found.append("tracked deletions")
        if re.search(rb"<w:ins\b", body):
            found.append("tracked insertions")
        if re.search(rb"<w:comment\b", body):
            found.append("comments")
        if found:
            inspection.problems.append(TRACKED_CHANGES.at(rel, 0, what=" and ".join(found)))
        _properties(package, inspection)
    return inspection


def inspect_xlsx(full: Path, rel: str) -> Inspection:
    import openpyxl

    inspection = Inspection()
    package = _open(full, rel, inspection)
    if package is None:
        return inspection
    with package:
        if any(n.startswith("xl/pivotCache/") for n in package.namelist()):
            inspection.problems.append(PIVOT_CACHE.at(rel, 0))
        _properties(package, inspection)
        workbook = openpyxl.load_workbook(full, data_only=True)
        for sheet in workbook.worksheets:
            title = f"'{sheet.title}'"
            if sheet.sheet_state != "visible":
                state = "very hidden" if sheet.sheet_state == "veryHidden" else "hidden"
                inspection.problems.append(HIDDEN_SHEET.at(rel, 0, sheet=title, state=state))
            hidden = []
            if any(d.hidden for d in sheet.row_dimensions.values()):
                hidden.append("rows")
            if any(d.hidden for d in sheet.column_dimensions.values()):
                hidden.append("columns")
            if hidden:
                inspection.problems.append(
                    HIDDEN_CELLS.at(rel, 0, sheet=title, what=" and ".join(hidden))
                )
            for row in sheet.iter_rows():
                for cell in row:
                    where = f"in sheet {title}, cell {cell.coordinate}"
                    if isinstance(cell.value, str):
                        inspection.pieces.append(Piece(where, cell.value))
                    elif isinstance(cell.value, int) and 1_000_000_000 <= cell.value < 9e9:
                        # A phone number typed into a cell loses its leading 0.
                        inspection.pieces.append(Piece(where, f"0{cell.value}"))
                    if cell.comment is not None:
                        where = f"in sheet {title}, the comment on cell {cell.coordinate}"
                        text = f"{cell.comment.author or ''}\n{cell.comment.text}"
                        inspection.pieces.append(Piece(where, text))
        if any(n.startswith(("xl/comments", "xl/threadedComments")) for n in package.namelist()):
            inspection.problems.append(TRACKED_CHANGES.at(rel, 0, what="cell comments"))
        # Then every part as stored: what the cells showed is reported once, with its
        # cell; anything left (cached, unused or hidden text) is found here.
        inspection.pieces += _parts(package)
        _hidden_files(package, rel, inspection)
    return inspection
