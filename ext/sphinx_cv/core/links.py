"""A publication's links from its bib fields, decided once for every face; no Sphinx.

Only http(s) and relative URLs survive (:func:`~sphinx_cv.core.urls.safe_url`).
A relative value in a bib field is a path from the site's root, wherever the
list or page stands: a bare file name in a file field (al-folio's ``pdf =
{paper.pdf}``) is a file of ``cv_pdf_folder``, and ``/files/x.pdf`` or
``files/x.pdf`` is that file of the site. The list, the publication's page
and ``citation_pdf_url`` all resolve such a :class:`PubLink` the same way.
Identifier fields (al-folio's ``google_scholar_id``, ``pmid``...) become links
to the pages they identify; ``altmetric`` and ``dimensions`` plain links,
never the providers' scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .dates import Problem, shorten
from .doi import doi_url
from .record import PubLink
from .urls import is_external, safe_url

#: ``cv_link_fields``'s default: bib field -> badge label, in the order shown
DEFAULT_LINK_FIELDS = {
    "pdf": "PDF",
    "eprint": "arXiv",
    "doi": "DOI",
    "url": "Link",
    "html": "HTML",
    "supp": "Supp",
    "code": "Code",
    "slides": "Slides",
    "video": "Video",
    "poster": "Poster",
    "blog": "Blog",
    "website": "Website",
    "hal": "HAL",
    "google_scholar_id": "Scholar",
    "inspirehep_id": "INSPIRE",
    "pmid": "PubMed",
    "isbn": "ISBN",
    "altmetric": "Altmetric",
    "dimensions": "Dimensions",
}
#: al-folio's file fields: a bare file name is a file in its ``assets/pdf/`` (here ``cv_pdf_folder``)
FILE_FIELDS = frozenset({"pdf", "supp", "poster", "slides"})
#: field values that switch a field off rather than give it a value
OFF = frozenset({"", "false", "no", "0"})
TRUE = frozenset({"true", "yes", "1"})


def field_link(name: str, raw: str, label: str, pdf_folder: str = "") -> PubLink | None:
    """The link of a URL or file field (``None``: unusable); relative values are site paths."""
    url = safe_url(raw)
    if url is None:
        return None
    if is_external(url) or url.startswith("#"):
        return PubLink(name, label, url)
    if name in FILE_FIELDS and pdf_folder and "/" not in url:
        url = f"{pdf_folder.strip('/')}/{url}"
    path = url.lstrip("/")
    return PubLink(name, label, path, site_path=True) if path else None


#: what an identifier link needs of the record: (value, fields, DOI, arXiv id, Scholar user)
IdLink = Callable[[str, Mapping[str, str], str, str, str], str | None]


def links_of(
    key: str,
    fields: Mapping[str, str],
    link_fields: Mapping[str, str],
    problems: list[Problem],
    *,
    doi: str = "",
    arxiv: str = "",
    pdf_folder: str = "",
    scholar_user: str = "",
) -> list[PubLink]:
    """Link badges in the order of ``link_fields`` (lower-case names, as ``fields``'s are)."""
    links: list[PubLink] = []
    for name, label in link_fields.items():
        raw = fields.get(name, "")
        if not raw and name == "eprint":
            raw = fields.get("arxiv", "")  # al-folio writes arxiv = {2101.00001}
        raw = raw.strip()
        if not raw:
            continue
        if name in ID_LINKS:
            if raw.lower() in OFF:
                continue
            url = ID_LINKS[name](raw, fields, doi, arxiv, scholar_user)
            if url == "":
                continue  # nothing to link to (altmetric = {true} on an entry without identifiers)
            if url is None:
                problems.append((name, f"entry {shorten(key)}: no link for the {name} value {shorten(raw)}"))
                continue
            links.append(PubLink(name, str(label), url))
            continue
        link: PubLink | None
        if name == "doi":
            link = PubLink(name, str(label), doi_url(doi)) if doi else None
        elif name == "eprint":
            if not arxiv:
                continue  # an eprint of another archive: no known URL, nothing to warn about
            link = PubLink(name, str(label), f"https://arxiv.org/abs/{arxiv}")
        else:
            link = field_link(name, raw, str(label), pdf_folder)
        if link is None:
            problems.append(
                (name, f"entry {shorten(key)}: dropped the {name} value {shorten(raw)}: not a usable link")
            )
            continue
        links.append(link)
    return links


def _scholar(raw: str, fields: Mapping[str, str], doi: str, arxiv: str, user: str) -> str | None:
    if not user:
        return None
    return (
        f"https://scholar.google.com/citations?view_op=view_citation&hl=en&user={user}"
        f"&citation_for_view={user}:{raw}"
        if re.fullmatch(r"[\w-]+", raw)
        else None
    )


def _numbered(base: str, pattern: str) -> IdLink:
    """A link to ``base`` + the value, for values matching ``pattern``."""

    def url(raw: str, fields: Mapping[str, str], doi: str, arxiv: str, user: str) -> str | None:
        value = re.sub(r"[\s-]", "", raw) if pattern == _ISBN else raw
        return base.format(value) if re.fullmatch(pattern, value) else None

    return url


def _hal(raw: str, fields: Mapping[str, str], doi: str, arxiv: str, user: str) -> str | None:
    if "://" in raw:
        return safe_url(raw)
    return f"https://hal.science/{raw}" if re.fullmatch(r"[a-z]+-\d+(?:v\d+)?", raw) else None


def _altmetric(raw: str, fields: Mapping[str, str], doi: str, arxiv: str, user: str) -> str | None:
    """al-folio's ``altmetric``: an Altmetric id, or ``true`` for the entry's DOI, arXiv id or PMID."""
    if raw.isdigit():
        return f"https://www.altmetric.com/details/{raw}"
    if raw.lower() not in TRUE:
        return None
    pmid = fields.get("pmid", "").strip()
    if doi:
        return f"https://www.altmetric.com/details/doi/{doi}"
    if arxiv:
        return f"https://www.altmetric.com/details/arxiv/{arxiv}"
    return f"https://www.altmetric.com/details/pmid/{pmid}" if pmid.isdigit() else ""


def _dimensions(raw: str, fields: Mapping[str, str], doi: str, arxiv: str, user: str) -> str | None:
    """al-folio's ``dimensions``: a Dimensions id, or ``true`` for the entry's DOI or PMID."""
    pmid = fields.get("pmid", "").strip()
    if raw.lower() not in TRUE:
        return f"https://badge.dimensions.ai/details/id/{raw}" if re.fullmatch(r"[\w.]+", raw) else None
    if doi:
        return f"https://badge.dimensions.ai/details/doi/{doi}"
    return f"https://badge.dimensions.ai/details/pmid/{pmid}" if pmid.isdigit() else ""


_ISBN = r"(?:\d{9}|\d{12})[\dXx]"
#: identifier fields -> their URL (None: not a usable value; "": nothing to link to)
ID_LINKS: dict[str, IdLink] = {
    "google_scholar_id": _scholar,
    "inspirehep_id": _numbered("https://inspirehep.net/literature/{}", r"\d+"),
    "pmid": _numbered("https://pubmed.ncbi.nlm.nih.gov/{}/", r"\d+"),
    "isbn": _numbered("https://search.worldcat.org/isbn/{}", _ISBN),
    "hal": _hal,
    "altmetric": _altmetric,
    "dimensions": _dimensions,
}
