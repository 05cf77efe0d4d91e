"""``add``, ``sync`` and ``metrics`` against recorded responses of the real services (tests/replay.py).

The commands run in-process; their base URLs point at a server on
127.0.0.1 through the ``SPHINX_CV_*_URL`` variables. Every assertion is
on the files they leave and the lines they print.
"""

from __future__ import annotations

import argparse
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pybtex.database import parse_file
from replay import Replay

from sphinx_cv.cli import main

#: a .bib in the demo's style: aligned '=', given-name-first authors, no trailing comma
OLD_BIB = """% My papers.

@article{doe2019first,
  author        = {Jane Doe and Ann Smith},
  title         = {A First Paper},
  journal       = {Journal of Things},
  year          = {2019},
  doi           = {10.1234/first}
}

@misc{doe2020preprint,
  author        = {Jane Doe},
  title         = {Academic Journal Publishing},
  year          = {2020},
  eprint        = {2001.00001},
  archiveprefix = {arXiv}
}
"""


@pytest.fixture
def replay(monkeypatch: pytest.MonkeyPatch) -> Iterator[Replay]:
    server = Replay()
    base = server.start()
    for name, value in server.environ(base).items():
        monkeypatch.setenv(name, value)
    yield server
    server.stop()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib", "more.bib"]\n', encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(OLD_BIB, encoding="utf-8")
    (tmp_path / "more.bib").write_text(
        "@article{other2008,\n  title = {Elsewhere},\n"
        "  doi = {10.1080/03615260801973992},\n  year = {2008}\n}\n",
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Jane Doe\n========\n\n.. cv-profile:: Jane Doe\n   :email: jane@example.org\n", encoding="utf-8"
    )
    return tmp_path


def _run(*args: str) -> int:
    return main([*args, "--retries", "0"])


def test_add_appends_a_clean_entry_and_keeps_every_old_byte(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    status = _run("add", "https://doi.org/10.5694/j.1326-5377.1943.tb44329.x", "--conf-dir", str(site))
    out = capsys.readouterr().out
    assert status == 0, out
    after = bib.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode()
    assert added == (
        "\n@article{davis1943investigation,\n"
        "  author        = {Morris C. Davis},\n"
        "  title         = {THE INVESTIGATION OF RENAL FUNCTION WITH A NEW NOMOGRAPHIC METHOD FOR THE"
        " DETERMINATION OF UREA CLEARANCE},\n"
        "  journal       = {Medical Journal of Australia},\n"
        "  year          = {1943},\n"
        "  month         = mar,\n"
        "  volume        = {1},\n"
        "  number        = {13},\n"
        "  pages         = {267--279},\n"
        "  doi           = {10.5694/j.1326-5377.1943.tb44329.x}\n"
        "}\n"
    )
    parsed = parse_file(str(bib))
    assert list(parsed.entries) == ["doe2019first", "doe2020preprint", "davis1943investigation"]
    assert "added davis1943investigation" in out and "(from Crossref)" in out
    # the resolver was asked (no recording for this prefix: the commands fell back to Crossref)
    assert replay.requests_to("doi")[0][0] == "/ra/10.5694"
    assert replay.requests_to("crossref")[0][1]["mailto"] == ["jane@example.org"]


def test_add_thesis_datacite_and_arxiv(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    status = _run(
        "add",
        "doi:10.14264/uql.2020.791",
        "https://doi.org/10.48550/arXiv.1902.02534",
        "arXiv:1902.02534v2",
        "https://arxiv.org/abs/hep-ex/0307015",
        "--conf-dir",
        str(site),
    )
    out = capsys.readouterr().out
    assert status == 0, out
    entries = parse_file(str(bib)).entries
    thesis = entries["collingwood2020school"]
    assert thesis.type == "phdthesis"
    assert thesis.fields["school"] == "The University of Queensland"
    assert thesis.fields["year"] == "2020"
    assert str(thesis.persons["author"][0]) == "Collingwood, Patricia Maree"
    preprint = entries["heibi2019crowdsourcing"]
    assert preprint.fields["eprint"] == "1902.02534"
    assert preprint.fields["archiveprefix"] == "arXiv"
    assert (
        preprint.fields["title"]
        == "Crowdsourcing open citations with {CROCI} -- An analysis of the current status of "
        "open citations, and a proposal"
    )
    assert "publisher" not in preprint.fields
    hep = entries["h12003multielectron"]
    assert hep.fields["eprint"] == "hep-ex/0307015"
    assert hep.fields["primaryclass"] == "hep-ex"
    assert hep.fields["note"] == "Eur.Phys.J. C31 (2003) 17-29"
    assert hep.fields["title"].endswith("Collisions at {HERA}")
    assert "{H1 Collaboration}" in bib.read_text()
    assert "arXiv:1902.02534v2: skipped, already in refs.bib as heibi2019crowdsourcing (same arXiv id)" in out
    assert replay.requests_to("doi")[0][0] == "/ra/10.14264"
    assert [p for p, _ in replay.requests_to("datacite")] == ["/dois/10.48550/arXiv.1902.02534"]


def test_duplicates_are_refused_with_the_key_that_has_them(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    status = _run(
        "add", "10.1080/03615260801973992", "DOI: 10.1234/FIRST", "arxiv:2001.00001", "--conf-dir", str(site)
    )
    out = capsys.readouterr().out
    assert status == 0
    assert bib.read_bytes() == before
    assert "10.1080/03615260801973992: skipped, already in more.bib as other2008 (same DOI)" in out
    assert "DOI: 10.1234/FIRST: skipped, already in refs.bib as doe2019first (same DOI)" in out
    assert "arxiv:2001.00001: skipped, already in refs.bib as doe2020preprint (same arXiv id)" in out
    assert replay.log == [], "nothing is fetched for a paper that is already there"


def test_dry_run_prints_the_entry_and_writes_nothing(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    assert _run("add", "10.14264/uql.2020.791", "--dry-run", "--conf-dir", str(site)) == 0
    out = capsys.readouterr().out
    assert bib.read_bytes() == before
    assert "would add collingwood2020school" in out
    assert "@phdthesis{collingwood2020school," in out
    assert "  school        = {The University of Queensland}," in out


def test_bad_ids_unknown_dois_and_arxiv_errors_get_one_line_each(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    status = _run(
        "add", "not-an-id", "10.1371/notarealdoi", "1234.12345", "10.5694/j.1326-5377.1943.tb44329.x",
        "--conf-dir", str(site),
    )  # fmt: skip
    captured = capsys.readouterr()
    assert status == 1
    errors = captured.err.strip().splitlines()
    assert errors == [
        "not-an-id: not added: not a DOI or an arXiv id",
        "10.1371/notarealdoi: not added: unknown DOI 10.1371/notarealdoi: "
        "neither Crossref nor DataCite has a record of it",
        "1234.12345: not added: arXiv: incorrect id format for 1234.12345",
    ]
    assert "added davis1943investigation" in captured.out, "the rest goes on"
    assert bib.read_bytes().startswith(before)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_service_down_is_one_line_and_the_file_is_untouched(site: Path, capsys, monkeypatch) -> None:
    down = f"http://127.0.0.1:{_closed_port()}"
    for service in ("DOI", "CROSSREF", "DATACITE", "ARXIV"):
        monkeypatch.setenv(f"SPHINX_CV_{service}_URL", down)
    bib = site / "refs.bib"
    before = bib.read_bytes()
    status = _run("add", "10.14264/uql.2020.791", "arXiv:2101.00001", "--conf-dir", str(site))
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert bib.read_bytes() == before
    assert err == [
        f"10.14264/uql.2020.791: not added: {down} did not answer (connection refused)",
        f"arXiv:2101.00001: not added: {down} did not answer (connection refused)",
    ]


def test_url_option_replaces_the_environment(replay: Replay, site: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SPHINX_CV_CROSSREF_URL", f"http://127.0.0.1:{_closed_port()}")
    base = replay.environ(f"http://127.0.0.1:{replay.server.server_address[1]}")["SPHINX_CV_CROSSREF_URL"]
    assert _run("add", "10.14264/uql.2020.791", "--url", f"crossref={base}", "--conf-dir", str(site)) == 0
    assert "added collingwood2020school" in capsys.readouterr().out


def test_sync_dry_run_lists_exactly_the_missing_works(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    assert (
        _run("sync", "--orcid", "https://orcid.org/0000-0002-9341-7985", "--dry-run", "--conf-dir", str(site))
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert bib.read_bytes() == before
    assert lines[0] == "ORCID 0000-0002-9341-7985: 8 works"
    assert lines[1:] == [
        "doi:10.3233/ISU-130714: would be added (“PeerJ - A case study in improving research collaboration "
        "at the journal level”, 2013)",
        "doi:10.1038/npre.2009.2801: would be added "
        "(“Reputation, authority and incentives. Or: How to get rid of the Impact Factor”, 2009)",
        "“PLoS ONE: Background, future development, and article-level metrics”: "
        "would be added from ORCID's record (2009; no DOI or arXiv id)",
        "doi:10.1080/03615260801973992: skipped, already in more.bib as other2008 (same DOI)",
        "doi:10.1080/03615260801973414: would be added "
        "(“Publishing 101: The basics of academic publishing”, 2008)",
        "“Image quality factors affecting the reconstruction of laser transmission holograms: "
        "interim results”: would be added from ORCID's record (1993; no DOI or arXiv id)",
        "“Reciprocity failure in continuous wave holography”: "
        "would be added from ORCID's record (1993; no DOI or arXiv id)",
        "“Modern developments in holography and its materials”: "
        "would be added from ORCID's record (1992; no DOI or arXiv id)",
        "would add 7, skipped 1, failed 0",
    ]
    assert [p for p, _ in replay.log and replay.requests_to("orcid")] == ["/v3.0/0000-0002-9341-7985/works"]
    assert not replay.requests_to("crossref")


def test_sync_fetches_each_missing_work_and_says_why_it_could_not(replay: Replay, site: Path, capsys) -> None:
    bib = site / "refs.bib"
    before = bib.read_bytes()
    assert _run("sync", "--orcid", "0000-0002-9341-7985", "--conf-dir", str(site)) == 1
    captured = capsys.readouterr()
    assert bib.read_bytes() == before
    # the recorded services hold none of these three DOIs, nor ORCID's full records of the four works
    # without one: each gets its own line, the rest goes on
    assert captured.err.count("not added: unknown DOI") == 3
    assert "doi:10.1038/npre.2009.2801: not added: unknown DOI 10.1038/npre.2009.2801" in captured.err
    assert captured.err.count("not added: ORCID answered HTTP 404 for work 155360") == 4
    assert captured.out.strip().endswith("added 0, skipped 1, failed 7")
    assert sorted(p for p, _ in replay.requests_to("orcid") if "/work/" in p) == [
        f"/v3.0/0000-0002-9341-7985/work/{code}" for code in (15536016, 15536017, 15536018, 15536019)
    ]
    assert sorted(p for p, _ in replay.requests_to("crossref")) == [
        "/works/10.1038/npre.2009.2801",
        "/works/10.1080/03615260801973414",
        "/works/10.3233/ISU-130714",
    ]


def test_sync_refuses_an_id_with_a_wrong_check_digit(replay: Replay, site: Path, capsys) -> None:
    assert _run("sync", "--orcid", "0000-0002-9341-7984", "--conf-dir", str(site)) == 2
    assert "is not an ORCID iD" in capsys.readouterr().err
    assert replay.log == []


METRICS_BIB = """@misc{riccardia,
  title = {Riccardia latifrons},
  doi = {https://doi.org/10.3535/JF0-6X9-KPW}
}
@misc{unknown,
  title = {Unknown to OpenAlex},
  doi = {10.1234/first}
}
@misc{preprint,
  title = {A preprint},
  eprint = {2001.00001},
  archiveprefix = {arXiv}
}
@misc{nodoi,
  title = {No identifier}
}
"""


def _metrics_site(site: Path, bib: str = METRICS_BIB) -> Path:
    (site / "refs.bib").write_text(bib, encoding="utf-8")
    (site / "more.bib").write_text("", encoding="utf-8")
    return site / "cv-metrics.json"


def test_metrics_writes_the_file_in_one_batched_request(replay: Replay, site: Path, capsys) -> None:
    output = _metrics_site(site)
    assert _run("metrics", "--conf-dir", str(site)) == 0
    out = capsys.readouterr().out
    data = json.loads(output.read_text(encoding="utf-8"))
    (entry,) = data["works"].values()
    assert list(data["works"]) == ["riccardia"]
    assert entry["cited_by"] == 0 and entry["source"] == "OpenAlex"
    assert entry["id"] == "https://openalex.org/W7152634373"
    assert len(entry["date"]) == 10
    assert "unknown: OpenAlex has no work with DOI 10.1234/first" in out
    (request,) = replay.requests_to("openalex")
    assert request[0] == "/works"
    assert request[1]["filter"] == ["doi:10.1234/first|10.3535/jf0-6x9-kpw|10.48550/arxiv.2001.00001"]
    assert request[1]["mailto"] == ["jane@example.org"]
    assert output.read_text(encoding="utf-8").endswith("}\n")


def _many(count: int) -> str:
    extra = "".join(
        f"@misc{{k{i:03},\n  title = {{T{i}}},\n  doi = {{10.1000/x{i:03}}}\n}}\n" for i in range(count)
    )
    return METRICS_BIB + extra


def test_metrics_asks_fifty_dois_at_a_time(replay: Replay, site: Path) -> None:
    _metrics_site(site, _many(55))
    assert _run("metrics", "--conf-dir", str(site)) == 0
    batches = [q["filter"][0].removeprefix("doi:").split("|") for _, q in replay.requests_to("openalex")]
    assert [len(b) for b in batches] == [50, 8]


def test_a_failed_fetch_keeps_the_old_file_and_exits_non_zero(replay: Replay, site: Path, capsys) -> None:
    output = _metrics_site(site)
    old = (
        b'{\n  "works": {\n    "riccardia": '
        b'{"cited_by": 7, "source": "OpenAlex", "id": "W1", "date": "2024-01-02"}\n  }\n}\n'
    )
    output.write_bytes(old)
    replay.fail["openalex"] = 1
    assert _run("metrics", "--conf-dir", str(site)) == 1
    assert output.read_bytes() == old
    assert "left as it was" in capsys.readouterr().err


def test_a_partial_fetch_updates_what_it_got_and_leaves_a_valid_file(
    replay: Replay, site: Path, capsys
) -> None:
    output = _metrics_site(site, _many(55))
    output.write_text(
        json.dumps(
            {"works": {"k000": {"cited_by": 5, "source": "OpenAlex", "id": "W9", "date": "2024-01-02"}}}
        ),
        encoding="utf-8",
    )
    replay.fail["openalex"] = 1  # the first batch (k000 ... k049) fails, the second gets through
    assert _run("metrics", "--conf-dir", str(site)) == 1
    data = json.loads(output.read_text(encoding="utf-8"))["works"]
    assert data["k000"] == {"cited_by": 5, "source": "OpenAlex", "id": "W9", "date": "2024-01-02"}
    assert data["riccardia"]["cited_by"] == 0
    err = capsys.readouterr().err
    assert (
        "50 DOIs (10.1000/x000 ...) not fetched: OpenAlex answered HTTP 503; their old counts are kept" in err
    )


@pytest.mark.parametrize("status", [503, 429])
def test_a_503_or_429_is_tried_again(replay: Replay, site: Path, status: int) -> None:
    output = _metrics_site(site)
    replay.fail["openalex"] = 1
    replay.fail_status = status
    assert main(["metrics", "--conf-dir", str(site), "--retries", "1"]) == 0
    assert len(replay.requests_to("openalex")) == 2
    assert "riccardia" in json.loads(output.read_text(encoding="utf-8"))["works"]


def test_a_malformed_metrics_file_is_not_overwritten(replay: Replay, site: Path, capsys) -> None:
    output = _metrics_site(site)
    output.write_text('{"works": {"riccardia": {"cited_by": "many"}}}', encoding="utf-8")
    assert _run("metrics", "--conf-dir", str(site)) == 1
    assert "cited_by must be a whole number" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8") == '{"works": {"riccardia": {"cited_by": "many"}}}'
    assert replay.log == []


def test_a_work_without_doi_comes_from_orcids_record(replay: Replay, site: Path, capsys) -> None:
    """ORCID's full record of a work (recorded): its authors come from the BibTeX citation pasted there."""
    from sphinx_cv.cli.common import Adder
    from sphinx_cv.cli.http import Client
    from sphinx_cv.cli.project import find_project
    from sphinx_cv.cli.sync import from_orcid

    project = find_project(site)
    client = Client(retries=0)
    args = argparse.Namespace(bib=None, dry_run=False)
    adder = Adder.open(args, project, client)
    from_orcid(adder, client, "0000-0002-0734-2199", "40038622", "“Introducing an R package”")
    out = capsys.readouterr().out
    assert "added kreutzer2012introducing to" in out and "(from ORCID)" in out
    entry = parse_file(str(site / "refs.bib")).entries["kreutzer2012introducing"]
    assert [str(p) for p in entry.persons["author"]][:2] == ["Kreutzer, Sebastian", "Schmidt, Christoph"]
    assert entry.fields["title"] == "Introducing an {R} package for luminescence dating analysis"
    assert (entry.fields["journal"], entry.fields["volume"], entry.fields["pages"]) == (
        "Ancient TL",
        "30",
        "1--8",
    )
    # the same record again: the title already has a key
    from_orcid(adder, client, "0000-0002-0734-2199", "40038622", "again")
    assert (
        "again: skipped, already in refs.bib as kreutzer2012introducing (same title)"
        in capsys.readouterr().out
    )
