"""The files a reference manager imports: BibTeX, RIS and CSL-JSON, per paper and per site.

Each is a face of the one record: the BibTeX is the .bib's own text (less
``cv_bibtex_hidden_fields``, crossref parents after the entry), RIS and
CSL-JSON come from :mod:`sphinx_cv.core.faces`. The whole-list files hold
every listed entry in .bib order and are rebuilt from a cache of each
entry's exports (by page fingerprint), so an edit of one entry serialises
one entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from ..core.faces import csl_json, ris
from ..core.record import Publication

#: (label, file suffix) of each export
EXPORTS = (("BibTeX", ".bib"), ("RIS", ".ris"), ("CSL-JSON", ".json"))
#: each entry's exports, by page fingerprint, next to the doctrees
EXPORTS_CACHE = "sphinx-cv-exports.json"


@dataclass
class Exports:
    """One entry in each export format."""

    bib: str  #: the entry as written
    ris: str
    csl: dict[str, Any]
    parents: list[list[str]]  #: [key, text as written] of the entries it inherits from

    @classmethod
    def of(cls, pub: Publication) -> Exports:
        return cls(pub.bibtex, ris(pub), csl_json(pub), [[key, text] for key, text in pub.parents])


def export_stem(env: BuildEnvironment, folder: str) -> str:
    """Path of the whole-list exports without suffix: ``publications/<project>-publications``."""
    project = re.sub(r"[^a-z0-9]+", "-", str(env.config.project).lower()).strip("-")[:60].strip("-")
    return f"{folder}/{project + '-' if project else ''}publications"


def write_exports(stem: Path, items: list[Exports]) -> None:
    """``<stem>.bib``, ``.ris`` and ``.json`` (CSL-JSON) of the entries, in order.

    The .bib holds the entries, then once each the entries they inherit from
    (crossref parents must follow the entries that name them), so it parses alone.
    """
    stem.parent.mkdir(parents=True, exist_ok=True)
    parents = {key: text for item in items for key, text in item.parents}
    entries = [item.bib for item in items if item.bib and _key(item.bib) not in parents]
    bib = "\n\n".join([*entries, *parents.values()])
    stem.with_name(stem.name + ".bib").write_text(bib + "\n", encoding="utf-8")
    stem.with_name(stem.name + ".ris").write_text("\r\n".join(i.ris for i in items), encoding="utf-8")
    data = json.dumps([item.csl for item in items], ensure_ascii=False, indent=2)
    stem.with_name(stem.name + ".json").write_text(data + "\n", encoding="utf-8")


def _key(bibtex: str) -> str:
    """The citation key of one entry's BibTeX text (``@type{key,``)."""
    return bibtex.split("{", 1)[1].split(",", 1)[0] if "{" in bibtex else ""


def remove_exports(stem: Path) -> None:
    for _label, suffix in EXPORTS:
        stem.with_name(stem.name + suffix).unlink(missing_ok=True)


def write_whole_list(
    stem: Path,
    doctreedir: str,
    records: list[Publication],
    prints: dict[str, str],
    written: dict[str, Exports],
) -> None:
    """The whole-list files, each entry from what this build wrote, the cache, or its record."""
    cache_path = Path(doctreedir) / EXPORTS_CACHE
    cache = load_json(cache_path)
    fresh: dict[str, Any] = {}
    items = []
    for pub in records:
        fingerprint = prints.get(pub.key, "")
        cached = cache.get(pub.key)
        if pub.key in written:
            item = written[pub.key]
        elif isinstance(cached, dict) and cached.get("print") == fingerprint and fingerprint:
            item = Exports(cached["bib"], cached["ris"], cached["csl"], cached.get("parents", []))
        else:
            item = Exports.of(pub)
        fresh[pub.key] = {"print": fingerprint, **asdict(item)}
        items.append(item)
    write_exports(stem, items)
    cache_path.write_text(json.dumps(fresh, ensure_ascii=False), encoding="utf-8")


def load_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
