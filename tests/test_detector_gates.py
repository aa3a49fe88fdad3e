"""The quick tests that spare a text a detector's full search must never spare a text in
which the full search would find something: a gate that says no wrongly is a leak.

Each gate is checked against its detector with the gate taken away, on the tricky cases
by name and on texts made at random from the pieces that trip such tests (names and
their mutations, capitals, accents, non-ASCII punctuation, digits and markup).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.model import PublicFact, Written
from generator.redaction.allowlist import Allowlist
from generator.redaction.detectors import (
    Find,
    birth_date,
    email,
    national_insurance,
    postcode,
    street_address,
    vehicle,
)
from generator.redaction.detectors.names import NameDetector
from generator.redaction.normalise import prepare
from generator.redaction.scan import Scanner
from generator.redaction.sources import scan_names, scan_written

PEOPLE = [
    (1, "Gareth Llewellyn"),
    (2, "Siân O'Brien"),
    (3, "Dafydd ap Gwilym"),
    (4, "Nia"),
    (5, "José Núñez"),
    (6, "Rees"),
    (7, "Kirsty Evans"),
    (8, "Ayşe Y\u0131ld\u0131z"),
    (9, "İpek Demir"),
]


def hits(detector: NameDetector, text: str, lang: str, quick: bool) -> list[tuple[int, int]]:
    was = detector._quick
    detector._quick = quick
    try:
        prepared = prepare(text)
        return [(hit.start, hit.end) for hit in detector.find(prepared, lang)]  # type: ignore[arg-type]
    finally:
        detector._quick = was


@pytest.fixture(scope="module")
def names() -> NameDetector:
    return NameDetector(PEOPLE)


@pytest.mark.parametrize(
    "text",
    [
        "Gareth Llewellyn asked.",
        "GARETH LLEWELLYN asked.",
        "Gareth Llewellyn…",
        "«Gareth Llewellyn»",
        "Gareth Llewellyns request",
        "Gareth Llewellyn2, 3Gareth Llewellyn",
        "Siân O'Brien",
        "SIÂN O\u2019BRIEN",
        "Sian Obrien wrote",
        "Gofynnodd Nia am y ffigurau.",
        "i Nia, a Ṅia",
        "NÍA, Nïa",
        "José Núñez",
        "JOSÉ NÚÑEZ",
        "Jose Nuñez",
        "Mr Rees",
        "Reess",
        "Dafydd\u00a0ap\u00a0Gwilym",
        "Gareth<br>Llewellyn",
        "Gareth&nbsp;Llewellyn",
        "\u212airsty Evans",  # the Kelvin sign, whose lower case is an ASCII k
        "İ Gareth Llewellyn",
        "garethllewellyn@example.org",
        "Gareth Llewellyn\ud800",
        "Llewellyn, Gareth",
        "LLEWELLYN Gareth",
        "Ms Y\u0131ld\u0131z asked",
        "Ayşe Y\u0131ld\u0131z asked.",
        "AYŞE YILDIZ",
        "İpek Demir",
        "IPEK DEMIR",
    ],
)
def test_the_names_gate_passes_every_text_with_a_name(names: NameDetector, text: str) -> None:
    for lang in ("en", "cy"):
        found = hits(names, text, lang, quick=False)
        assert found, f"the case itself finds nothing: {text!r}"
        assert hits(names, text, lang, quick=True) == found


def test_the_names_gate_spares_a_text_without_one(names: NameDetector) -> None:
    assert not names._may_name("Mae gan Heddlu Cambria bedair dalfa; Caledonia.", True)
    assert not names._may_name("The force has four custody suites in Carmarthenshire.", False)


PIECES = st.sampled_from(
    [
        "y\u0131ld\u0131z",
        "YILDIZ",
        "Yildiz",
        "ayşe",
        "İpek",
        "ipek",
        "demir",
        "gareth",
        "Gareth",
        "GARETH",
        "Areth",
        "Ngareth",
        "llewellyn",
        "LLEWELLYN",
        "Llewellyns",
        "siân",
        "SIÂN",
        "sian",
        "o'brien",
        "O\u2019Brien",
        "obrien",
        "Brien",
        "nia",
        "Nia",
        "NIA",
        "Ṅia",
        "núñez",
        "NÚÑEZ",
        "ap",
        "Gwilym",
        "rees",
        "Mr",
        "G.",
        "the",
        "yr",
        "â",
        "ŵ",
        "Ŵ",
        "ï",
        "İ",
        "\u212a",
        "ß",
        "ǅ",
        " ",
        "  ",
        "\n",
        "\u00a0",
        "-",
        ".",
        "_",
        "'",
        "\u2019",
        ",",
        "|",
        "…",
        "«",
        "»",
        "£",
        "\u2013",
        "²",
        "½",
        "\u0663",
        "7",
        "<br>",
        "&nbsp;",
        "\\ ",
        "**",
        "%20",
        "\ud800",
        "\u0301",
    ]
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(PIECES, max_size=12), lang=st.sampled_from(["en", "cy"]))
def test_the_names_gate_never_hides_a_name(
    names: NameDetector, pieces: list[str], lang: str
) -> None:
    text = "".join(pieces)
    assert hits(names, text, lang, quick=True) == hits(names, text, lang, quick=False)


# The detectors of email addresses and dates of birth, each against itself with its quick
# tests made to pass every text.
def ungated(monkeypatch: pytest.MonkeyPatch, module: object) -> None:
    everything = re.compile("")
    for name, value in (
        ("_MAY_BRACKET", everything),
        ("_MAY_BARE", everything),
        ("_DOT", ""),
        ("_CUE_WORDS", ("",)),
    ):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, value)


def spans(find: Find, text: str) -> list[tuple[int, int]]:
    prepared = prepare(text)
    return [(hit.start, hit.end) for hit in find(prepared, None)]


EMAIL_PIECES = [
    "g.llewellyn at bt-mail.com",
    "gareth AT mail2.co.uk",
    "gareth at gmail.com",
    "name (at) example (dot) com",
    "name [AT] example.org",
    "name at example dot org",
    "b_m at 7.uk",
    "gareth",
    "g.llewellyn",
    "Bethan_1",
    "@",
    " @ ",
    "\\@",
    "%40",
    "&#64;",
    "&#x40;",
    "(at)",
    "[AT]",
    "{ at }",
    "<at>",
    " at ",
    " AT ",
    " At ",
    " a\u0131t ",
    "dot",
    " dot ",
    "(dot)",
    "[DOT]",
    ".",
    "example",
    "btinternet",
    "bt-mail",
    "mail2",
    "7",
    "gmail",
    "com",
    "co",
    "uk",
    "org",
    "www.",
    "http://",
    " ",
    "\n",
    "-",
    "\u0130",
    "\u017f",
    "\u212a",
    "\uff20",
]
BIRTH_PIECES = [
    "born",
    "BORN",
    "b\u0131rth",
    "BİRTH",
    "birth",
    "Date of Birth",
    "date of birth",
    "birthdate",
    "birthday",
    "DOB",
    "D O B",
    "d. o. b.",
    "D.O.B",
    "d\u00a0o\u00a0b",
    "dyddiad geni",
    "Dyddiad Geni",
    "a anwyd",
    "Ganwyd",
    "ganed",
    "a aned",
    "pen-blwydd",
    "Penblwydd",
    "pen\u2011blwydd",
    "phen-blwydd",
    "ei ben-blwydd",
    "mhenblwydd",
    "12/03/1975",
    "12 March 1975",
    "March 1975",
    "12fed o Fawrth 1975",
    "Mawrth 1975",
    "120375",
    "1975-03-12",
    " ",
    "  ",
    "\n",
    "\n\n",
    ":",
    ",",
    ".",
    "on ",
    "y ",
    "ar ",
    "\u017f",
]


@pytest.mark.parametrize(("module", "pieces"), [(email, EMAIL_PIECES), (birth_date, BIRTH_PIECES)])
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_gates_of_email_and_birth_dates_never_hide_a_finding(
    module: object, pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=10)))
    gated = spans(module.find, text)  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        ungated(patch, module)
        assert spans(module.find, text) == gated  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("module", "text"),
    [
        (email, "gareth (at) example (dot) com"),
        (email, "gareth AT example.com"),
        (email, "g.llewellyn at btinternet.com"),
        (birth_date, "D O B: 12/03/1975"),
        (birth_date, "d. o. b. 12/03/1975"),
        (birth_date, "date of b\u0131rth: 12 March 1975"),
        (birth_date, "Dyddiad geni: 12 Mawrth 1975"),
        (birth_date, "Ei phen-blwydd: 12/03/1975"),
        (birth_date, "Fy mhen-blwydd: 12/03/1975"),
    ],
)
def test_the_gates_pass_each_form(module: object, text: str) -> None:
    assert spans(module.find, text)  # type: ignore[attr-defined]


# The detectors that look for digits first find the digits' places in the text's shape
# (detectors.shape, detectors._hints); taken away, each must find the same.
DIGIT_PIECES = [
    "AB12 CDE",
    "ab12cde",
    "K123 ABC",
    "ABC 123D",
    "SA31 3AB",
    "sa313ab",
    "CF10 1AA",
    "AB 12 34 56 C",
    "ab123456c",
    "QQ 12 34 56",
    "12 Heol y Bont",
    "3 High Street",
    "14a, Station Road",
    "14A Station Road",
    "2 Stryd Fawr",
    "1st",
    "2nd",
    "8 April",
    "2023/24",
    "07700 900123",
    "A",
    "B",
    "Z",
    "a",
    "x",
    "1",
    "12",
    "\u0663",
    "\u0661\u0662",
    "\uff10",
    " ",
    "  ",
    "\n",
    "\t",
    "\x1c",
    "\u2028",
    "\x85",
    "\u00a0",
    "?",
    "â",
    "ŵ",
    "£",
    "-",
    ",",
    ".",
    "(",
    ")",
    "+",
    "|",
    "_",
]


@pytest.mark.parametrize("module", [postcode, vehicle, national_insurance, street_address])
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_digit_detectors_find_the_same_from_the_shape(
    module: object, data: st.DataObject
) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(DIGIT_PIECES), max_size=10)))
    quick = spans(module.find, text)  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "_QUICK", None)
        assert spans(module.find, text) == quick  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("module", "text"),
    [
        (postcode, "SA31 3AB"),
        (postcode, "Cod post: sa313ab."),
        (vehicle, "AB12\u2028CDE"),
        (national_insurance, "AB 12 34 56 C"),
        (national_insurance, "AB\u00a012\u202834\x8556 C"),
        (street_address, "12 Heol y Bont"),
        (street_address, "14a,\x1cStation Road"),
        (street_address, "14A Station Road"),
    ],
)
def test_the_digit_detectors_find_each_form(module: object, text: str) -> None:
    assert spans(module.find, text)  # type: ignore[attr-defined]


# File names are scanned all at once (redaction/sources.scan_names); each must get what
# scanning it on its own gives.
NAME_PIECES = [
    "gareth",
    "llewellyn",
    "gareth-llewellyn",
    "areth-llewellyn",
    "bethan.morgan",
    "g.llewellyn@example.org",
    "sa31-3ab",
    "sa313ab",
    "07700-900123",
    "ab12cde",
    "dob-120375",
    "born-12-03-1975",
    "pcc24-001",
    "budget",
    "2024-04-15",
    "nia",
    "meeting",
    "-",
    ".",
    "_",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(
        st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map("-".join),
        max_size=6,
    ),
    facts=st.booleans(),
)
def test_file_names_scanned_together_get_what_each_gets_alone(
    names: list[str], facts: bool
) -> None:
    fact = PublicFact("SA31 3AB", "the office's published postcode", "content/x.en.md", 3)
    scanner = Scanner.for_project(
        [(1, "Gareth Llewellyn"), (2, "Bethan Morgan"), (3, "Nia")], Allowlist(())
    )
    items = [
        Written(
            f"responses/{name}.{'cy' if i % 2 else 'en'}.md",
            "",
            "cy" if i % 2 else "en",
            (fact,) if facts and i == 0 else (),
            (),
        )
        for i, name in enumerate(names)
    ]
    together = scan_names(scanner, items)
    for item, got in zip(items, together, strict=True):
        alone = scan_written(scanner, item)
        assert sorted(got.findings or ()) == sorted(alone.findings or ()), item.path
        assert set(got.used) == set(alone.used)


def test_a_name_with_a_line_break_in_it_does_not_shift_the_others() -> None:
    scanner = Scanner.for_project([(1, "Gareth Llewellyn")], Allowlist(()))
    items = [
        Written(path, "", "en", (), ())
        for path in (
            "content/a\n/x.en.md",
            "responses/gareth-llewellyn.en.md",
            "responses/budget.en.md",
        )
    ]
    together = scan_names(scanner, items)
    assert [bool(item.findings) for item in together] == [False, True, False]
    for item, got in zip(items, together, strict=True):
        assert sorted(got.findings or ()) == sorted(scan_written(scanner, item).findings or ())
