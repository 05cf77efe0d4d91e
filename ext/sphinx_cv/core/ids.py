"""What a user types to name a paper: a DOI or an arXiv id, in any written form; no Sphinx.

``python -m sphinx_cv add`` takes whatever was pasted: ``10.1145/3448016``,
``doi:10.1145/...``, ``https://doi.org/...``, ``arXiv:2101.00001v2``,
``https://arxiv.org/abs/hep-th/9901001``, ``https://arxiv.org/pdf/2101.00001.pdf``,
or arXiv's own DOI ``10.48550/arXiv.2101.00001``. Duplicate matching uses the
same functions on the fields of a .bib, so a paper is one paper however it
was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .doi import bare_doi

#: new-style (0704.0001 on) and old-style (hep-th/9901001, math.ST/0601001) ids, version optional
_ARXIV_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?"
_ARXIV_BARE = re.compile(rf"^{_ARXIV_ID}$", re.I)
_ARXIV_PREFIXED = re.compile(rf"^arxiv\s*:\s*{_ARXIV_ID}$", re.I)
_ARXIV_URL = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/{_ARXIV_ID}(?:\.pdf)?/?(?:[?#].*)?$", re.I
)
#: arXiv's DataCite DOIs: ``10.48550/arXiv.2101.00001``
ARXIV_DOI_PREFIX = "10.48550/arxiv."
_NEW_STYLE = re.compile(r"^\d{4}\.\d{4,5}$")


@dataclass(frozen=True)
class Identifier:
    """A paper's id as the fetching commands use it: ``kind`` is ``"doi"`` or ``"arxiv"``."""

    kind: str
    value: str  #: a bare DOI as written, or an arXiv id without version

    @property
    def arxiv(self) -> str:
        """The arXiv id this names (also for arXiv's own DOIs), or ""."""
        if self.kind == "arxiv":
            return self.value
        return arxiv_from_doi(self.value)

    @property
    def doi(self) -> str:
        """The DOI, lower-cased for comparison (DOIs are case-insensitive), or ""."""
        return self.value.lower() if self.kind == "doi" else ""

    def __str__(self) -> str:
        return f"doi:{self.value}" if self.kind == "doi" else f"arXiv:{self.value}"


def arxiv_id(raw: str) -> str:
    """The arXiv id (without version) in ``raw``: bare, ``arXiv:``-prefixed or an arxiv.org URL; or ""."""
    text = raw.strip().strip("{}").strip()
    for pattern in (_ARXIV_BARE, _ARXIV_PREFIXED, _ARXIV_URL):
        match = pattern.match(text)
        if match:
            found = match["id"]
            return found if _NEW_STYLE.match(found) else _old_style(found)
    return ""


def _old_style(found: str) -> str:
    """``Math.st/0601001`` -> ``math.ST/0601001``: archive lower case, subject class upper case."""
    archive, _, number = found.partition("/")
    name, dot, subject = archive.partition(".")
    return f"{name.lower()}{dot}{subject.upper()}/{number}"


def arxiv_from_doi(doi: str) -> str:
    """``10.48550/arXiv.2101.00001`` -> ``2101.00001``; "" for any other DOI."""
    if doi.lower().startswith(ARXIV_DOI_PREFIX):
        return arxiv_id(doi[len(ARXIV_DOI_PREFIX) :])
    return ""


def parse_identifier(raw: str) -> Identifier | None:
    """A DOI or an arXiv id in any written form, or ``None`` when ``raw`` is neither."""
    found = arxiv_id(raw)
    if found:
        return Identifier("arxiv", found)
    doi = bare_doi(raw)
    if doi:
        return Identifier("doi", doi)
    return None
