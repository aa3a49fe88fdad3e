"""Welsh search that knows Welsh mutations (part of the engine seam: it rewrites the
search index that mkdocs-material's search plugin writes).

Material's search has no Welsh stemmer, so the Welsh site is indexed as written (see
engine.py). But Welsh changes the first letter of a word after certain words: a page
about "swyddfa yng Nghaerfyrddin" would never be found by a reader searching for
"Caerfyrddin". For every word of a Welsh section, the forms it may have had before
mutation are added to the section's indexed text inside a hidden element, so that a
search for the dictionary form finds the mutated one; the result's preview shows only
the real text.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from generator.language.identify import WELSH
from generator.language.mutations import radicals

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]+")
MIN_LENGTH = 4  # short words are mostly function words; their "radicals" are noise


def expand(index_file: Path) -> int:
    """Add the unmutated forms to every section of a Welsh search index; returns how
    many forms were added."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    added = 0
    for doc in data.get("docs", []):
        text = f"{doc.get('title', '')} {html.unescape(_TAG.sub(' ', doc.get('text', '')))}"
        present = {w.lower() for w in _WORD.findall(text)}
        forms = sorted(
            {
                radical
                for word in present
                if len(word) >= MIN_LENGTH and word not in WELSH
                for radical in radicals(word)
                if radical not in present
            }
        )
        if forms:
            doc["text"] = doc.get("text", "") + f" <span hidden>{' '.join(forms)}</span>"
            added += len(forms)
    index_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return added
