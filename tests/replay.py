"""A local HTTP server that answers the fetching commands with the recorded responses of tests/recorded/.

One server on 127.0.0.1 stands for all six services, each under a path
prefix (``/crossref/works/...``); :meth:`Replay.environ` gives the
``SPHINX_CV_*_URL`` variables that point the commands at it. Requests are
matched on the path only (the query holds the ``mailto``, which differs).
A request with no recording gets Crossref's recorded 404 when it is a
Crossref work, else an empty 404 (the server's own "nothing recorded").
``fail`` makes a service answer 503 a number of times, for the retry and
failure tests; every request is logged.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

RECORDED = Path(__file__).parent / "recorded"
HOSTS = {
    "doi.org": "doi",
    "api.crossref.org": "crossref",
    "api.datacite.org": "datacite",
    "pub.orcid.org": "orcid",
}


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str


def _cassette(path: Path) -> list[dict]:
    """The interactions of a vcrpy cassette (or a run of them), or of an R vcr one (``http_interactions``)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("http_interactions:"):
        return yaml.safe_load(text)["http_interactions"]
    data = yaml.safe_load(text if text.startswith("interactions:") else "interactions:\n" + text)
    return data["interactions"]


def _answers() -> dict[tuple[str, str], Answer]:
    """(service, path) -> the recorded answer, from every cassette and body file."""
    answers: dict[tuple[str, str], Answer] = {}
    for path in sorted(RECORDED.glob("*.yaml")):
        for interaction in _cassette(path):
            url = urlsplit(interaction["request"]["uri"])
            response = interaction["response"]
            body = response.get("content")
            if body is None:
                body = response["body"]["string"]
            status = (
                response.get("status_code")
                or response["status"].get("code")
                or response["status"]["status_code"]
            )
            headers = {k.lower(): v for k, v in response["headers"].items()}
            kind = headers.get("content-type", ["application/json"])
            kind = kind[0] if isinstance(kind, list) else kind
            answers[(HOSTS[url.hostname or ""], unquote(url.path).lower())] = Answer(
                int(status), body.encode(), kind
            )
    answers[("orcid", "/v3.0/0000-0002-9341-7985/works")] = Answer(
        200,
        (RECORDED / "orcid-works-0000-0002-9341-7985.json").read_bytes(),
        "application/json;charset=UTF-8",
    )
    answers[("openalex", "/works")] = Answer(
        200, (RECORDED / "openalex-works-list.json").read_bytes(), "application/json"
    )
    return answers


ARXIV = {
    "hep-ex/0307015": "arxiv-hep-ex-0307015.xml",
    "1234.12345": "arxiv-error-1234.12345.xml",
}


@dataclass
class Replay:
    answers: dict[tuple[str, str], Answer] = field(default_factory=_answers)
    fail: dict[str, int] = field(default_factory=dict)  #: service -> how many failures still to give
    fail_status: int = 503  #: and with which status (429 comes with ``Retry-After: 0``)
    log: list[tuple[str, str, dict[str, list[str]]]] = field(default_factory=list)  #: (service, path, query)

    def answer(self, service: str, path: str, query: dict[str, list[str]]) -> Answer:
        self.log.append((service, path, query))
        if self.fail.get(service, 0) > 0:
            self.fail[service] -= 1
            return Answer(self.fail_status, b"Service Unavailable", "text/plain")
        if service == "arxiv" and path == "/api/query":
            name = ARXIV.get(query.get("id_list", [""])[0])
            if name:
                return Answer(200, (RECORDED / name).read_bytes(), "application/atom+xml; charset=utf-8")
        found = self.answers.get(
            (service, path.lower())
        )  # DOIs are case-insensitive, and so are the services
        if found:
            return found
        if service == "crossref" and path.startswith("/works/"):
            return self.answers[("crossref", "/works/10.1371/notarealdoi")]
        return Answer(404, b"", "text/plain")

    def start(self) -> str:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                service, _, rest = url.path.lstrip("/").partition("/")
                answer = replay.answer(service, "/" + unquote(rest), parse_qs(url.query))
                self.send_response(answer.status)
                if answer.status == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def environ(self, base: str) -> dict[str, str]:
        services = ("doi", "crossref", "datacite", "arxiv", "orcid", "openalex")
        return {f"SPHINX_CV_{s.upper()}_URL": f"{base}/{s}" for s in services}

    def requests_to(self, service: str) -> list[tuple[str, dict[str, list[str]]]]:
        return [(path, query) for s, path, query in self.log if s == service]


def as_json(answer: Answer) -> object:
    return json.loads(answer.body)
