"""The quick tests that spare a text a detector's full search must never spare a text in
which the full search would find something: a gate that says no wrongly is a leak.

Each gate is checked against its detector with the gate taken away, on the tricky cases
by name and on texts made at random from the pieces that trip such tests (names and
their mutations, capitals, accents, non-ASCII punctuation, digits and markup).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.redaction.detectors.names import NameDetector
from generator.redaction.normalise import prepare

PEOPLE = [
    (1, "Gareth Llewellyn"),
    (2, "Siân O'Brien"),
    (3, "Dafydd ap Gwilym"),
    (4, "Nia"),
    (5, "José Núñez"),
    (6, "Rees"),
    (7, "Kirsty Evans"),
]


def hits(detector: NameDetector, text: str, lang: str, quick: bool) -> list[tuple[int, int]]:
    detector._quick = quick
    prepared = prepare(text)
    return [(hit.start, hit.end) for hit in detector.find(prepared, lang)]  # type: ignore[arg-type]


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
        "٣",
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
