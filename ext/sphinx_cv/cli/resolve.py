"""A DOI or arXiv id -> :class:`~sphinx_cv.core.works.Work`, from the service that registered it.

A DOI's registration agency comes from the DOI resolver's ``/ra/`` API
(asked once per prefix); Crossref DOIs are read from ``/works/{doi}``,
DataCite DOIs (arXiv's among them) from ``/dois/{doi}``. If the resolver
cannot be asked, Crossref and then DataCite are tried. An arXiv id is read
from the arXiv API's Atom feed.
"""

from __future__ import annotations

from ..core.arxiv import ArxivError, works_from_atom
from ..core.ids import Identifier
from ..core.works import Work, work_from_crossref, work_from_datacite
from .http import Client, FetchError, doi_path


class Unresolved(Exception):
    """The id names no paper the services know (the message says which and why)."""


class Resolver:
    """Fetches works, remembering each DOI prefix's registration agency."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.agencies: dict[str, str] = {}

    def work(self, ident: Identifier) -> Work:
        """The paper; :class:`Unresolved` if no service has it, :class:`FetchError` if one is down."""
        if ident.kind == "arxiv":
            return self._arxiv(ident.value)
        doi = ident.value
        agency = self._agency(doi)
        if agency == "crossref":
            return self._crossref(doi) or self._unknown(doi, "Crossref")
        if agency == "datacite":
            return self._datacite(doi) or self._unknown(doi, "DataCite")
        if agency:
            raise Unresolved(
                f"DOI {doi} is registered with {agency}, whose records sphinx-cv does not read: "
                "add it by hand"
            )
        return self._crossref(doi) or self._datacite(doi) or self._unknown(doi, "")

    def _unknown(self, doi: str, agency: str) -> Work:
        where = (
            f"{agency} has no record of it" if agency else "neither Crossref nor DataCite has a record of it"
        )
        raise Unresolved(f"unknown DOI {doi}: {where}")

    def _agency(self, doi: str) -> str:
        """``crossref``, ``datacite``, another agency's name, or "" when unknown.

        :class:`Unresolved` when the resolver says the DOI does not exist.
        """
        prefix = doi.partition("/")[0]
        if prefix not in self.agencies:
            try:
                reply = self.client.get("doi", f"ra/{doi_path(prefix)}", accept="application/json")
                answer = reply.json() if reply.ok else []
            except (FetchError, ValueError):
                answer = []
            first = answer[0] if isinstance(answer, list) and answer and isinstance(answer[0], dict) else {}
            if first.get("status"):
                raise Unresolved(f"unknown DOI {doi}: the DOI resolver says {str(first['status']).lower()}")
            agency = str(first.get("RA") or "")
            self.agencies[prefix] = agency.lower() if agency.lower() in ("crossref", "datacite") else agency
        return self.agencies[prefix]

    def _crossref(self, doi: str) -> Work | None:
        params = {"mailto": self.client.mailto} if self.client.mailto else None
        reply = self.client.get(
            "crossref", f"works/{doi_path(doi)}", params=params, accept="application/json"
        )
        if reply.status == 404:
            return None
        if not reply.ok:
            raise FetchError(f"Crossref answered HTTP {reply.status} for {doi}")
        try:
            return work_from_crossref(reply.json()["message"])
        except (ValueError, KeyError, TypeError) as err:
            raise FetchError(f"Crossref's answer for {doi} is not a work record ({err})") from None

    def _datacite(self, doi: str) -> Work | None:
        reply = self.client.get("datacite", f"dois/{doi_path(doi)}", accept="application/vnd.api+json")
        if reply.status == 404:
            return None
        if not reply.ok:
            raise FetchError(f"DataCite answered HTTP {reply.status} for {doi}")
        try:
            return work_from_datacite(reply.json()["data"])
        except (ValueError, KeyError, TypeError) as err:
            raise FetchError(f"DataCite's answer for {doi} is not a DOI record ({err})") from None

    def _arxiv(self, arxiv: str) -> Work:
        reply = self.client.get("arxiv", "api/query", params={"id_list": arxiv, "max_results": "1"})
        if not reply.ok:
            raise FetchError(f"arXiv answered HTTP {reply.status} for {arxiv}")
        try:
            works = works_from_atom(reply.text.encode("utf-8"))
        except ArxivError as err:
            raise Unresolved(f"arXiv: {err}") from None
        if not works:
            raise Unresolved(f"unknown arXiv id {arxiv}: arXiv has no such paper")
        return works[0]
