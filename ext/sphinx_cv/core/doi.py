"""DOIs as real libraries write them, to one ``https://doi.org/...`` link; no Sphinx.

A DOI may be bare (``10.1145/3290605``), prefixed (``doi:``, ``DOI: 10...``),
a resolver URL (``https://doi.org/``, ``http://dx.doi.org/``,
``http://doi.acm.org/``), TeX-escaped (``10.1000/a\\_b``) or already
percent-encoded. Old Wiley DOIs (SICI) hold ``<``, ``>``, ``;`` and ``#``:
valid DOIs, but characters no raw URL may carry, so the link is
percent-encoded rather than the DOI dropped.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

_PREFIX = re.compile(
    r"^(?:doi\s*:\s*|https?://(?:(?:dx\.|www\.)?doi\.org|doi\.acm\.org|hdl\.handle\.net)/(?:doi:)?)",
    re.I,
)
#: a DOI: directory indicator 10, a registrant code, a slash, a suffix without spaces
_DOI = re.compile(r"^10\.\d{3,9}(?:\.\d+)*/\S+$")
_TEX_ESCAPE = re.compile(r"\\([_%&#$])")
#: characters kept as they are in the link; everything else (``<>"#?%[]{}|\\^`` and spaces) is encoded
_SAFE = "/:;()-._~!$&'*+,=@"


def bare_doi(raw: str) -> str:
    """The DOI in a field value (``10.x/y``), or "" if there is none."""
    text = _TEX_ESCAPE.sub(r"\1", raw.strip()).strip("{} ")
    text = _PREFIX.sub("", text).strip()
    if "%" in text:
        text = unquote(text)
    return text if _DOI.match(text) else ""


def doi_url(doi: str) -> str:
    """The resolver link of a bare DOI, percent-encoded so that it is a valid, safe URL."""
    return "https://doi.org/" + quote(doi, safe=_SAFE)
