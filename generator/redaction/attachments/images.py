"""Images, read with Pillow: EXIF, XMP and text metadata that cameras and editors add,
and the small preview (thumbnail) that cameras and editors store beside the picture."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from PIL import ExifTags, Image, IptcImagePlugin

from generator.redaction.attachments import Inspection, Piece
from generator.rules.registry import rule

IMAGE_METADATA = rule(
    "A005",
    "image-metadata",
    "{image} carries {fields}",
    "save a copy of the image without metadata (for example 'Export As' with metadata "
    "unticked, or exiftool -all= FILE) and publish that, or put that copy in the document "
    "in place of the original",
    "Photos carry the photographer's name, descriptions, the GPS position where they were "
    "taken and a small copy of the picture made before it was cropped or blacked out; none "
    "of it shows on the page, all of it is published.",
)

# EXIF 3.0 (2023) tags that Pillow does not name yet.
_IMAGE_TITLE, _PHOTOGRAPHER, _IMAGE_EDITOR = 0xA436, 0xA437, 0xA438

# Tags whose text a person typed, or that name a person, a computer or a device. Make,
# Model and Software are left out: they name a product, never anyone, and are in almost
# every photo. ImageUniqueID is left out too: a number made by the camera, no one's text.
_PERSONAL_TAGS: dict[int, str] = {
    ExifTags.Base.Artist: "the photographer (Artist)",
    _PHOTOGRAPHER: "the photographer",
    _IMAGE_EDITOR: "the person who edited it",
    ExifTags.Base.ImageDescription: "a description",
    ExifTags.Base.Copyright: "a copyright holder",
    ExifTags.Base.DocumentName: "the name of the document it was scanned from",
    ExifTags.Base.PageName: "a page name",
    ExifTags.Base.HostComputer: "the name of the computer it was made on",
    ExifTags.Base.XPTitle: "a title",
    _IMAGE_TITLE: "a title",
    ExifTags.Base.XPComment: "a comment",
    ExifTags.Base.XPAuthor: "an author",
    ExifTags.Base.XPKeywords: "keywords",
    ExifTags.Base.XPSubject: "a subject",
    ExifTags.Base.UserComment: "a comment",
    ExifTags.Base.CameraOwnerName: "the camera owner's name",
    ExifTags.Base.BodySerialNumber: "the camera's serial number",
    ExifTags.Base.LensSerialNumber: "the lens's serial number",
}
# Text fields that image programs write about themselves, not about anyone.
_HARMLESS_TEXT = frozenset({"Software", "Creation Time", "dpi"})
# Photoshop's image resources that hold a thumbnail (IDs 1033 and 1036).
_PHOTOSHOP_THUMBNAILS = frozenset({0x0409, 0x040C})
THUMBNAIL = "a thumbnail of the image, which may show what was cropped or blacked out"


def _text(value: object) -> str:
    if isinstance(value, bytes):
        # Windows XP tags are UTF-16; UserComment starts with an 8-byte charset code.
        for encoding in ("utf-16-le", "utf-8"):
            try:
                return value.decode(encoding).strip("\x00 ")
            except UnicodeDecodeError:
                continue
        return value.decode("latin-1")
    return str(value)


def _has_thumbnail(image: Image.Image, exif: Image.Exif) -> bool:
    # A thumbnail is made when the photo is taken or first saved, and many editors keep
    # it unchanged when the picture is cropped or painted over: the original shows in it.
    first = exif.get_ifd(ExifTags.IFD.IFD1)
    if first.get(ExifTags.Base.JpegIFOffset) or first.get(ExifTags.Base.StripOffsets):
        return True
    photoshop = image.info.get("photoshop") or {}
    return any(key in _PHOTOSHOP_THUMBNAILS for key in photoshop)


def read_metadata(
    source: Path | IO[bytes], rel: str, inspection: Inspection, name: str | None = None
) -> None:
    """Add an image's metadata to ``inspection``: its text as pieces, and an A005 naming
    what it carries. ``name`` is the image's place inside a document (a Word or Excel
    file's ``word/media/image1.jpeg``); None for an image published on its own."""
    found: list[str] = []

    def where(kind: str) -> str:
        if name is None:
            return f"in the image's {kind} metadata"
        return f"in the {kind} metadata of the image {name}"

    with Image.open(source) as image:
        image.verify()
    if not isinstance(source, Path):
        source.seek(0)
    with Image.open(source) as image:
        exif = image.getexif()
        tags = dict(exif)
        tags.update(exif.get_ifd(ExifTags.IFD.Exif))
        for tag, label in _PERSONAL_TAGS.items():
            value = _text(tags.get(tag, "")).strip()
            if value:
                found.append(label)
                inspection.pieces.append(Piece(where("EXIF"), value))
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
        if iptc:
            found.append("IPTC metadata (such as a by-line or caption)")
            values = [
                v
                for value in iptc.values()
                for v in (value if isinstance(value, list) else [value])
            ]
            inspection.pieces.append(Piece(where("IPTC"), "\n".join(_text(v) for v in values)))
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("the GPS position where it was taken")
        if _has_thumbnail(image, exif):
            found.append(THUMBNAIL)
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
        if xmp:
            found.append("XMP metadata")
            inspection.pieces.append(Piece(where("XMP"), _text(xmp)))
        texts = dict(getattr(image, "text", None) or {})
        if image.info.get("comment"):
            texts["comment"] = image.info["comment"]
        for key, value in texts.items():
            written = _text(value).strip()
            if key == "XML:com.adobe.xmp" or not written:
                continue
            if key not in _HARMLESS_TEXT:
                found.append(f"a text field '{key}'")
            inspection.pieces.append(Piece(where("text"), written))
    if found:
        image_name = "the image" if name is None else f"the image {name} inside this file"
        unique = list(dict.fromkeys(found))
        inspection.problems.append(
            IMAGE_METADATA.at(rel, 0, image=image_name, fields=", ".join(unique))
        )


def inspect(full: Path, rel: str) -> Inspection:
    inspection = Inspection()
    read_metadata(full, rel, inspection)
    return inspection
