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

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path

from generator.language.identify import WELSH
from generator.language.mutations import radicals
from generator.util import unescape

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]+")
MIN_LENGTH = 4  # short words are mostly function words; their "radicals" are noise


def expand(index_file: Path, known: Path | None = None, salt: str = "") -> int:
    """Add the unmutated forms to every section of a Welsh search index; returns how
    many forms were added. ``known``, if given, is a file of the forms each section's
    text gave in the last build, read and written again here (from one build to the
    next, most sections are as they were); ``salt`` stands for the code that made them
    (the page cache's: see engine.py), and forms made by other code are not used."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    earlier = _read_known(known, salt)
    now: dict[str, str] = {}
    added = 0
    for doc in data.get("docs", []):
        text = f"{doc.get('title', '')} {unescape(_TAG.sub(' ', doc.get('text', '')))}"
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        forms = now.get(key)
        if forms is None:
            forms = earlier[key] if key in earlier else " ".join(_forms(text))
            now[key] = forms
        if forms:
            doc["text"] = doc.get("text", "") + f" <span hidden>{forms}</span>"
            added += forms.count(" ") + 1
    index_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if known is not None:
        _write_known(known, salt, now)
    return added


def _forms(text: str) -> list[str]:
    present = {w.lower() for w in _WORD.findall(text)}
    return sorted(
        {
            radical
            for word in present
            if len(word) >= MIN_LENGTH and word not in WELSH
            for radical in radicals(word)
            if radical not in present
        }
    )


def _read_known(path: Path | None, salt: str) -> dict[str, str]:
    """The forms kept by the last build, if made by the same code (a change to the
    mutation rules or the word list would give other forms)."""
    with contextlib.suppress(OSError, ValueError):
        if path is not None and salt:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept.get("salt") == salt:
                forms = kept.get("forms")
                if isinstance(forms, dict) and all(isinstance(v, str) for v in forms.values()):
                    return forms
    return {}


def _write_known(path: Path, salt: str, forms: dict[str, str]) -> None:
    with contextlib.suppress(OSError):  # not kept: only the next build's time is lost
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps({"salt": salt, "forms": forms}), "utf-8")
        os.replace(partial, path)
