"""The one HTTP client of the fetching commands: requests with urllib3's retries, every base URL replaceable.

requests is already installed with Sphinx (its linkcheck builder uses it),
so it adds nothing to install, and urllib3's :class:`~urllib3.util.Retry`
does what the services ask of polite clients without code of ours: retries
on 429 and 5xx and on refused connections, exponential backoff, and
``Retry-After`` honoured (capped, so a long one cannot hang a command). It is
imported here, and this module only from inside the commands, so
``import sphinx_cv`` and a Sphinx build never load it.

Each service's base URL (scheme, host, any path prefix) comes from a
``--url SERVICE=URL`` option, else its ``SPHINX_CV_*_URL`` environment
variable, else the service's own address: for mirrors, institutional
proxies and tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__

#: service -> (environment variable, the service's own base URL)
SERVICES: dict[str, tuple[str, str]] = {
    "doi": ("SPHINX_CV_DOI_URL", "https://doi.org"),
    "crossref": ("SPHINX_CV_CROSSREF_URL", "https://api.crossref.org"),
    "datacite": ("SPHINX_CV_DATACITE_URL", "https://api.datacite.org"),
    "arxiv": ("SPHINX_CV_ARXIV_URL", "https://export.arxiv.org"),
    "orcid": ("SPHINX_CV_ORCID_URL", "https://pub.orcid.org"),
    "openalex": ("SPHINX_CV_OPENALEX_URL", "https://api.openalex.org"),
}
RETRY_STATUS = (429, 500, 502, 503, 504)
#: the longest wait between two tries, whatever ``Retry-After`` says
BACKOFF_MAX = 60.0
TIMEOUT = (10.0, 60.0)  #: connect, read (seconds)


class FetchError(Exception):
    """A request that got no answer (after the retries): the service is down or unreachable."""


@dataclass(frozen=True)
class Reply:
    """What a service answered."""

    status: int
    text: str
    url: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        import json

        return json.loads(self.text)


def parse_url_options(values: list[str] | None) -> dict[str, str]:
    """``["crossref=http://host/prefix"]`` -> ``{"crossref": ...}``; ValueError names a bad one."""
    urls: dict[str, str] = {}
    for value in values or []:
        service, _, url = value.partition("=")
        service = service.strip().lower()
        if service not in SERVICES or not url.strip().startswith(("http://", "https://")):
            raise ValueError(
                f"--url {value!r}: expected SERVICE=http(s)://..., SERVICE one of {', '.join(SERVICES)}"
            )
        urls[service] = url.strip()
    return urls


class Client:
    """GET requests to the services, with retries, a User-Agent that names us and the ``mailto``."""

    def __init__(
        self,
        *,
        mailto: str = "",
        retries: int = 3,
        backoff: float = 1.0,
        urls: Mapping[str, str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        environ = os.environ if environ is None else environ
        self.mailto = mailto
        self.bases = {
            service: (dict(urls or {}).get(service) or environ.get(variable) or default).rstrip("/")
            for service, (variable, default) in SERVICES.items()
        }
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            other=0,
            backoff_factor=backoff,
            backoff_max=BACKOFF_MAX,
            status_forcelist=RETRY_STATUS,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        contact = f"; mailto:{mailto}" if mailto else ""
        self.session.headers["User-Agent"] = (
            f"sphinx-cv/{__version__} (https://github.com/sphinx-cv/sphinx-cv{contact})"
        )

    def url(self, service: str, path: str) -> str:
        """The full URL of ``path`` (already quoted) at ``service``."""
        return f"{self.bases[service]}/{path.lstrip('/')}"

    def get(
        self, service: str, path: str, params: Mapping[str, str] | None = None, accept: str = ""
    ) -> Reply:
        """GET; :class:`FetchError` when no answer came, else the answer, whatever its status."""
        headers = {"Accept": accept} if accept else {}
        url = self.url(service, path)
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=TIMEOUT)
        except requests.RequestException as err:
            raise FetchError(f"{self.bases[service]} did not answer ({_reason(err)})") from None
        response.encoding = response.encoding or "utf-8"
        return Reply(response.status_code, response.text, response.url)

    def close(self) -> None:
        self.session.close()


def _reason(err: requests.RequestException) -> str:
    """The innermost cause, without urllib3's long wrapper text."""
    cause: BaseException = err
    while cause.__context__ is not None and not isinstance(cause, ConnectionRefusedError):
        cause = cause.__context__
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(err, requests.Timeout):
        return "timed out"
    return type(err).__name__


def doi_path(doi: str) -> str:
    """A DOI in a URL path: ``/`` kept, everything unsafe percent-encoded."""
    return quote(doi, safe="/:;()-._~!$&'*+,=@")
