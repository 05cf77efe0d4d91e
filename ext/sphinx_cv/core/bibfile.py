"""A site's .bib files: which paper is where, and appending without touching the rest; no Sphinx.

A paper is known by its DOI (case-insensitive), its arXiv id (from
``eprint``, al-folio's ``arxiv``, an arxiv.org ``url`` or arXiv's own DOI)
or its normalised title (letters and digits only, case and TeX markup
ignored). :func:`append_entry` writes the old bytes unchanged followed by
the new entry, through a temporary file in the same folder that replaces
the original in one step, so an interrupted write leaves the old file.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser

from .doi import bare_doi
from .ids import arxiv_from_doi, arxiv_id
from .works import Work

_JABREF_ENCODING = re.compile(rb"^%\s*Encoding\s*:\s*([A-Za-z0-9_.:\-]+)\s*$", re.M)


def normalise_title(title: str) -> str:
    """Letters and digits only, lower case, accents and TeX commands dropped: how titles are compared."""
    text = re.sub(r"\\[a-zA-Z]+\s*", "", title)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class Match:
    """Where a paper already is: the key, the file, and what matched ("DOI", "arXiv id" or "title")."""

    key: str
    path: Path
    by: str


@dataclass(frozen=True)
class IndexedEntry:
    """One entry of a .bib, as :class:`BibIndex` knows it."""

    key: str
    path: Path
    doi: str
    arxiv: str
    title: str  #: normalised


@dataclass
class BibIndex:
    """Every entry of some .bib files, by DOI, arXiv id and normalised title."""

    by_doi: dict[str, tuple[str, Path]] = field(default_factory=dict)
    by_arxiv: dict[str, tuple[str, Path]] = field(default_factory=dict)
    by_title: dict[str, tuple[str, Path]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    entries: list[IndexedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  #: files that could not be read, with the reason

    def add(self, key: str, path: Path, doi: str, arxiv: str, title: str) -> None:
        self.keys.add(key)
        self.entries.append(IndexedEntry(key, path, doi.lower(), arxiv, title))
        if doi:
            self.by_doi.setdefault(doi.lower(), (key, path))
        if arxiv:
            self.by_arxiv.setdefault(arxiv, (key, path))
        if title:
            self.by_title.setdefault(title, (key, path))

    def find(self, doi: str = "", arxiv: str = "", title: str = "") -> Match | None:
        """The entry that is this paper: by DOI, then arXiv id, then normalised title."""
        for table, value, by in (
            (self.by_doi, doi.lower(), "DOI"),
            (self.by_arxiv, arxiv, "arXiv id"),
            (self.by_title, normalise_title(title), "title"),
        ):
            if value and value in table:
                key, path = table[value]
                return Match(key, path, by)
        return None

    def add_work(self, key: str, path: Path, work: Work) -> None:
        """Record an entry written in this run, so the same paper given twice is added once."""
        self.add(key, path, work.doi, work.eprint, normalise_title(re.sub(r"<[^>]+>", "", work.title)))


def file_encoding(data: bytes) -> str:
    """UTF-8, or the encoding JabRef's ``% Encoding:`` header declares."""
    declared = _JABREF_ENCODING.search(data[:1024])
    if declared:
        with contextlib.suppress(LookupError):
            return codecs.lookup(declared[1].decode("ascii")).name
    return "utf-8"


def _identity(fields: dict[str, str]) -> tuple[str, str, str]:
    lower = {name.lower(): value for name, value in fields.items()}
    doi = bare_doi(lower.get("doi", ""))
    arxiv = arxiv_from_doi(doi)
    eprint = lower.get("eprint", "")
    prefix = lower.get("archiveprefix", lower.get("eprinttype", "arxiv")).lower()
    if eprint and prefix == "arxiv":
        arxiv = arxiv or arxiv_id(eprint)
    arxiv = arxiv or arxiv_id(lower.get("arxiv", "")) or arxiv_id(lower.get("url", ""))
    return doi, arxiv, normalise_title(lower.get("title", ""))


def index_bib_files(paths: Iterable[Path]) -> BibIndex:
    """Read the files with pybtex (errors captured, so one bad entry does not hide the others)."""
    index = BibIndex()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as err:
            index.problems.append(f"{path}: {err.strerror or err}")
            continue
        text = data.decode(file_encoding(data), errors="replace")
        saved = pybtex.errors.captured_errors
        pybtex.errors.captured_errors = []
        try:
            parsed: BibliographyData = Parser().parse_string(text)
        except Exception as err:  # pybtex raises many kinds on broken input
            index.problems.append(f"{path}: {err}")
            continue
        finally:
            captured = pybtex.errors.captured_errors or []
            pybtex.errors.captured_errors = saved
        index.problems += [f"{path}: {error}" for error in captured]
        for key, entry in parsed.entries.items():
            index.add(key, path, *_identity(dict(entry.fields)))
    return index


def entry_bytes(old: bytes, entry: str) -> bytes:
    """The bytes to append to ``old``: a blank line before the entry, in the file's encoding.

    Characters the encoding lacks become TeX (``\\'e``) through pylatexenc.
    """
    encoding = file_encoding(old)
    if encoding == "utf-8":
        try:
            old.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "ascii"  # an undeclared 8-bit file: TeX escapes fit any of them
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    if not old.strip() or old.endswith(newline * 2):
        separator = b""
    elif old.endswith(newline):
        separator = newline
    else:
        separator = newline * 2
    try:
        body = entry.encode(encoding)
    except UnicodeEncodeError:
        from pylatexenc.latexencode import unicode_to_latex

        body = unicode_to_latex(entry, non_ascii_only=True).encode(encoding)
    return separator + body


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in its folder that replaces it in one step."""
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def append_entry(path: Path, entry: str) -> None:
    """Append ``entry`` to ``path`` atomically; every byte already there stays as it was."""
    old = path.read_bytes() if path.exists() else b""
    write_atomically(path, old + entry_bytes(old, entry))
