"""Which URLs may reach a page: http(s) and relative only.

Every source of links (directive options, data files, bib fields) goes
through :func:`safe_url`, so ``javascript:``, ``data:`` and ``vbscript:``
URLs are dropped in one place, however they are disguised.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def safe_url(raw: object) -> str | None:
    """Return the URL if it is http(s) or relative, else ``None``.

    Entities are decoded and control/space characters removed before the
    scheme is read, as a browser would, so ``jav&#x61;script:`` or
    ``java\\tscript:`` are caught.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    probe = html.unescape(text)
    probe = "".join(ch for ch in probe if not (ch.isspace() or unicodedata.category(ch)[0] == "C"))
    match = _SCHEME.match(probe)
    if match:
        if match[1].lower() not in ("http", "https"):
            return None
        if not urlsplit(probe).netloc:
            return None
    elif probe.startswith("//"):
        return None
    if any(ch in text for ch in '"<>`') or any(unicodedata.category(ch)[0] == "C" for ch in text):
        return None
    return text


def is_external(url: str) -> bool:
    """Whether a (safe) URL points to another site."""
    return bool(_SCHEME.match(url))
