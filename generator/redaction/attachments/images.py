"""Images, read with Pillow: EXIF, XMP and text metadata that cameras and editors add."""

from __future__ import annotations

from pathlib import Path

from PIL import ExifTags, Image, IptcImagePlugin

from generator.redaction.attachments import Inspection, Piece
from generator.rules.registry import rule

IMAGE_METADATA = rule(
    "A005",
    "image-metadata",
    "the image carries {fields}",
    "save a copy without metadata (for example 'Export As' with metadata unticked, or "
    "exiftool -all= FILE) and publish that",
    "Photos carry the photographer's name, descriptions and the GPS position where they "
    "were taken; none of it shows on the page, all of it is published.",
)

_PERSONAL_TAGS = {
    ExifTags.Base.Artist: "the photographer (Artist)",
    ExifTags.Base.ImageDescription: "a description",
    ExifTags.Base.Copyright: "a copyright holder",
    ExifTags.Base.XPTitle: "a title",
    ExifTags.Base.XPComment: "a comment",
    ExifTags.Base.XPAuthor: "an author",
    ExifTags.Base.XPKeywords: "keywords",
    ExifTags.Base.XPSubject: "a subject",
    ExifTags.Base.UserComment: "a comment",
    ExifTags.Base.CameraOwnerName: "the camera owner's name",
    ExifTags.Base.BodySerialNumber: "the camera's serial number",
}
# Text fields that image programs write about themselves, not about anyone.
_HARMLESS_TEXT = frozenset({"Software", "Creation Time", "dpi"})


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


def inspect(full: Path, rel: str) -> Inspection:
    inspection = Inspection()
    found: list[str] = []
    with Image.open(full) as image:
        image.verify()
    with Image.open(full) as image:
        exif = image.getexif()
        tags = dict(exif)
        tags.update(exif.get_ifd(ExifTags.IFD.Exif))
        for tag, label in _PERSONAL_TAGS.items():
            value = _text(tags.get(tag, "")).strip()
            if value:
                found.append(label)
                inspection.pieces.append(Piece("in the image's EXIF metadata", value))
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
        if iptc:
            found.append("IPTC metadata (such as a by-line or caption)")
            values = [
                v
                for value in iptc.values()
                for v in (value if isinstance(value, list) else [value])
            ]
            inspection.pieces.append(
                Piece("in the image's IPTC metadata", "\n".join(_text(v) for v in values))
            )
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("the GPS position where it was taken")
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
        if xmp:
            found.append("XMP metadata")
            inspection.pieces.append(Piece("in the image's XMP metadata", _text(xmp)))
        texts = dict(getattr(image, "text", None) or {})
        if image.info.get("comment"):
            texts["comment"] = image.info["comment"]
        for key, value in texts.items():
            written = _text(value).strip()
            if key == "XML:com.adobe.xmp" or not written:
                continue
            if key not in _HARMLESS_TEXT:
                found.append(f"a text field '{key}'")
            inspection.pieces.append(Piece("in the image's text metadata", written))
    if found:
        unique = list(dict.fromkeys(found))
        inspection.problems.append(IMAGE_METADATA.at(rel, 0, fields=", ".join(unique)))
    return inspection
