"""The faces of a paper that machines read, each a small function of the one record; no Sphinx.

Google Scholar indexes a paper from the Highwire Press ``citation_*`` meta
tags of its own page; Zotero's browser connector reads the same tags, or
COinS spans (``span.Z3988``) on pages that list several papers; reference
managers import RIS and CSL-JSON; search engines read schema.org JSON-LD.
All of them are written from one :class:`~.record.Publication`, so an
author, a title, a date or a DOI is the same in every one of them and on the
list (the reader, :mod:`.bib`, decided each once).

What each format gets follows its reader: Google Scholar's inclusion
guidelines (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing),
Zotero's OpenURL parser (zotero/utilities ``openurl.js``: ``rft.genre=document``
takes ``rft.title``, not ``rft.btitle``; ``+`` reads as a space) and the CSL
1.0.2 input schema (``csl-data.json``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import quote, urlencode, urljoin

from .doi import doi_url
from .record import Author, Publication
from .urls import same_host

# ---- file names -----------------------------------------------------------------------------------


#: file names Windows cannot create, whatever follows a dot (``con.html``, ``aux.bib``)
WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3"),
    }
)
#: a key longer than this is cut and hashed: a page's files must stay within file-name limits
PLAIN_SLUG_LIMIT = 100


def page_slug(key: str, reserved: frozenset[str] = frozenset()) -> str:
    """A file-name-safe, stable, unique name for a citation key.

    Keys made only of ASCII letters, digits, ``_`` and ``-`` keep their
    (lower-cased) text: BibTeX keys are case-insensitive, and so are some
    file systems. Any other key (``:``, ``/``, dots, non-ASCII), a key longer
    than :data:`PLAIN_SLUG_LIMIT`, a name Windows cannot write
    (:data:`WINDOWS_RESERVED`) and a name in ``reserved`` (the site's own
    files beside the pages) are folded to ASCII, cut, and get a short hash of
    the key itself, so two keys that fold alike still get different names.
    """
    lowered = key.lower()
    plain = re.fullmatch(r"[a-z0-9_][a-z0-9_-]*", lowered) and len(lowered) <= PLAIN_SLUG_LIMIT
    if plain and lowered not in WINDOWS_RESERVED and lowered not in reserved:
        return lowered
    folded = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9_]+", "-", folded).strip("-")[:60]
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}" if readable else f"entry-{digest}"


# ---- Highwire Press tags (Google Scholar, Zotero) ---------------------------------------------------


def publication_date(pub: Publication) -> str:
    """``YYYY/MM/DD`` when the day is known, else ``YYYY`` (Scholar wants no guessed month or day)."""
    if pub.year4 and pub.month and pub.day:
        return f"{pub.year4}/{pub.month:02d}/{pub.day:02d}"
    return pub.year4


def own_pdf(pub: Publication, base_url: str, root: str = "") -> str:
    """``citation_pdf_url``: the record's PDF when it is on the site's own host (Scholar wants no other).

    A site path is joined to ``base_url`` (``html_baseurl``), else made relative with ``root``
    (the path from the page to the site's root); a URL counts when its host is ``base_url``'s.
    """
    if pub.pdf is None:
        return ""
    if pub.pdf.site_path:
        return urljoin(base_url, pub.pdf.url) if base_url else root + pub.pdf.url
    return pub.pdf.url if same_host(pub.pdf.url, base_url) else ""


def highwire_tags(
    pub: Publication, *, pdf_url: str = "", abstract_html_url: str = ""
) -> list[tuple[str, str]]:
    """``(name, content)`` of each ``citation_*`` meta tag, in the order of Scholar's guidelines.

    ``pdf_url`` is given by the caller only for a PDF on the site's own host;
    the venue tag follows the entry type, so Scholar and Zotero know what the
    item is.
    """
    tags: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        if value:
            tags.append((f"citation_{name}", value))

    add("title", pub.title_text)
    for author in pub.authors:
        add("author", author.inverted)
    add("publication_date", publication_date(pub))
    kind = pub.entry_type
    if kind == "article" or (pub.journal and kind not in ("inproceedings", "conference")):
        add("journal_title", pub.journal)
        add("volume", pub.volume)
        add("issue", pub.issue)
        add("issn", pub.issn)
    elif kind in ("inproceedings", "conference"):
        add("conference_title", pub.booktitle)
    elif kind in ("incollection", "inbook"):
        add("book_title", pub.booktitle)
    elif pub.kind == "thesis":
        add("dissertation_institution", pub.institution)
    elif pub.kind == "report":
        add("technical_report_institution", pub.institution)
        add("technical_report_number", pub.number)
    if pub.kind in ("article", "inproceedings", "book"):
        add("firstpage", pub.first_page)
        add("lastpage", pub.last_page)
    if pub.kind == "book" or pub.isbn:
        add("publisher", pub.publisher)
        add("isbn", pub.isbn)
    add("doi", pub.doi)
    add("arxiv_id", pub.arxiv)
    add("pdf_url", pdf_url)
    add("abstract_html_url", abstract_html_url)
    return tags


# ---- COinS (OpenURL ContextObject in SPAN) -----------------------------------------------------------

_FMT = "info:ofi/fmt:kev:mtx:"


def coins(pub: Publication) -> str:
    """The ContextObject 1.0 KEV string of a ``span.Z3988`` ``title``, with the fields of its genre."""
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    kind = pub.entry_type
    if kind == "article" and pub.journal:
        pairs += [("rft_val_fmt", _FMT + "journal"), ("rft.genre", "article"), ("rft.atitle", pub.title_text)]
        pairs += [("rft.jtitle", pub.journal), ("rft.volume", pub.volume), ("rft.issue", pub.issue)]
        pairs += [("rft.issn", pub.issn)]
    elif pub.kind == "thesis":
        pairs += [("rft_val_fmt", _FMT + "dissertation"), ("rft.title", pub.title_text)]
        pairs += [("rft.inst", pub.institution), ("rft.degree", pub.thesis_type)]
    else:
        pairs.append(("rft_val_fmt", _FMT + "book"))
        if kind in ("inproceedings", "conference"):
            pairs += [
                ("rft.genre", "proceeding"),
                ("rft.atitle", pub.title_text),
                ("rft.btitle", pub.booktitle),
            ]
        elif kind in ("incollection", "inbook"):
            pairs += [
                ("rft.genre", "bookitem"),
                ("rft.atitle", pub.title_text),
                ("rft.btitle", pub.booktitle),
            ]
        elif pub.kind == "book":
            pairs += [("rft.genre", "book"), ("rft.btitle", pub.title_text)]
        elif pub.kind == "report":
            pairs += [("rft.genre", "report"), ("rft.btitle", pub.title_text)]
        else:  # Zotero reads only rft.title for a document: rft.btitle there drops the item
            pairs += [("rft.genre", "document"), ("rft.title", pub.title_text)]
        pairs += [("rft.pub", pub.publisher or (pub.institution if pub.kind == "report" else ""))]
        pairs += [("rft.place", pub.place), ("rft.isbn", pub.isbn)]
    pairs += [("rft.spage", pub.first_page), ("rft.epage", pub.last_page)]
    date = "-".join(p for p in (pub.year4, f"{pub.month:02d}" if pub.month else "") if p)
    pairs.append(("rft.date", date if pub.year4 else ""))
    pairs += [("rft.au", a.natural) for a in pub.authors]
    if pub.doi:
        pairs.append(("rft_id", f"info:doi/{pub.doi}"))
    if pub.arxiv:
        pairs.append(("rft_id", arxiv_url(pub.arxiv)))
    pairs.append(("rfr_id", "info:sid/sphinx-cv"))
    return urlencode([(k, v) for k, v in pairs if v], quote_via=quote, safe="")


# ---- RIS --------------------------------------------------------------------------------------------

_RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "book": "BOOK",
    "proceedings": "CONF",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "unpublished": "UNPB",
}


_BREAKS = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")


def _one_line(value: str) -> str:
    """A value on one line (RIS has one per line); other spaces, thin ones included, stay."""
    return _BREAKS.sub(" ", value).strip()


def ris(pub: Publication) -> str:
    """One RIS record (``TY`` ... ``ER``); values on one line each, as RIS requires."""
    ris_type = _RIS_TYPES.get(pub.entry_type) or ("UNPB" if pub.kind == "preprint" else "GEN")
    lines: list[tuple[str, str]] = [("TY", ris_type), ("ID", pub.key), ("TI", pub.title_text)]
    lines += [("AU", a.inverted) for a in pub.authors]
    lines += [("T2", pub.journal or pub.booktitle), ("PY", pub.year4)]
    if pub.year4 and pub.month:
        lines.append(("DA", f"{pub.year4}/{pub.month:02d}/{f'{pub.day:02d}' if pub.day else ''}/"))
    lines += [("VL", pub.volume), ("IS", pub.issue), ("SP", pub.first_page), ("EP", pub.last_page)]
    lines += [("PB", pub.publisher or pub.institution), ("CY", pub.place), ("M3", pub.thesis_type)]
    lines += [("SN", pub.isbn or pub.issn), ("DO", pub.doi), ("AB", pub.abstract), ("N1", pub.note)]
    if pub.arxiv:
        lines.append(("UR", arxiv_url(pub.arxiv)))
    elif pub.url.startswith(("http://", "https://")):
        lines.append(("UR", pub.url))
    body = "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if _one_line(value))
    return body + "ER  - \r\n"


# ---- CSL-JSON ---------------------------------------------------------------------------------------

_CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "book": "book",
    "proceedings": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
}


def _hyphen_pages(pub: Publication) -> str:
    return "-".join(p for p in (pub.first_page, pub.last_page) if p)


def _csl_name(name: Author) -> dict[str, str]:
    if not name.family:  # a name BibTeX could not split: CSL's literal
        return {"literal": name.name}
    data = {"family": name.family, "given": name.given, "non-dropping-particle": name.particle}
    data["suffix"] = name.suffix
    return {k: v for k, v in data.items() if v}


def csl_title(pub: Publication) -> str:
    """The title, what its braces protect in CSL's ``<span class="nocase">`` (the BibTeX braces of
    Zotero, pandoc and citeproc-js): a style's title case leaves those words as written."""
    text, at, parts = pub.title_text, 0, []
    for start, end in pub.title_protected:
        parts += [text[at:start], f'<span class="nocase">{text[start:end]}</span>']
        at = end
    return "".join([*parts, text[at:]])


def csl_json(pub: Publication) -> dict[str, Any]:
    """One CSL-JSON item (CSL 1.0.2 input schema): an arXiv-only entry is an ``article`` (preprint)."""
    csl_type = _CSL_TYPES.get(pub.entry_type) or ("article" if pub.kind == "preprint" else "document")
    data: dict[str, Any] = {"id": pub.key, "type": csl_type, "title": csl_title(pub)}
    if pub.authors:
        data["author"] = [_csl_name(a) for a in pub.authors]
    if pub.year4:
        parts = [int(pub.year4), *([pub.month] if pub.month else []), *([pub.day] if pub.day else [])]
        data["issued"] = {"date-parts": [parts]}
    data["container-title"] = pub.journal or pub.booktitle
    data["volume"], data["issue"], data["page"] = pub.volume, pub.issue, _hyphen_pages(pub)
    data["page-first"] = pub.first_page
    data["publisher"] = pub.publisher or pub.institution
    data["publisher-place"] = pub.place
    data["genre"] = pub.thesis_type if csl_type == "thesis" else ""
    data["number"] = pub.number or (f"arXiv:{pub.arxiv}" if pub.arxiv else "")
    data["ISBN"], data["ISSN"], data["DOI"] = pub.isbn, pub.issn, pub.doi
    if pub.arxiv:
        data["URL"] = arxiv_url(pub.arxiv)
        data["archive"] = "arXiv"
    elif pub.url.startswith(("http://", "https://")):
        data["URL"] = pub.url
    data["abstract"], data["note"] = pub.abstract, pub.note
    return {k: v for k, v in data.items() if v not in ("", None)}


# ---- schema.org JSON-LD ---------------------------------------------------------------------------


def jsonld(pub: Publication, *, page_url: str = "", abstract: bool = False) -> dict[str, Any]:
    """schema.org data of one paper: a ``ScholarlyArticle`` (a ``Thesis`` for theses).

    ``sameAs`` holds the DOI and arXiv pages (the same work, however the list's
    link badges are configured); ``url`` is the paper's own page when it has one.
    """
    data: dict[str, Any] = {
        "@type": "Thesis" if pub.kind == "thesis" else "ScholarlyArticle",
        "name": pub.title_text,
        "author": [{"@type": "Person", "name": a.name} for a in pub.authors],
    }
    if pub.year4:
        data["datePublished"] = f"{pub.year4}-{pub.month:02d}" if pub.month else pub.year4
    if pub.venue and pub.kind in ("article", "inproceedings", "book"):
        data["isPartOf"] = {
            "@type": "Periodical" if pub.kind == "article" else "CreativeWork",
            "name": pub.venue,
        }
    identifiers = [*([f"doi:{pub.doi}"] if pub.doi else []), *([f"arXiv:{pub.arxiv}"] if pub.arxiv else [])]
    if identifiers:
        data["identifier"] = identifiers
    same_as = [*([doi_url(pub.doi)] if pub.doi else []), *([arxiv_url(pub.arxiv)] if pub.arxiv else [])]
    if same_as:
        data["sameAs"] = same_as
    if abstract and pub.abstract:
        data["abstract"] = pub.abstract
    url = page_url or next((link.url for link in pub.links if not link.site_path and "://" in link.url), "")
    if url:
        data["url"] = url
    return data


def arxiv_url(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"
