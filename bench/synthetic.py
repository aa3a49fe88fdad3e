"""A synthetic register of N bilingual responses, made from the example election.

Each response is one of the example's real responses (English and Welsh) with a new
reference, new dates and a table of figures added, so lengths, frontmatter and Welsh
text are realistic. The example's content/ (election data, pages, briefing pack) comes
along, with a few CSV attachments. Used by the benchmarks; nothing here is a test.
"""

from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FIRST = [
    "Gareth",
    "Bethan",
    "Carys",
    "Dafydd",
    "Rhian",
    "Emyr",
    "Sioned",
    "Tomos",
    "Ffion",
    "Iwan",
    "Lowri",
    "Geraint",
    "Manon",
    "Rhodri",
    "Eleri",
    "Huw",
    "Nia",
    "Owain",
    "Angharad",
    "Llinos",
]
LAST = [
    "Llewellyn",
    "Morgan",
    "Pritchard",
    "Rees",
    "Vaughan",
    "Prosser",
    "Bevan",
    "Powell",
    "Griffiths",
    "Howells",
]


def people(count: int = 200) -> str:
    names = [f"{f} {s}" for s in LAST for f in FIRST][:count]
    return "# Synthetic people list for the benchmark\n" + "\n".join(names) + "\n"


def _table(rng: random.Random, lang: str) -> str:
    head = "| County | Officers | Budget |" if lang == "en" else "| Sir | Swyddogion | Cyllideb |"
    rows = [
        f"| {county} | {rng.randint(80, 400):,} | £{rng.randint(5, 40)}.{rng.randint(0, 9)}m |"
        for county in ("Carmarthenshire", "Ceredigion", "Pembrokeshire", "Powys")
    ]
    return "\n".join([head, "|---|---:|---:|", *rows])


def make_register(target: Path, count: int, seed: int = 2024) -> Path:
    """Write a project with ``count`` bilingual responses into ``target`` (replaced)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "content", target / "content")
    (target / "responses").mkdir(parents=True)
    (target / ".private").mkdir()
    (target / ".private/people.txt").write_text(people(), encoding="utf-8")
    templates = sorted(
        p.stem[: -len(".en")]
        for p in (REPO / "responses").glob("*.en.md")
        if "status: ready" in p.read_text(encoding="utf-8")
    )
    start = date(2024, 3, 25)
    for number in range(1, count + 1):
        reference = f"PCC24-{number:05d}"
        stem = rng.choice(templates)
        received = start + timedelta(days=rng.randint(0, 30))
        responded = received + timedelta(days=rng.randint(1, 10))
        figures = rng.random()  # one table of figures, written in both languages
        for lang in ("en", "cy"):
            text = (REPO / "responses" / f"{stem}.{lang}.md").read_text(encoding="utf-8")
            text = re.sub(r"(?m)^reference: .*$", f"reference: {reference}", text)
            text = re.sub(r"(?m)^received: .*$", f"received: {received}", text)
            text = re.sub(r"(?m)^responded: .*$", f"responded: {responded}", text)
            text = re.sub(
                r"(?m)^confirmed_in_writing: .*$", f"confirmed_in_writing: {received}", text
            )
            text = text.rstrip("\n") + "\n\n" + _table(random.Random(figures), lang) + "\n"
            (target / "responses" / f"{reference}.{lang}.md").write_text(text, encoding="utf-8")
    for number in range(1, 6):
        rows = "\n".join(
            f"{y},{rng.randint(100, 999)},{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
            for y in range(2015, 2025)
        )
        (target / "content/briefing-pack" / f"figures-{number}.csv").write_text(
            "year,count,change\n" + rows + "\n", encoding="utf-8"
        )
    return target
