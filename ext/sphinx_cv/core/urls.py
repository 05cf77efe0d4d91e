"""Which URLs may reach a page: http(s) and relative only.

Every source of links (directive options, data files, bib fields) goes
through :func:`safe_url` (warnings say why with :func:`url_problem`), so
``javascript:``, ``data:`` and ``vbscript:`` URLs are dropped in one place,
however they are disguised, and so is anything a browser would read
differently from Python: a backslash (a browser takes it for a slash, so
``/\\evil.example`` is another host), or a host that does not parse
(``https://[x]/``). :func:`same_host` is the one host comparison.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: printable ASCII without space, ``"``, ``&``, ``<``, ``>``, backslash and backtick: a URL made only
#: of these has no entity to decode, nothing to remove and nothing refused anywhere in it (the most
#: common case: a list of 3,000 entries checks 24,000 links, each again at write time)
_PLAIN = re.compile(r"[!#-%'-;=?-\[\]-_a-~]*")


def safe_url(raw: object) -> str | None:
    """Return the URL if it is http(s) with a valid host, or relative and on this site; else ``None``.

    Never raises; :func:`url_problem` says why a URL is refused.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    return text if text and not url_problem(text) else None


def url_problem(raw: object) -> str:
    r"""Why ``raw`` may not be emitted as a link ("" if it may), for the warning that drops it.

    Entities are decoded and control/space characters removed before the
    scheme is read, as a browser would, so ``jav&#x61;script:`` or
    ``java<TAB>script:`` are caught. A backslash is refused anywhere: browsers
    read it as ``/`` in http(s) URLs, so ``\\evil.example/x`` and
    ``/\evil.example/x`` lead to another host, and
    ``https://a.example\@b.example`` to a host Python's parser does not see.
    """
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return "it is empty"
    if _PLAIN.fullmatch(text):  # nothing to decode or remove: the checks below on the text as it is
        return _scheme_problem(text)
    return _full_problem(text)


def _full_problem(text: str) -> str:
    """:func:`url_problem` of any text: entities decoded, control and space characters judged."""
    probe = html.unescape(text)
    if "\\" in probe:
        return "a backslash is no part of a URL (browsers read it as /, which may lead to another host)"
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        return "it holds control characters"
    probe = "".join(ch for ch in probe if not (ch.isspace() or unicodedata.category(ch)[0] == "C"))
    problem = _scheme_problem(probe)
    if not problem and any(ch in text for ch in '"<>`'):
        return "it holds a quote, < or >: percent-encode them"
    return problem


def _scheme_problem(probe: str) -> str:
    """What is wrong with a decoded URL's scheme or host ("" when nothing is)."""
    match = _SCHEME.match(probe)
    if match:
        if match[1].lower() not in ("http", "https"):
            return "only http(s) and relative URLs are allowed"
        if _split(probe) is None:
            return "its host (or port) is not valid"
    elif probe.startswith("//"):
        return "a URL starting with // leads to another host: write https://"
    return ""


def _split(url: str) -> SplitResult | None:
    """The parts of an absolute URL with a host and a valid port, else ``None`` (never raises)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:  # a bracket in the host (``https://[x]/``), a bad port
        return None
    return parts if parts.hostname else None


def host_of(url: str) -> tuple[str, int] | None:
    """An absolute http(s) URL's host (lower case) and port (the scheme's default if none), else ``None``."""
    parts = _split(url) if safe_url(url) and is_external(url) else None
    if parts is None or parts.hostname is None:
        return None
    return parts.hostname.lower().rstrip("."), parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)


def same_host(url: str, base: str) -> bool:
    """Whether absolute ``url`` is on the host and port of ``base``; host names ignore case."""
    mine = host_of(base)
    return mine is not None and host_of(url) == mine


def is_external(url: str) -> bool:
    """Whether a (safe) URL points to another site."""
    return bool(_SCHEME.match(url))
