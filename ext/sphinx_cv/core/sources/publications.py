"""Publications in data files, as bib entries: the one reader then makes them records; no Sphinx.

A RenderCV ``publication`` entry (title, authors, doi, journal, date), a JSON
Resume ``publications`` item (name, publisher, releaseDate, url, summary, and
the ``authors``/``doi`` other tools add) or a plain YAML item with a title
and authors becomes a pybtex :class:`~pybtex.database.Entry`, exactly as
sphinxcontrib-bibtex would have parsed it from a .bib: the text as BibTeX
(LaTeX's special characters escaped), the authors as persons, the date as
biblatex's ``date``. :func:`~sphinx_cv.core.bib.read_publication` then reads
it like any other entry, so a paper from a RenderCV file has the same list
look, page, metadata and exports as one from a .bib. Nothing is invented:
a field the file does not give is absent, and the entry type follows what
the file says (a ``journal`` makes an article; a JSON Resume publisher, which
may be a newspaper or a company, a ``misc``).

Each gets a key that does not change when other entries change: its DOI
(lower case), else its title's first words and its year.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from pybtex.database import Entry

from ..bibtex import SOURCE_ATTRIBUTE
from ..dates import shorten
from ..doi import bare_doi
from ..names import parse_person
from .common import text, texts, web_url
from .parse import item_lines

#: LaTeX's special characters in plain text, as BibTeX writes them (``--`` kept as two hyphens)
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile(r"[\\{}$&%#_~]|-(?=-)")
#: a name as Markdown emphasis (RenderCV's mark of the CV's owner): ``*John Doe*``
_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(?P<name>.+?)\1$")


def latex_text(value: str) -> str:
    """Plain text as a BibTeX value that reads back as the same text."""
    return _SPECIAL.sub(lambda m: _SPECIALS.get(m[0], "-{}"), " ".join(value.split()))


def is_publication(item: object) -> bool:
    """An item of a data file that describes a paper: a title (or JSON Resume's name) and more."""
    if not isinstance(item, Mapping):
        return False
    titled = bool(text(item.get("title")) or text(item.get("name")))
    return titled and any(k in item for k in ("authors", "doi", "journal", "publisher", "releaseDate"))


def _authors(value: object) -> list[str]:
    """Author names: a list, or one string separated by " and " or commas between full names."""
    if isinstance(value, list):
        return [text(v) for v in value if text(v)]
    written = text(value)
    if not written:
        return []
    parts = re.split(r"\s+and\s+|;\s*", written)
    return [p.strip() for p in parts if p.strip()]


def _slug(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded)[:6])


def publication_key(item: Mapping[str, Any]) -> str:
    """Stable across builds and edits of other entries: the DOI, else title words and year."""
    doi = bare_doi(text(item.get("doi"))) or bare_doi(text(item.get("url")))
    if doi:
        return doi.lower()
    date = text(item.get("date") or item.get("releaseDate") or item.get("year"))
    year = (re.search(r"\d{4}", date) or [""])[0]
    return "-".join(p for p in (_slug(text(item.get("title") or item.get("name"))), year) if p) or "untitled"


def publication_entry(item: Mapping[str, Any], *, filename: str, line: int | None) -> Entry:
    """One paper of a data file as the bib entry the file would have had."""
    fields: dict[str, str] = {}

    def put(name: str, value: str, plain: bool = True) -> None:
        if value:
            fields[name] = latex_text(value) if plain else value

    put("title", text(item.get("title") or item.get("name")))
    journal, publisher = text(item.get("journal")), text(item.get("publisher"))
    put("journal", journal)
    put("publisher", publisher if not journal else "")
    date = item.get("date") or item.get("releaseDate") or item.get("year")
    if date is not None and text(date):
        put("date" if re.match(r"\d{4}-\d", text(date)) else "year", text(date), plain=False)
    doi = bare_doi(text(item.get("doi"))) or bare_doi(text(item.get("url")))
    put("doi", doi, plain=False)
    url = web_url(item.get("url") or item.get("website"))  # "website" before JSON Resume 1.0
    put("url", url if url and not (doi and bare_doi(url) == doi) else "", plain=False)
    put("abstract", text(item.get("summary") or item.get("abstract")))
    put("keywords", ", ".join(texts(item.get("keywords") or item.get("tags"))))
    # RenderCV writes its owner as Markdown emphasis (*John Doe*): the name is John Doe, and the
    # owner is highlighted by cv_author, as in a .bib
    written = _authors(item.get("authors") or item.get("author"))
    names = [latex_text(_EMPHASIS.sub(r"\g<name>", name).strip()) for name in written]
    entry = Entry("article" if journal else "misc", fields=fields)
    for name in names:
        entry.add_person(parse_person(name), "author")
    persons = {"author": " and ".join(names)} if names else {}
    entry.key = publication_key(item)
    order = ("title", *persons, *(f for f in fields if f != "title"))
    setattr(entry, SOURCE_ATTRIBUTE, (filename, line, order, persons))
    return entry


def publication_entries(items: list[Any], filename: str) -> tuple[list[Entry], list[tuple[int | None, str]]]:
    """The papers of one section, and (line, message) for items that are no paper.

    Two items with one key keep the first; the second is reported.
    """
    found: list[Entry] = []
    problems: list[tuple[int | None, str]] = []
    seen: set[str] = set()
    for item, line in zip(items, item_lines(items), strict=True):
        if not is_publication(item):
            problems.append((line, "is not a publication (it needs a title and authors, a DOI or a venue)"))
            continue
        entry = publication_entry(item, filename=filename, line=line)
        if entry.key in seen:
            problems.append((line, f"repeats the publication {shorten(entry.key)}; left out"))
            continue
        seen.add(entry.key)
        found.append(entry)
    return found, problems
