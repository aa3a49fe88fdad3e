"""The red-team corpus: personal data in every form and on every surface, in both
languages and every attachment type, must stop `opcc-site check`; public facts must not.

Each leak case names the rule it must raise and the line it must be reported on. Every
case runs the real command on a real project folder, and the output is also checked for
the leaked value itself: a report must locate personal data without repeating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import ExifTags

from tests import binaries
from tests.conftest import (
    ELECTION,
    document_text,
    make_project,
    response_text,
    run,
    write,
)

PEOPLE = (
    "# Private people named in requests: never published\n"
    "Gareth Llewellyn\nCarys Ann Pritchard\nBethan Morgan\nSiân O'Brien\nDafydd ap Gwilym\n"
)

EN = "responses/PCC24-001.en.md"
CY = "responses/PCC24-001.cy.md"
PACK = "content/briefing-pack"


def with_body(lang: str, extra: str) -> str:
    return response_text(lang) + "\n" + extra + "\n"


def en(extra: str) -> dict[str, str | bytes]:
    return {EN: with_body("en", extra)}


def cy(extra: str) -> dict[str, str | bytes]:
    return {CY: with_body("cy", extra)}


def titled(lang: str, title: str) -> dict[str, str | bytes]:
    path = EN if lang == "en" else CY
    text = response_text(lang).replace("title: Officers in Powys", f"title: {title}")
    text = text.replace("title: Swyddogion ym Mhowys", f"title: {title}")
    return {path: text}


def attachment(name: str, data: str | bytes) -> dict[str, str | bytes]:
    return {f"{PACK}/{name}": data}


@dataclass
class Leak:
    id: str
    code: str
    files: dict[str, str | bytes]
    needle: str | None = None  # the text whose line is reported; None: the file as a whole
    line: int | None = None  # for attachments with lines of their own (CSV)
    path: str | None = None  # default: the first file
    secret: str | None = None  # must not appear in the output

    @property
    def where(self) -> str:
        return self.path or next(iter(self.files))


LEAKS: list[Leak] = [
    # Email addresses, plain and disguised, in both languages
    Leak(
        "email-plain",
        "P001",
        en("Reply sent to gareth.llewellyn@example.com on 8 April."),
        "gareth.llewellyn@",
        secret="gareth.llewellyn@example.com",
    ),
    Leak(
        "email-capitals",
        "P001",
        en("Copy to GARETH.LLEWELLYN@EXAMPLE.COM please."),
        "GARETH.LLEWELLYN@",
    ),
    Leak(
        "email-plus-tag",
        "P001",
        en("Requester: g.llewellyn+election@example.co.uk"),
        "g.llewellyn+election",
    ),
    Leak(
        "email-at-dot-words",
        "P001",
        en("Write to gllewellyn at example dot com for a copy."),
        "gllewellyn at example",
    ),
    Leak(
        "email-bracketed",
        "P001",
        en("Contact: gllewellyn [at] example [dot] com"),
        "gllewellyn [at]",
    ),
    Leak(
        "email-parenthesised",
        "P001",
        en("Contact: gllewellyn (at) example (dot) co (dot) uk"),
        "gllewellyn (at)",
    ),
    Leak("email-shouted-at", "P001", en("GLLEWELLYN AT EXAMPLE.ORG asked again."), "GLLEWELLYN AT"),
    Leak(
        "email-zero-width",
        "P001",
        en("Reply to gareth\u200b.llewellyn@exam\u200bple.com today."),
        "gareth\u200b",
    ),
    Leak(
        "email-fullwidth-at",
        "P001",
        en("Reply to gllewellyn\uff20example.com today."),
        "gllewellyn\uff20",
    ),
    Leak(
        "email-cy",
        "P001",
        cy("Anfonwyd yr ateb at gllewellyn@example.com ar 8 Ebrill."),
        "gllewellyn@example.com",
    ),
    Leak(
        "email-cy-bracketed",
        "P001",
        cy("Cysylltwch â gllewellyn [at] example [dot] com"),
        "gllewellyn [at]",
    ),
    Leak(
        "email-mailto-target",
        "P001",
        en("[Email the requester](mailto:requester.2024@example.net)"),
        "mailto:",
    ),
    Leak(
        "email-link-title",
        "P001",
        en('[the policy](https://www.gov.uk/policy "Sent by gllewellyn@example.com")'),
        "the policy",
    ),
    Leak("email-html-comment", "P001", en("<!-- requester: gllewellyn@example.com -->"), "<!--"),
    Leak(
        "email-unused-reference",
        "P001",
        en("[requester]: mailto:gllewellyn@example.com"),
        "[requester]:",
    ),
    Leak(
        "email-code-span",
        "P001",
        en("The log shows `gllewellyn@example.com` as sender."),
        "The log shows",
    ),
    Leak(
        "email-title-field", "P001", titled("en", "Request from gllewellyn@example.com"), "title:"
    ),
    Leak(
        "email-csv",
        "P001",
        attachment(
            "contacts.csv",
            "team,contact\nfinance,finance@opcc-cambria.example.org\nrequester,gllewellyn@example.com\n",
        ),
        line=3,
    ),
    # Phone numbers in every common form, including unallocated drama numbers
    Leak(
        "phone-mobile-spaced",
        "P002",
        en("Call back on 07700 900123."),
        "07700 900123",
        secret="07700 900123",
    ),
    Leak("phone-international", "P002", en("Tel: +44 7700 900123"), "+44 7700"),
    Leak("phone-unspaced", "P002", en("Mobile 07700900123 given."), "07700900123"),
    Leak("phone-area-brackets", "P002", en("Landline (01632) 960123."), "(01632)"),
    Leak("phone-area-spaced", "P002", en("Landline 01632 960123."), "01632 960123"),
    Leak("phone-hyphens", "P002", en("Landline 01632-960-123."), "01632-960-123"),
    Leak("phone-zero-width", "P002", en("Ring 07700\u200b900123 after six."), "Ring 07700"),
    Leak("phone-cy", "P002", cy("Ffoniwch 07700 900456 ar ôl chwech."), "07700 900456"),
    Leak(
        "phone-table-cell",
        "P002",
        en("| Contact | Number |\n|---|---|\n| Requester | 07700 900789 |"),
        "| Requester |",
    ),
    Leak(
        "phone-hidden-html",
        "P002",
        en('<span style="display:none">07700 900321</span>'),
        "display:none",
    ),
    # Postcodes and street addresses
    Leak("postcode-spaced", "P003", en("The requester lives in SA99 1AB."), "SA99 1AB"),
    Leak("postcode-lower-unspaced", "P003", en("sent to sa991ab by post"), "sa991ab"),
    Leak("postcode-cy", "P003", cy("Mae'r ymgeisydd yn byw yn LD1 5AB."), "LD1 5AB"),
    Leak(
        "postcode-image-alt",
        "P003",
        en("![Map of SA99 1AB](https://maps.example.org/tile.png)"),
        "![Map",
    ),
    Leak(
        "street-english",
        "P004",
        en("Letter sent to 27 Station Road, Llandeilo."),
        "27 Station Road",
    ),
    Leak(
        "street-welsh",
        "P004",
        cy("Anfonwyd llythyr i 14 Heol y Bryn, Llandeilo."),
        "14 Heol y Bryn",
    ),
    # National Insurance numbers, dates of birth, vehicle registrations
    Leak("nino-spaced", "P005", en("NI number AB 12 34 56 C was given."), "AB 12 34 56 C"),
    Leak("nino-lower-unspaced", "P005", en("ni: ab123456c"), "ab123456c"),
    Leak(
        "dob-born", "P006", en("The officer, born on 12 March 1975, retired."), "born on 12 March"
    ),
    Leak("dob-abbreviation", "P006", en("DOB: 12/03/1975"), "DOB:"),
    Leak("dob-cy", "P006", cy("Dyddiad geni: 12 Mawrth 1975"), "Dyddiad geni"),
    Leak("vehicle-current", "P007", en("The vehicle AB12 CDE was stopped."), "AB12 CDE"),
    Leak("vehicle-prefix", "P007", cy("Cafodd y cerbyd K123 ABC ei stopio."), "K123 ABC"),
    # Names from the people list: every spelling, spacing and mutation
    Leak(
        "name-whole",
        "P008",
        en("Gareth Llewellyn asked for the figures."),
        "Gareth Llewellyn asked",
        secret="Llewellyn",
    ),
    Leak("name-any-case", "P008", en("GARETH LLEWELLYN asked for the figures."), "GARETH"),
    Leak(
        "name-line-break",
        "P008",
        en("The request came from Gareth\nLlewellyn last week."),
        "from Gareth",
    ),
    Leak("name-nbsp", "P008", en("Requested by Gareth\u00a0Llewellyn."), "Requested by"),
    Leak("name-double-space", "P008", en("Requested by Gareth  Llewellyn."), "Requested by"),
    Leak(
        "name-possessive", "P008", en("Gareth Llewellyn's question was answered."), "question was"
    ),
    Leak(
        "name-in-url",
        "P008",
        en("See [his page](https://example.org/people/gareth.llewellyn/)."),
        "his page",
    ),
    Leak(
        "name-in-slug",
        "P008",
        en("See [his page](https://example.org/gareth-llewellyn)."),
        "his page",
    ),
    Leak(
        "name-emphasis", "P008", en("Requested by Gareth **Llewellyn** on 2 April."), "Requested by"
    ),
    Leak("name-title-surname", "P008", en("Mr Llewellyn was told on 8 April."), "Mr Llewellyn"),
    Leak("name-three-words", "P008", en("Carys Ann Pritchard asked about overtime."), "Carys Ann"),
    Leak("name-cy-whole", "P008", cy("Gofynnodd Gareth Llewellyn am y ffigurau."), "Gofynnodd"),
    Leak("name-cy-soft", "P008", cy("Anfonwyd yr ateb i Areth Llewellyn ar 8 Ebrill."), "Areth"),
    Leak("name-cy-nasal", "P008", cy("Dywedodd fy Ngareth Llewellyn wrthyf."), "Ngareth"),
    Leak("name-cy-soft-c", "P008", cy("Rhoddwyd y ffigurau i Garys Ann Pritchard."), "Garys"),
    Leak("name-cy-nasal-c", "P008", cy("yn Ngharys Ann Pritchard"), "Ngharys"),
    Leak("name-cy-aspirate", "P008", cy("Siaradodd hi a Charys Ann Pritchard."), "Charys"),
    Leak("name-cy-soft-b", "P008", cy("Atebodd y Prif Weithredwr i Fethan Morgan."), "Fethan"),
    Leak("name-cy-title", "P008", titled("cy", "Cais gan Bethan Morgan"), "title:"),
    Leak(
        "name-attachment-file-name",
        "P008",
        attachment("gareth-llewellyn-letter.csv", "year,figure\n2024,1\n"),
    ),
    Leak(
        "name-document-file-name",
        "P008",
        {
            "content/meetings/2024-04-15-bethan-morgan.en.md": document_text(
                "Meeting", "Notes.", "meeting", date="2024-04-15"
            ),
            "content/meetings/2024-04-15-bethan-morgan.cy.md": document_text(
                "Cyfarfod", "Nodiadau.", "meeting", date="2024-04-15"
            ),
        },
    ),
    Leak(
        "name-summary-field",
        "P008",
        {
            "content/briefing-pack/workforce.en.md": document_text(
                "Workforce",
                "There are 1,250 officers. [Figures](workforce.csv)",
                "briefing",
                summary="Prepared for Bethan Morgan",
            )
        },
        "summary:",
    ),
    Leak(
        "name-election-data",
        "P008",
        {
            "content/election.yml": ELECTION.replace(
                "Deadline for nominations", "Deadline for nominations (ask Bethan Morgan)"
            )
        },
        "ask Bethan",
    ),
    # Found by the red-team review: the ways hurried staff actually write things
    Leak(
        "name-surname-first",
        "P008",
        en("Complaint from MORGAN, Bethan about the reply."),
        "Complaint from",
    ),
    Leak(
        "name-table-columns",
        "P008",
        en("| First | Last |\n|---|---|\n| Bethan | Morgan |"),
        "| Bethan |",
    ),
    Leak("name-csv-columns", "P008", attachment("list.csv", "first,last\nBethan,Morgan\n"), line=2),
    Leak("name-middle-dropped", "P008", en("Mrs Carys Pritchard asked again."), "Mrs Carys"),
    Leak("name-accent-dropped", "P008", en("Sian O'Brien asked about staffing."), "Sian O'Brien"),
    Leak(
        "name-decomposed-accent",
        "P008",
        cy("Gofynnodd Sia\u0302n O'Brien am y staff."),
        "Gofynnodd",
    ),
    Leak("name-title-multiword-surname", "P008", en("Mr ap Gwilym was told."), "Mr ap Gwilym"),
    Leak("name-initial-apostrophe-surname", "P008", en("Reply sent to S. O'Brien."), "Reply sent"),
    Leak(
        "name-joined",
        "P008",
        en("See [the letter](https://example.org/BethanMorgan)."),
        "See [the letter]",
    ),
    Leak(
        "name-joined-surname-slug",
        "P008",
        en("See https://example.org/dafydd.apgwilym for more."),
        "See https",
    ),
    Leak(
        "name-possessive-no-apostrophe",
        "P008",
        en("Gareth Llewellyns request was answered."),
        "request was",
    ),
    Leak(
        "name-html-break", "P008", en("| Requester |\n|---|\n| Bethan<br>Morgan |"), "| Bethan<br>"
    ),
    # Markup that shows nothing on the page, inside a name.
    Leak("name-split-by-comment", "P008", en("Contact Beth<!-- -->an Morgan today."), "Contact"),
    Leak(
        "name-split-by-comment-over-lines",
        "P008",
        en("Contact Gareth Llew<!--\nreviewed\n-->ellyn today.\n\nNext line."),
        "Contact Gareth",
    ),
    Leak("name-split-by-ins", "P008", en("Reply sent to Beth<ins>an</ins> Morgan."), "Reply sent"),
    Leak(
        "name-split-by-unknown-tag",
        "P008",
        cy("Anfonwyd yr ateb at Gareth <x-a>Llew</x-a><font>ellyn</font>."),
        "Anfonwyd",
    ),
    Leak(
        "name-character-reference",
        "P008",
        en("Reply sent to Bethan&#32;Mor&#103;an."),
        "Reply sent",
    ),
    Leak("name-modifier-apostrophe", "P008", en("Reply to Sian O\u02bcBrien today."), "Reply to"),
    Leak(
        "phone-hard-wrapped",
        "P002",
        en("Call the requester back on 07700\n900123 after six."),
        "Call the requester",
    ),
    Leak(
        "postcode-hard-wrapped",
        "P003",
        en("The letter went to SA31\n3ZZ by post."),
        "The letter went",
    ),
    Leak("email-markdown-escaped", "P001", en("Reply to gareth\\@gmail.com today."), "Reply to"),
    Leak("email-url-encoded", "P001", en("[Email](mailto:gareth%40gmail.com)"), "[Email]"),
    Leak("email-html-entity", "P001", en("Reply to gareth&#64;gmail.com today."), "Reply to"),
    Leak(
        "email-webmail-bare-at",
        "P001",
        en("Write to gareth at btinternet.com for a copy."),
        "Write to",
    ),
    Leak("nino-no-suffix", "P005", en("NI: AB123456 was given."), "NI:"),
    Leak("vehicle-spaced", "P007", en("The car AB 12 CDE was stopped."), "The car"),
    Leak("dob-welsh-mutated-month", "P006", cy("Fe'i ganwyd ar y 12fed o Fawrth 1985."), "ganwyd"),
    Leak("dob-compact", "P006", en("Suspect (DOB 120385) was released."), "Suspect"),
    Leak(
        "docx-hyperlink-target",
        "P001",
        attachment(
            "note.docx", binaries.docx_with_link("the requester", "mailto:bethan.morgan@gmail.com")
        ),
    ),
    Leak(
        "xlsx-number-lost-its-zero",
        "P002",
        attachment("data.xlsx", binaries.xlsx(rows=[["Contact"], [7700900123]])),
    ),
    Leak(
        "pdf-link",
        "P001",
        attachment("pack.pdf", binaries.pdf(link="mailto:gllewellyn@example.com")),
    ),
    Leak(
        "jpeg-iptc-byline",
        "A005",
        attachment("photo.jpg", binaries.jpeg_with_iptc("Bethan Morgan")),
    ),
    Leak(
        "report-masks-quoted-values",
        "S003",
        {
            EN: response_text("en", requester="Bethan Morgan"),
            CY: response_text("cy", requester="Bethan Morgan"),
        },
        "requester:",
        secret="Bethan Morgan",
    ),
    # Inside attachments: PDF
    Leak(
        "pdf-text-under-black-box",
        "P008",
        attachment("letter.pdf", binaries.pdf("Requester: Gareth Llewellyn", black_box=True)),
    ),
    Leak("pdf-author", "A006", attachment("budget.pdf", binaries.pdf(author="Bethan Morgan"))),
    Leak(
        "pdf-xmp-metadata",
        "P001",
        attachment(
            "budget.pdf",
            binaries.pdf(xmp_packet=binaries.xmp("Send comments to gllewellyn@example.com")),
        ),
    ),
    Leak(
        "pdf-annotation",
        "P002",
        attachment("budget.pdf", binaries.pdf(note="Call the requester on 07700 900123")),
    ),
    Leak(
        "pdf-form-field",
        "P001",
        attachment("form.pdf", binaries.pdf(form_value="gllewellyn@example.com")),
    ),
    Leak(
        "pdf-embedded-file",
        "A008",
        attachment("pack.pdf", binaries.pdf(embedded=("staff.csv", b"name\nBethan Morgan\n"))),
    ),
    Leak(
        "pdf-embedded-file-content",
        "P008",
        attachment("pack.pdf", binaries.pdf(embedded=("staff.csv", b"name\nBethan Morgan\n"))),
    ),
    Leak(
        "pdf-paper-clip-file",
        "A008",
        attachment("pack.pdf", binaries.pdf(attached=("staff.csv", b"name\nBethan Morgan\n"))),
    ),
    Leak(
        "pdf-paper-clip-file-content",
        "P008",
        attachment("pack.pdf", binaries.pdf(attached=("staff.csv", b"name\nBethan Morgan\n"))),
    ),
    # Word
    Leak(
        "docx-body",
        "P001",
        attachment("note.docx", binaries.docx("Reply to gllewellyn@example.com")),
    ),
    Leak(
        "docx-header", "P002", attachment("note.docx", binaries.docx(header="Contact 07700 900123"))
    ),
    Leak(
        "docx-footer", "P003", attachment("note.docx", binaries.docx(footer="Printed at SA99 1AB"))
    ),
    Leak(
        "docx-comment",
        "P008",
        attachment("note.docx", binaries.docx(comment="Check this with Gareth Llewellyn")),
    ),
    Leak(
        "docx-comment-flagged",
        "A007",
        attachment("note.docx", binaries.docx(comment="Check the figure")),
    ),
    Leak(
        "docx-tracked-deletion",
        "P008",
        attachment("note.docx", binaries.docx(deleted="Bethan Morgan")),
    ),
    Leak(
        "docx-tracked-deletion-flagged",
        "A007",
        attachment("note.docx", binaries.docx(deleted="the old figure")),
    ),
    Leak("docx-author", "A006", attachment("note.docx", binaries.docx(author="Carys Pritchard"))),
    Leak(
        "docx-embedded-workbook",
        "A010",
        attachment(
            "note.docx",
            binaries.docx_with_embedded(
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                binaries.xlsx(rows=[["Name"], ["Bethan Morgan"]]),
            ),
        ),
    ),
    Leak(
        "docx-chart-workbook",
        "A010",
        attachment("report.docx", binaries.docx_with_chart(binaries.xlsx())),
    ),
    Leak(
        "docx-picture-metadata",
        "A005",
        attachment("note.docx", binaries.docx(picture=binaries.jpeg(artist="Bethan Morgan"))),
    ),
    Leak(
        "docx-picture-metadata-name",
        "P008",
        attachment("note.docx", binaries.docx(picture=binaries.jpeg(artist="Bethan Morgan"))),
    ),
    Leak(
        "docx-picture-thumbnail",
        "A005",
        attachment("note.docx", binaries.docx(picture=binaries.jpeg_with_thumbnail())),
    ),
    # Excel
    Leak(
        "xlsx-hidden-sheet",
        "A002",
        attachment("data.xlsx", binaries.xlsx(hidden_sheet=[["Name"], ["Officer 1"]])),
    ),
    Leak(
        "xlsx-hidden-sheet-content",
        "P008",
        attachment("data.xlsx", binaries.xlsx(hidden_sheet=[["Name"], ["Gareth Llewellyn"]])),
    ),
    Leak(
        "xlsx-very-hidden-sheet",
        "A002",
        attachment("data.xlsx", binaries.xlsx(hidden_sheet=[["x"]], very_hidden=True)),
    ),
    Leak("xlsx-hidden-row", "A003", attachment("data.xlsx", binaries.xlsx(hide_row=2))),
    Leak("xlsx-hidden-column", "A003", attachment("data.xlsx", binaries.xlsx(hide_column="B"))),
    Leak(
        "xlsx-cell-comment",
        "P002",
        attachment(
            "data.xlsx", binaries.xlsx(comment=("B2", "Confirmed by phone on 07700 900123"))
        ),
    ),
    Leak(
        "xlsx-defined-name",
        "P001",
        attachment("data.xlsx", binaries.xlsx(defined_name=("Contact", "gllewellyn@example.com"))),
    ),
    Leak(
        "xlsx-pivot-cache",
        "A004",
        attachment("data.xlsx", binaries.xlsx(pivot_records=["Powys", "Ceredigion"])),
    ),
    Leak(
        "xlsx-pivot-cache-content",
        "P008",
        attachment("data.xlsx", binaries.xlsx(pivot_records=["Carys Ann Pritchard"])),
    ),
    Leak("xlsx-creator", "A006", attachment("data.xlsx", binaries.xlsx(creator="Bethan Morgan"))),
    Leak(
        "xlsx-embedded-object",
        "A010",
        attachment(
            "data.xlsx",
            binaries.xlsx_with_embedded({"xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}),
        ),
    ),
    Leak(
        "xlsx-picture-gps",
        "A005",
        attachment("data.xlsx", binaries.xlsx(picture=binaries.jpeg(gps=True))),
    ),
    # Text and images
    Leak(
        "txt-nino",
        "P005",
        attachment("notes.txt", "Notes of the call\nNI: AB 12 34 56 C\n"),
        line=2,
    ),
    Leak("jpeg-artist", "A005", attachment("photo.jpg", binaries.jpeg(artist="Bethan Morgan"))),
    Leak(
        "jpeg-artist-name", "P008", attachment("photo.jpg", binaries.jpeg(artist="Bethan Morgan"))
    ),
    Leak("jpeg-gps", "A005", attachment("photo.jpg", binaries.jpeg(gps=True))),
    Leak("jpeg-thumbnail", "A005", attachment("photo.jpg", binaries.jpeg_with_thumbnail())),
    Leak(
        "jpeg-photoshop-thumbnail",
        "A005",
        attachment("photo.jpg", binaries.jpeg_with_photoshop_thumbnail()),
    ),
    Leak(
        "jpeg-host-computer",
        "A005",
        attachment("photo.jpg", binaries.jpeg(tags={ExifTags.Base.HostComputer: "HR-07"})),
    ),
    Leak(
        "jpeg-photographer-name",
        "P008",
        attachment("photo.jpg", binaries.jpeg(exif_tags={0xA437: "Bethan Morgan"})),
    ),
    Leak(
        "jpeg-document-name",
        "P008",
        attachment(
            "scan.jpg",
            binaries.jpeg(tags={ExifTags.Base.DocumentName: "Letter to Gareth Llewellyn"}),
        ),
    ),
    Leak(
        "jpeg-xmp",
        "A005",
        attachment("photo.jpg", binaries.jpeg(xmp_packet=binaries.xmp("Custody suite"))),
    ),
    Leak(
        "png-text-author",
        "A005",
        attachment("chart.png", binaries.png({"Author": "Carys Pritchard"})),
    ),
    # Files that cannot be checked are refused
    Leak("pdf-corrupt", "A001", attachment("broken.pdf", b"%PDF-1.7\nthis is not a PDF\n")),
    Leak("xlsx-corrupt", "A001", attachment("broken.xlsx", b"PK\x03\x04 not a workbook")),
    Leak("image-truncated", "A001", attachment("photo.png", binaries.png()[:40])),
    Leak(
        "csv-not-utf8",
        "A001",
        attachment("figures.csv", "county,officers\nYnys M\xf4n,1\n".encode("latin-1")),
        line=2,
    ),
    # Redaction markers: a Welsh text translated from the unredacted English
    Leak(
        "markers-count",
        "M002",
        {
            EN: with_body("en", "The officer, [REDACTED], replied."),
            CY: with_body("cy", "Atebodd y swyddog, Swyddog 7."),
        },
        path=CY,
    ),
    Leak(
        "markers-wrong-language", "M001", cy("Atebodd y swyddog, [REDACTED]."), "Atebodd y swyddog"
    ),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("redaction") / "project")


def _project(base: Path, tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(base, root)
    write(root, ".private/people.txt", PEOPLE)
    for rel, content in files.items():
        write(root, rel, content)
    return root


def _line(text: str | bytes, needle: str) -> int:
    assert isinstance(text, str)
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize("case", LEAKS, ids=[c.id for c in LEAKS])
def test_leak_is_caught(case: Leak, base: Path, tmp_path: Path) -> None:
    root = _project(base, tmp_path, case.files)
    code, output = run("check", "--root", str(root))
    assert code == 1, output
    if case.needle is not None:
        line = _line(case.files[case.where], case.needle)
        expected = f"{case.where}:{line}: {case.code} "
    elif case.line is not None:
        expected = f"{case.where}:{case.line}: {case.code} "
    else:
        expected = f"{case.where}: {case.code} "
    assert expected in output, output
    # The file's own path is how it is found, even when the name is in it.
    message = output
    for rel in case.files:
        message = message.replace(rel, "FILE")
    for secret in (case.secret, "Llewellyn", "Pritchard", "Bethan Morgan", "O'Brien", "Gwilym"):
        if secret:
            assert secret.lower() not in message.lower(), f"the report repeats {secret!r}"


CLEAN: list[tuple[str, dict[str, str | bytes]]] = [
    ("money", en("The budget is £123,456,789 (£123.5 million), up £4.2m or 3.5% on 2023-24.")),
    ("money-cy", cy("Y gyllideb yw £123,456,789 (£123.5 miliwn), sef cynnydd o 3.5% ers 2023-24.")),
    (
        "dates-times",
        en("Nominations close at 4pm on 5 April 2024; the count starts at 10:30am on 03/05/2024."),
    ),
    (
        "dates-times-cy",
        cy("Mae enwebiadau'n cau am 4pm ar 5 Ebrill 2024; bydd y cyfrif yn dechrau am 10:30am."),
    ),
    (
        "references",
        en("See FOI-2024-0123, FOI 2024/456 and register entries PCC24-001 to PCC24-015."),
    ),
    (
        "legislation",
        en(
            "Withheld under section 40(2) of the Freedom of Information Act 2000 and section 5 of the Police Reform and Social Responsibility Act 2011."
        ),
    ),
    ("legislation-cy", cy("Wedi'i atal o dan adran 40(2) o Ddeddf Rhyddid Gwybodaeth 2000.")),
    (
        "plan-versions",
        en("The Police and Crime Plan version 2.1 (v2.1, 2021 to 2025) replaced version 1.4."),
    ),
    ("roads", en("Collisions on the A483, the A40(T) and the M4 at junction 49 fell by 12%.")),
    ("roads-cy", cy("Gostyngodd gwrthdrawiadau ar yr A483 a'r A40 gan 12%.")),
    (
        "emergency-numbers",
        en("Call 101 if it is not an emergency; always call 999 in an emergency."),
    ),
    (
        "emergency-numbers-cy",
        cy("Ffoniwch 101 os nad yw'n argyfwng; ffoniwch 999 bob amser mewn argyfwng."),
    ),
    (
        "public-urls",
        en(
            "Read [the plan](https://www.gov.uk/government/publications/policing-plan-2024) and www.police.uk/pu/your-area/cambria."
        ),
    ),
    (
        "welsh-at",
        cy(
            "Ysgrifennwch at y Prif Weithredwr. Anfonwch eich cais at Swyddfa'r Comisiynydd o 15 hyd at 18 Ebrill, at ddibenion yr etholiad."
        ),
    ),
    (
        "english-at",
        en("Answers are published at www.opcc-cambria.example.org/election and at gov.uk."),
    ),
    (
        "figures",
        en(
            "The Force Communications Centre handled 123,456 calls; 1,250 officers and 84 PCSOs serve 520,000 people."
        ),
    ),
    (
        "figures-cy",
        cy(
            "Deliodd y Ganolfan Gyfathrebu â 123,456 o alwadau; mae 1,250 o swyddogion yn gwasanaethu."
        ),
    ),
    (
        "budget-years",
        en("Precept rose 5.1% in 2024/25 after 4.4% in 2023/24; reserves are 0.8m (ratio 1:250)."),
    ),
    ("court-and-park", en("There are 2 Crown Court centres and 3 Business Park sites in Cambria.")),
    (
        "other-people",
        en("Gareth Thomas and Ms Morganstern asked no questions; the Llewellyn Hall was booked."),
    ),
    (
        "redaction-markers",
        {
            EN: with_body("en", "The officer, [REDACTED], replied on [REDACTED]."),
            CY: with_body("cy", "Atebodd y swyddog, [WEDI'I OLYGU], ar [wedi\u2019i olygu]."),
        },
    ),
    (
        "office-email",
        en("Email [election@opcc-cambria.example.org](mailto:election@opcc-cambria.example.org)."),
    ),
    ("office-email-cy", cy("Anfonwch e-bost at election@opcc-cambria.example.org.")),
    (
        "inline-public-fact",
        {
            EN: response_text("en").replace(
                "status: ready",
                "status: ready\npublic_facts:\n  - text: 01267 226440\n    reason: Force headquarters switchboard, printed on every force letter",
            )
            + "\nThe force switchboard is (01267) 226 440.\n"
        },
    ),
    (
        "site-public-fact",
        {
            "content/public-facts.yml": "public_facts:\n  - text: election@opcc-cambria.example.org\n    reason: Election mailbox\n  - text: SA31 9ZZ\n    reason: Force headquarters postcode\n",
            EN: with_body("en", "Police Headquarters, Carmarthen SA31 9ZZ."),
        },
    ),
    (
        "csv-clean",
        attachment(
            "officers.csv", "county,officers,budget\nPowys,240,£12.5m\nCeredigion,180,£9.1m\n"
        ),
    ),
    ("pdf-clean", attachment("budget.pdf", binaries.pdf())),
    (
        "pdf-clean-xmp",
        attachment("budget.pdf", binaries.pdf(xmp_packet=binaries.xmp("Budget summary 2024-25"))),
    ),
    ("docx-clean", attachment("strategy.docx", binaries.docx())),
    ("xlsx-clean", attachment("officers.xlsx", binaries.xlsx())),
    ("docx-clean-picture", attachment("strategy.docx", binaries.docx(picture=binaries.jpeg()))),
    ("xlsx-clean-picture", attachment("officers.xlsx", binaries.xlsx(picture=binaries.png()))),
    (
        "jpeg-camera-make-and-model",
        attachment(
            "photo.jpg",
            binaries.jpeg(tags={ExifTags.Base.Make: "Canon", ExifTags.Base.Model: "EOS R6"}),
        ),
    ),
    ("png-clean", attachment("chart.png", binaries.png())),
    ("jpeg-clean", attachment("photo.jpg", binaries.jpeg())),
    ("txt-clean", attachment("notes.txt", "Agenda\n1. Budget 2024-25\n2. Estates (section 5)\n")),
    (
        "biography",
        en(
            "He was born and raised in Carmarthen, and since April 2019 has served as Chief Constable."
        ),
    ),
    ("idea-born-cy", cy("Ganwyd y syniad ym mis Mawrth 2024 yn ystod y cyfarfod.")),
    (
        "force-history",
        en(
            "The force was born of the merger of four county forces, which took effect on 1 April 1968."
        ),
    ),
    ("welsh-yn-figures", cy("Roedd 12 34 56 o achosion yn 2023, a 123456 o alwadau yn 2024.")),
    (
        "international-office-number",
        {
            "content/public-facts.yml": "public_facts:\n  - text: election@opcc-cambria.example.org\n    reason: Election mailbox\n  - text: 029 2018 0456\n    reason: The office's published number\n",
            EN: with_body("en", "From abroad, call the office on +44 29 2018 0456."),
        },
    ),
]


@pytest.mark.parametrize("files", [c[1] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_clean_text_passes(files: dict[str, str | bytes], base: Path, tmp_path: Path) -> None:
    root = _project(base, tmp_path, files)
    _code, output = run("check", "--root", str(root))
    # Text added to one version only differs from its twin (W-codes); the privacy checks
    # (P, A, M, X) must have nothing to say.
    assert not re.search(r": [PAMX]\d{3} ", output), output


def test_corpus_size() -> None:
    """The issue's floor: at least 60 leak cases and 30 clean cases."""
    assert len(LEAKS) >= 60 and len(CLEAN) >= 30
    assert {c.code for c in LEAKS} >= {f"P00{n}" for n in range(1, 9)} | {
        f"A00{n}" for n in range(1, 9)
    } | {"A010"}
