"""Files inside attachments, and pictures of what was blacked out, found where they hide:
files embedded in Word and Excel packages, pictures' metadata inside those packages,
files attached to a PDF's page with a paper-clip note, and an image's thumbnail and
free-text EXIF fields.

Each case builds a real file with the library that writes such files and reads it with
the scanner, as `opcc-site check` does; the red-team corpus runs the same files through
the whole command.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import ExifTags
from pypdf import PdfReader

from generator.redaction import attachments
from generator.redaction.attachments import Inspection
from tests import binaries


def inspected(tmp_path: Path, name: str, data: bytes) -> Inspection:
    path = tmp_path / name
    path.write_bytes(data)
    return attachments.inspect(path, name)


def messages(inspection: Inspection, code: str) -> list[str]:
    return [p.message for p in inspection.problems if p.code == code]


def pieces(inspection: Inspection, where: str) -> list[str]:
    return [p.text for p in inspection.pieces if p.where == where]


# Word and Excel: embedded files


def test_a_workbook_embedded_in_a_word_document_is_an_error(tmp_path: Path) -> None:
    inner = binaries.xlsx(rows=[["Name"], ["Bethan Morgan"]])
    data = binaries.docx_with_embedded("word/embeddings/Microsoft_Excel_Worksheet.xlsx", inner)
    found = inspected(tmp_path, "note.docx", data)
    assert messages(found, "A010") == [
        "the file has 1 spreadsheet embedded in it, published with it unseen"
    ]


def test_the_workbook_behind_a_chart_is_named_as_such(tmp_path: Path) -> None:
    data = binaries.docx_with_chart(binaries.xlsx())
    found = inspected(tmp_path, "report.docx", data)
    assert messages(found, "A010") == [
        "the file has 1 workbook behind a chart embedded in it, published with it unseen"
    ]


def test_a_file_embedded_outside_the_embeddings_folder_is_found_by_its_relationship(
    tmp_path: Path,
) -> None:
    # An "alternative format" chunk: a whole document Word imports when it opens the file.
    data = binaries.docx_with_embedded("word/afchunk1.docx", binaries.docx(), kind="aFChunk")
    found = inspected(tmp_path, "note.docx", data)
    assert messages(found, "A010") == [
        "the file has 1 Word document embedded in it, published with it unseen"
    ]


def test_objects_embedded_in_a_workbook_are_counted_by_kind(tmp_path: Path) -> None:
    data = binaries.xlsx_with_embedded(
        {
            "xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "xl/embeddings/oleObject2.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "xl/embeddings/Microsoft_Word_Document.docx": binaries.docx(),
        }
    )
    found = inspected(tmp_path, "data.xlsx", data)
    assert messages(found, "A010") == [
        "the file has 1 Word document and 2 objects from other programs embedded in it, "
        "published with it unseen"
    ]


@pytest.mark.parametrize(
    "name, data",
    [
        ("strategy.docx", binaries.docx()),
        ("officers.xlsx", binaries.xlsx()),
        ("strategy.docx", binaries.docx(picture=binaries.jpeg())),
    ],
    ids=["docx", "xlsx", "docx-with-picture"],
)
def test_packages_with_nothing_embedded_pass(tmp_path: Path, name: str, data: bytes) -> None:
    assert inspected(tmp_path, name, data).problems == []


# Word and Excel: pictures inside the package


def test_a_picture_in_a_word_document_has_its_metadata_read(tmp_path: Path) -> None:
    data = binaries.docx(picture=binaries.jpeg(artist="Bethan Morgan"))
    found = inspected(tmp_path, "note.docx", data)
    assert messages(found, "A005") == [
        "the image word/media/image1.jpg inside this file carries the photographer (Artist)"
    ]
    assert pieces(found, "in the EXIF metadata of the image word/media/image1.jpg") == [
        "Bethan Morgan"
    ]


def test_a_picture_in_a_workbook_has_its_metadata_read(tmp_path: Path) -> None:
    data = binaries.xlsx(picture=binaries.jpeg(gps=True))
    found = inspected(tmp_path, "data.xlsx", data)
    assert messages(found, "A005") == [
        "the image xl/media/image1.jpeg inside this file carries the GPS position where it "
        "was taken"
    ]


def test_a_picture_in_a_package_that_cannot_be_read_is_not_passed(tmp_path: Path) -> None:
    data = binaries.add_parts(binaries.docx(), {"word/media/image9.png": b"not a picture"})
    found = inspected(tmp_path, "note.docx", data)
    assert [p.code for p in found.problems] == ["A001"]
    assert "word/media/image9.png" in found.problems[0].message


# PDF: files attached to a page


def test_a_file_attached_to_a_page_is_an_embedded_file(tmp_path: Path) -> None:
    data = binaries.pdf(attached=("staff.csv", b"name\nBethan Morgan\n"))
    # The document's list of attachments does not name it: only the page does.
    assert PdfReader(io.BytesIO(data)).attachments == {}
    found = inspected(tmp_path, "pack.pdf", data)
    assert messages(found, "A008") == [
        "the PDF carries 1 embedded file (on page 1), published with it unseen"
    ]
    assert pieces(found, "in a file attached to page 1") == ["staff.csv\nname\nBethan Morgan\n"]


def test_listed_and_attached_files_are_counted_together(tmp_path: Path) -> None:
    data = binaries.pdf(attached=("staff.csv", b"a"), embedded=("budget.csv", b"b"))
    found = inspected(tmp_path, "pack.pdf", data)
    assert messages(found, "A008") == [
        "the PDF carries 2 embedded files (on page 1 and in its list of attachments), "
        "published with it unseen"
    ]
    assert pieces(found, "in an embedded file") == ["budget.csv\nb"]


def test_a_note_that_carries_no_file_is_not_an_embedded_file(tmp_path: Path) -> None:
    found = inspected(tmp_path, "pack.pdf", binaries.pdf(note="Checked by the office"))
    assert messages(found, "A008") == []


# Images: thumbnails and free-text EXIF fields

THUMBNAIL = "a thumbnail of the image, which may show what was cropped or blacked out"


@pytest.mark.parametrize(
    "data",
    [binaries.jpeg_with_thumbnail(), binaries.jpeg_with_photoshop_thumbnail()],
    ids=["exif-ifd1", "photoshop"],
)
def test_a_thumbnail_is_reported(tmp_path: Path, data: bytes) -> None:
    found = inspected(tmp_path, "photo.jpg", data)
    assert messages(found, "A005") == [f"the image carries {THUMBNAIL}"]


def test_a_thumbnail_in_a_word_documents_picture_is_reported(tmp_path: Path) -> None:
    data = binaries.docx(picture=binaries.jpeg_with_thumbnail())
    found = inspected(tmp_path, "note.docx", data)
    assert messages(found, "A005") == [
        f"the image word/media/image1.jpg inside this file carries {THUMBNAIL}"
    ]


@pytest.mark.parametrize(
    "tags, exif_tags, label",
    [
        ({ExifTags.Base.DocumentName: "Letter to B Morgan"}, {}, "the name of the document"),
        ({ExifTags.Base.PageName: "Page 2 of the letter"}, {}, "a page name"),
        ({ExifTags.Base.HostComputer: "HR-LAPTOP-07"}, {}, "the name of the computer"),
        ({}, {0xA436: "Custody suite, cell 4"}, "a title"),
        ({}, {0xA437: "B Morgan"}, "the photographer"),
        ({}, {0xA438: "B Morgan"}, "the person who edited it"),
        ({}, {ExifTags.Base.LensSerialNumber: "0000417"}, "the lens's serial number"),
    ],
    ids=[
        "DocumentName",
        "PageName",
        "HostComputer",
        "ImageTitle",
        "Photographer",
        "ImageEditor",
        "LensSerialNumber",
    ],
)
def test_free_text_exif_fields_are_read(
    tmp_path: Path, tags: dict[int, str], exif_tags: dict[int, str], label: str
) -> None:
    found = inspected(tmp_path, "photo.jpg", binaries.jpeg(tags=tags, exif_tags=exif_tags))
    [message] = messages(found, "A005")
    assert label in message
    [value] = [*tags.values(), *exif_tags.values()]
    assert pieces(found, "in the image's EXIF metadata") == [value]


def test_the_camera_s_make_and_model_pass(tmp_path: Path) -> None:
    tags = {ExifTags.Base.Make: "Canon", ExifTags.Base.Model: "Canon EOS R6"}
    assert inspected(tmp_path, "photo.jpg", binaries.jpeg(tags=tags)).problems == []


# Word and Excel: pictures cropped in the document


def _cropped(package: bytes, part: str, crop: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        text = source.read(part).decode("utf-8")
    assert "<a:stretch" in text
    return binaries.add_parts(package, {part: text.replace("<a:stretch", f"{crop}<a:stretch", 1)})


def test_a_picture_cropped_in_a_word_document_is_an_error(tmp_path: Path) -> None:
    data = _cropped(
        binaries.docx(picture=binaries.jpeg()), "word/document.xml", '<a:srcRect l="25000"/>'
    )
    found = inspected(tmp_path, "note.docx", data)
    assert messages(found, "A011") == [
        "1 picture cropped in the file keeps the whole original inside it"
    ]


def test_a_picture_cropped_in_a_workbook_is_an_error(tmp_path: Path) -> None:
    data = _cropped(
        binaries.xlsx(picture=binaries.jpeg()),
        "xl/drawings/drawing1.xml",
        '<a:srcRect xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" b="9"/>',
    )
    assert [p.code for p in inspected(tmp_path, "data.xlsx", data).problems] == ["A011"]


@pytest.mark.parametrize(
    "crop",
    [
        '<a:srcRect l="25%"/>',  # Strict Office Open XML writes percentages
        '<v:imagedata r:id="rId9" cropleft="5243f" o:title=""/>',  # Word's older VML
    ],
)
def test_other_forms_of_crop_are_found(tmp_path: Path, crop: str) -> None:
    data = _cropped(binaries.docx(picture=binaries.jpeg()), "word/document.xml", crop)
    assert [p.code for p in inspected(tmp_path, "note.docx", data).problems] == ["A011"]


@pytest.mark.parametrize("crop", ["<a:srcRect/>", '<a:srcRect l="-5000" r="0"/>'])
def test_a_picture_padded_or_shown_whole_passes(tmp_path: Path, crop: str) -> None:
    data = _cropped(binaries.docx(picture=binaries.jpeg()), "word/document.xml", crop)
    assert inspected(tmp_path, "note.docx", data).problems == []
