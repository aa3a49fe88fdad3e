"""Small attachment files made on the fly with the real libraries that write them, so the
red-team corpus needs no committed binaries: PDF (reportlab, then pypdf), Word
(python-docx), Excel (openpyxl) and images (Pillow)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Mapping

from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text as TextNote
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)
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
    attached: tuple[str, bytes] | None = None,
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
    if attached is not None:
        writer.add_annotation(0, _paper_clip(writer, *attached))
    if xmp_packet is not None:
        stream = DecodedStreamObject()
        stream.set_data(xmp_packet)
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


def _paper_clip(writer: PdfWriter, name: str, data: bytes) -> DictionaryObject:
    """A file attachment annotation (a paper-clip icon on the page), as Acrobat's
    "Attach File" comment tool makes: the file is kept in the annotation, not in the
    document's list of attachments."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(name),
            NameObject("/UF"): TextStringObject(name),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(stream)}),
        }
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (500, 700, 520, 720)),
            NameObject("/Name"): NameObject("/Paperclip"),
            NameObject("/FS"): writer._add_object(spec),
        }
    )


def docx(
    body: str = "The estates strategy was approved in 2023.",
    *,
    header: str | None = None,
    footer: str | None = None,
    comment: str | None = None,
    deleted: str | None = None,
    author: str = "",
    picture: bytes | None = None,
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
    if picture is not None:  # stored as given, in word/media/image1.jpg
        document.add_picture(io.BytesIO(picture))
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
    picture: bytes | None = None,
) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image as SheetImage
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
    if picture is not None:  # stored as given, in xl/media/image1.jpeg
        sheet.add_image(SheetImage(io.BytesIO(picture)), "D2")
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
    return add_parts(
        data,
        {
            "xl/pivotCache/pivotCacheDefinition1.xml": definition,
            "xl/pivotCache/pivotCacheRecords1.xml": records,
        },
    )


def add_parts(package: bytes, parts: Mapping[str, str | bytes]) -> bytes:
    """``package`` with ``parts`` added, or put in place of the parts of those names."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item.filename))
        for name, text in parts.items():
            target.writestr(name, text)
    return out.getvalue()


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _relate(package: bytes, rels: str, kind: str, target: str) -> str:
    """The text of the part ``rels`` with one more relationship, of type ``kind``."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        text = source.read(rels).decode("utf-8")
    added = f'<Relationship Id="rIdEmbed1" Type="{_RELATIONSHIPS}/{kind}" Target="{target}"/>'
    return text.replace("</Relationships>", added + "</Relationships>")


def docx_with_embedded(name: str, data: bytes, *, kind: str = "package") -> bytes:
    """A Word document with a file embedded whole, as Word keeps an inserted object:
    ``name`` is its place in the package (word/embeddings/... where Word puts it), and a
    relationship of type ``kind`` (package, oleObject, aFChunk) points to it."""
    package = docx()
    rels = "word/_rels/document.xml.rels"
    target = name.removeprefix("word/")
    return add_parts(package, {name: data, rels: _relate(package, rels, kind, target)})


def docx_with_chart(workbook: bytes) -> bytes:
    """A Word document with a chart, as Word keeps one: the chart's part, and the whole
    workbook of its figures beside it in word/embeddings/."""
    chart = (
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        "<c:chart><c:plotArea/></c:chart></c:chartSpace>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/package" '
        'Target="../embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>'
    )
    return add_parts(
        docx(),
        {
            "word/charts/chart1.xml": chart,
            "word/charts/_rels/chart1.xml.rels": rels,
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook,
        },
    )


def xlsx_with_embedded(files: dict[str, bytes]) -> bytes:
    """A workbook with files kept in the package, each at its name (xl/embeddings/...)."""
    return add_parts(xlsx(), files)


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


def jpeg(
    *,
    artist: str | None = None,
    gps: bool = False,
    xmp_packet: bytes | None = None,
    tags: dict[int, str] | None = None,
    exif_tags: dict[int, str] | None = None,
) -> bytes:
    """A small JPEG; ``tags`` go in the main EXIF directory (IFD0), ``exif_tags`` in the
    EXIF sub-directory, where cameras put the owner's name and serial numbers."""
    image = Image.new("RGB", (8, 8), (0, 90, 60))
    exif = Image.Exif()
    if artist is not None:
        exif[ExifTags.Base.Artist] = artist
    for tag, value in (tags or {}).items():
        exif[tag] = value
    if exif_tags:
        exif.get_ifd(ExifTags.IFD.Exif).update(exif_tags)
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (51.0, 51.0, 36.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (4.0, 18.0, 0.0),
        }
    out = io.BytesIO()
    options: dict[str, object] = {"exif": exif.tobytes()} if len(exif) or exif_tags else {}
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
    value = byline.encode()
    dataset = b"\x1c\x02\x50" + len(value).to_bytes(2, "big") + value
    return _with_photoshop(jpeg(), {0x0404: dataset})


def jpeg_with_thumbnail() -> bytes:
    """A JPEG whose EXIF keeps a thumbnail (IFD1), as a camera writes one and an editor
    may leave it unchanged after the picture is cropped. Pillow does not write IFD1, so
    the EXIF block is laid out by hand (little-endian TIFF)."""
    small = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(small, "JPEG")
    thumbnail = small.getvalue()
    ifd0_at, ifd1_at = 8, 8 + 2 + 12 + 4
    thumbnail_at = ifd1_at + 2 + 3 * 12 + 4
    tiff = b"II*\x00" + struct.pack("<I", ifd0_at)
    tiff += struct.pack("<H", 1) + struct.pack("<HHII", 0x0112, 3, 1, 1)  # Orientation
    tiff += struct.pack("<I", ifd1_at)  # the next directory: the thumbnail's
    tiff += struct.pack("<H", 3)
    tiff += struct.pack("<HHII", 0x0103, 3, 1, 6)  # Compression: JPEG
    tiff += struct.pack("<HHII", 0x0201, 4, 1, thumbnail_at)  # JPEGInterchangeFormat
    tiff += struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail))  # ...Length
    tiff += struct.pack("<I", 0) + thumbnail
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 60)).save(out, "JPEG", exif=b"Exif\x00\x00" + tiff)
    return out.getvalue()


def _with_photoshop(plain: bytes, resources: dict[int, bytes]) -> bytes:
    """``plain`` (a JPEG) with Photoshop image resources in an APP13 segment."""
    body = b"Photoshop 3.0\x00"
    for code, data in resources.items():
        body += b"8BIM" + code.to_bytes(2, "big") + b"\x00\x00" + len(data).to_bytes(4, "big")
        body += data + (b"\x00" if len(data) % 2 else b"")
    segment = b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body
    return plain[:2] + segment + plain[2:]


def jpeg_with_photoshop_thumbnail() -> bytes:
    """A JPEG saved by Photoshop, with its thumbnail resource (ID 1036)."""
    small = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(small, "JPEG")
    header = struct.pack(">IIIIIIHH", 1, 4, 4, 12, 48, len(small.getvalue()), 24, 1)
    return _with_photoshop(jpeg(), {0x040C: header + small.getvalue()})
