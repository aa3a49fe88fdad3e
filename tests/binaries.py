"""Small attachment files made on the fly with the real libraries that write them, so the
red-team corpus needs no committed binaries: PDF (reportlab, then pypdf), Word
(python-docx), Excel (openpyxl) and images (Pillow)."""

from __future__ import annotations

import io
import zipfile

from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text as TextNote
from pypdf.generic import DecodedStreamObject, NameObject
from reportlab.pdfgen import canvas

CLEAN_XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Budget 2024-25</rdf:li></rdf:Alt></dc:title>
{creator}<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def xmp(description: str = "Briefing", creator: str = "") -> bytes:
    who = (
        f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>" if creator else ""
    )
    return CLEAN_XMP.replace(b"{creator}", who.encode()).replace(
        b"{description}", description.encode()
    )


def pdf(
    text: str = "The force budget for 2024-25 is 123.4 million pounds.",
    *,
    black_box: bool = False,
    author: str = "",
    xmp_packet: bytes | None = None,
    note: str | None = None,
    form_value: str | None = None,
    embedded: tuple[str, bytes] | None = None,
    link: str | None = None,
) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.setAuthor(author or "anonymous")
    page.drawString(72, 720, text)
    if black_box:  # a "redaction" drawn over selectable text: hides nothing from a reader
        page.setFillColorRGB(0, 0, 0)
        page.rect(68, 712, 460, 22, fill=1, stroke=0)
    if link is not None:  # a link annotation, as "Save as PDF" makes from a hyperlink
        page.linkURL(link, (72, 700, 300, 716), relative=0)
    if form_value is not None:
        page.acroForm.textfield(name="requester", value=form_value, x=72, y=600, width=300)
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    if note is not None:
        writer.add_annotation(0, TextNote(rect=(50, 500, 250, 550), text=note, open=True))
    if embedded is not None:
        writer.add_attachment(*embedded)
    if xmp_packet is not None:
        stream = DecodedStreamObject()
        stream.set_data(xmp_packet)
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


def docx(
    body: str = "The estates strategy was approved in 2023.",
    *,
    header: str | None = None,
    footer: str | None = None,
    comment: str | None = None,
    deleted: str | None = None,
    author: str = "",
) -> bytes:
    import docx as python_docx
    from docx.oxml import parse_xml

    document = python_docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = ""
    paragraph = document.add_paragraph(body)
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    if comment is not None:
        document.add_comment(paragraph.runs, text=comment, author="Reviewer", initials="R")
    if deleted is not None:  # a tracked deletion, as Word stores it
        paragraph._p.append(
            parse_xml(
                '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'w:id="91" w:author="Reviewer" w:date="2024-04-10T10:00:00Z">'
                f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
            )
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(
    rows: list[list[object]] | None = None,
    *,
    hidden_sheet: list[list[object]] | None = None,
    very_hidden: bool = False,
    hide_row: int | None = None,
    hide_column: str | None = None,
    comment: tuple[str, str] | None = None,
    defined_name: tuple[str, str] | None = None,
    creator: str | None = None,
    pivot_records: list[str] | None = None,
) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    book = openpyxl.Workbook()
    book.properties.creator = creator
    sheet = book.active
    sheet.title = "Officers"
    for row in rows or [["County", "Officers"], ["Powys", 240], ["Ceredigion", 180]]:
        sheet.append(row)
    if hidden_sheet is not None:
        other = book.create_sheet("Staff")
        for row in hidden_sheet:
            other.append(row)
        other.sheet_state = "veryHidden" if very_hidden else "hidden"
    if hide_row is not None:
        sheet.row_dimensions[hide_row].hidden = True
    if hide_column is not None:
        sheet.column_dimensions[hide_column].hidden = True
    if comment is not None:
        sheet[comment[0]].comment = Comment(comment[1], "Reviewer")
    if defined_name is not None:
        book.defined_names[defined_name[0]] = DefinedName(
            defined_name[0], attr_text=f'"{defined_name[1]}"'
        )
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    if pivot_records is None:
        return data
    # A pivot table's cache, as Excel stores it beside the workbook: the source data.
    items = "".join(f'<s v="{value}"/>' for value in pivot_records)
    definition = (
        '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<cacheFields count="1"><cacheField name="Name"><sharedItems>{items}</sharedItems>'
        "</cacheField></cacheFields></pivotCacheDefinition>"
    )
    records = (
        '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f'<r><s v="{value}"/></r>' for value in pivot_records)
        + "</pivotCacheRecords>"
    )
    return _add_parts(
        data,
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": definition,
            "xl/pivotCache/pivotCacheRecords1.xml": records,
        },
    )


def _add_parts(package: bytes, parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, text in parts.items():
            target.writestr(name, text)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A Word package whose one extra part unpacks to 210 MB of zeros."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx()), "r") as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        with target.open("word/media/filler.bin", "w") as filler:
            block = b"\0" * (1024 * 1024)
            for _ in range(210):
                filler.write(block)
    return out.getvalue()


def jpeg(*, artist: str | None = None, gps: bool = False, xmp_packet: bytes | None = None) -> bytes:
    image = Image.new("RGB", (8, 8), (0, 90, 60))
    exif = Image.Exif()
    if artist is not None:
        exif[ExifTags.Base.Artist] = artist
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 51.0, 36.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (4.0, 18.0, 0.0),
        }
    out = io.BytesIO()
    options: dict[str, object] = {"exif": exif.tobytes()} if len(exif) else {}
    if xmp_packet is not None:
        options["xmp"] = xmp_packet
    image.save(out, "JPEG", **options)
    return out.getvalue()


def png(text: dict[str, str] | None = None) -> bytes:
    image = Image.new("RGB", (8, 8), (200, 200, 200))
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def docx_with_link(text: str, target: str) -> bytes:
    """A Word document whose only text is a hyperlink to ``target``."""
    import docx as python_docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    document = python_docx.Document()
    document.core_properties.author = ""
    paragraph = document.add_paragraph("See ")
    rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{rel}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        )
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def jpeg_with_iptc(byline: str) -> bytes:
    """A JPEG with an IPTC by-line (record 2, dataset 80) in its APP13 segment."""
    plain = jpeg()
    value = byline.encode()
    dataset = b"\x1c\x02\x50" + len(value).to_bytes(2, "big") + value
    resource = b"8BIM\x04\x04\x00\x00" + len(dataset).to_bytes(4, "big") + dataset
    if len(dataset) % 2:
        resource += b"\x00"
    body = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body
    return plain[:2] + segment + plain[2:]
