"""A paper's one record (:class:`~sphinx_cv.core.record.Publication`) as JSON Resume or RenderCV.

Both are small functions of the record, as every other face of a paper is:
nothing here reads a bib field, so a paper exports the same whatever it was
read from (a .bib entry, or a data file's publication). What the target
cannot hold is handed to ``lose(kind, detail)``: the builder gives one
``cv.export`` warning per kind (:data:`JSON_RESUME_LOSSES`,
:data:`RENDERCV_LOSSES`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..doi import doi_url
from ..record import Author, Publication
from .record import data_markdown, escape_markdown, has_markup, markdown_to_plain

#: ``lose(kind, detail)``: note a loss of this kind, with the value lost as its example
Lose = Callable[[str, str], None]

#: the links whose address is the paper's arXiv preprint (al-folio writes ``arxiv``, BibTeX ``eprint``)
ARXIV_FIELDS = ("eprint", "arxiv")
#: what follows the last author when the .bib ended the list with "and others"
ET_AL = "et al."
#: the site owner among the authors in RenderCV's Markdown, as RenderCV's own sample CV marks
#: John Doe (``*John Doe*``, italic), which every ``rendercv new`` starts from; a RenderCV file
#: read into a site and exported again keeps its mark
OWNER_MARKDOWN = "*{}*"

_MARKS = "author note marks (* equal contribution, \u2020 corresponding...) and their legend are left out"
_PREVIEW = "publication thumbnails (al-folio's preview) are left out"

JSON_RESUME_LOSSES = {
    "owner": "JSON Resume authors are plain names: the highlight of the site owner's name is left out",
    "marks": _MARKS,
    "links": "a JSON Resume publication has one url (and its DOI as doi): "
    "its other links (PDF, code, slides, a file of the site...) are left out",
    "award": "JSON Resume publications have no field for an award (al-folio's award): left out",
    "preview": _PREVIEW,
}
RENDERCV_LOSSES = {
    "marks": _MARKS,
    "links": "a RenderCV publication links its DOI, else one URL: "
    "its other links (PDF, code, slides, a file of the site...) are left out",
    "preview": _PREVIEW,
    "scripts": "RenderCV's Markdown has no sub- or superscript: written as plain text",
}


def _external(url: str) -> bool:
    return "://" in url


def arxiv_url(pub: Publication) -> str:
    """The preprint's link as the list shows it, else the abstract page of its arXiv id."""
    for link in pub.links:
        if link.field in ARXIV_FIELDS and _external(link.url):
            return link.url
    return f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else ""


def main_url(pub: Publication, *, with_doi: bool = True) -> str:
    """The one link of a target that takes one: its ``url``, else its DOI, else arXiv, else the first link."""
    if _external(pub.url):
        return pub.url
    if with_doi and pub.doi:
        return doi_url(pub.doi)
    return arxiv_url(pub) or next((link.url for link in pub.links if _external(link.url)), "")


def _lost_links(pub: Publication, kept: set[str], lose: Lose) -> None:
    """One loss per link the list shows that the target does not keep."""
    for link in pub.links:
        if link.url not in kept and not (link.field == "doi" and pub.doi):
            lose("links", f"{pub.key}: {link.label}")


def release_date(pub: Publication) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as far as the record knows it; "" without a year."""
    if not pub.year4:
        return ""
    month = f"-{pub.month:02d}" if pub.month else ""
    return pub.year4 + month + (f"-{pub.day:02d}" if month and pub.day else "")


def _where(pub: Publication, venue: str | None = None) -> str:
    """Where it appeared, without the year: the venue, then the note after a comma, as RenderCV's own
    sample writes a venue ("NeurIPS 2022, Spotlight"; RenderCV puts the whole in brackets)."""
    return ", ".join(p for p in (pub.venue or pub.publisher if venue is None else venue, pub.note) if p)


def _info(pub: Publication) -> str:
    """al-folio's ``additional_info`` (Markdown) as the list writes it after the venue."""
    return (" " if pub.info[:1].isalnum() else "") + pub.info if pub.info else ""


def _common_losses(pub: Publication, lose: Lose) -> None:
    for author in pub.authors:
        if author.marks:
            lose("marks", author.name + "".join(author.marks))
    if pub.preview:
        lose("preview", f"{pub.key}: {pub.preview}")


# ---- JSON Resume --------------------------------------------------------------------------------


def json_resume_publication(pub: Publication, lose: Lose) -> dict[str, Any]:
    """``name``, ``publisher`` (the venue and note), ``releaseDate``, ``url``, ``summary`` (the abstract);
    ``authors`` and ``doi``, which the schema has no field for, as extra fields."""
    _common_losses(pub, lose)
    if any(style for style, _text in pub.title):
        lose("markup", pub.title_text)
    authors: list[str] = []
    for author in pub.authors:
        if author.is_owner:
            lose("owner", author.name)
        elif author.url:
            lose("markup", author.name)
        authors.append(author.name)
    info = _info(pub)
    if has_markup(info):
        lose("markup", pub.info)
    if pub.year.strip() != pub.year4:
        lose("season", pub.year)
    if pub.has_award:
        lose("award", pub.award_name or pub.award or pub.key)
    url = main_url(pub)
    _lost_links(pub, {url}, lose)
    item = {
        "name": pub.title_text or pub.key,
        "publisher": _where(pub) + markdown_to_plain(info),
        "releaseDate": release_date(pub),
        "url": url,
        "summary": pub.abstract,
        "authors": [*authors, ET_AL] if authors and pub.et_al else authors,
        "doi": pub.doi,
    }
    return {k: v for k, v in item.items() if v}


# ---- RenderCV -----------------------------------------------------------------------------------

_STYLES = {"em": "*{}*", "strong": "**{}**", "code": "`{}`"}


def title_markdown(pub: Publication, lose: Lose) -> str:
    """The title's styled runs as RenderCV's Markdown (the list shows the key when there is no title)."""
    if any(style in ("sub", "sup") for style, _text in pub.title):
        lose("scripts", pub.title_text)
    parts: list[str] = []
    for style, text in pub.title or [("", pub.key)]:
        core = text.strip()
        if style not in _STYLES or not core:
            parts.append(escape_markdown(text))
            continue
        inner = core.replace("`", "'") if style == "code" else escape_markdown(core)
        lead, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        parts.append(lead + _STYLES[style].format(inner) + tail)
    return "".join(parts)


def _author_markdown(author: Author) -> str:
    name = escape_markdown(author.name)
    if author.is_owner:
        return OWNER_MARKDOWN.format(name)
    return f"[{name}]({author.url})" if _external(author.url) else name


def rendercv_doi(doi: str) -> tuple[str, str]:
    """(``doi``, ``url``) for RenderCV: the DOI itself when its link needs no escaping, else its link.

    RenderCV writes ``[doi](https://doi.org/doi)`` as Markdown and the address
    into Typst as it is: a DOI holding ``"``, ``<`` or brackets (old Wiley
    DOIs do) would break both, where the percent-encoded link cannot.
    """
    url = doi_url(doi)
    return (doi, "") if url == f"https://doi.org/{doi}" and "[" not in doi and "]" not in doi else ("", url)


def _rendercv_date(pub: Publication) -> str | int:
    """RenderCV's date: a year as a number, ``YYYY-MM(-DD)``, or the year as written ("in press")."""
    found = release_date(pub)
    if found and pub.year.strip() == pub.year4:
        return int(found) if found.isdigit() else found
    return pub.year.strip()


def _award_markdown(pub: Publication) -> str:
    name = pub.award_name or "Award"
    text = data_markdown(pub.award) if pub.award and pub.award != name else ""
    return " ".join(p for p in (f"**{escape_markdown(name)}**", text) if p)


def rendercv_publication(pub: Publication, lose: Lose, *, abstract: bool = False) -> dict[str, Any]:
    """A RenderCV publication entry: ``title``, ``authors`` (the owner in italics, co-authors linked),
    ``doi`` (else ``url``), ``journal`` (the venue and note), ``date``; the award and, when the list
    shows abstracts (``abstract``), the abstract as ``summary``.

    ``authors`` is always written, if empty: RenderCV requires it of a publication.
    """
    _common_losses(pub, lose)
    authors = [_author_markdown(a) for a in pub.authors]
    doi, url = rendercv_doi(pub.doi) if pub.doi else ("", "")
    url = url or main_url(pub, with_doi=False)
    _lost_links(pub, {url} if not doi else set(), lose)
    # a preprint's arXiv id is said once, by its link (as the site's list says it)
    venue = "" if url and url == arxiv_url(pub) and pub.venue == f"arXiv:{pub.arxiv}" else pub.venue
    summary = [_award_markdown(pub)] if pub.has_award else []
    if abstract and pub.abstract:
        summary.append(escape_markdown(" ".join(pub.abstract.split())))
    item = {
        "title": title_markdown(pub, lose),
        "authors": [*authors, ET_AL] if authors and pub.et_al else authors,
        "doi": doi,
        "url": "" if doi else url,
        "journal": escape_markdown(_where(pub, venue)) + data_markdown(_info(pub)),
        "date": _rendercv_date(pub),
        "summary": "\n".join(summary),
    }
    return {k: v for k, v in item.items() if v or k == "authors"}
