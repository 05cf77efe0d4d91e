"""The Sphinx-free parts of the fetching commands: ids, titles, keys, the file's style, appending, metrics."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOTS
from pybtex.database import parse_file

from sphinx_cv.core.bibfile import append_entry, index_bib_files, normalise_title
from sphinx_cv.core.bibstyle import detect_style
from sphinx_cv.core.bibwrite import format_entry, make_key, title_field
from sphinx_cv.core.ids import parse_identifier
from sphinx_cv.core.metrics import h_index, parse_metrics, totals
from sphinx_cv.core.orcid import orcid_id
from sphinx_cv.core.works import Work


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1145/3448016.3452841", "doi:10.1145/3448016.3452841"),
        ("doi:10.1145/3448016.3452841", "doi:10.1145/3448016.3452841"),
        ("DOI: 10.1145/3448016.3452841", "doi:10.1145/3448016.3452841"),
        ("https://doi.org/10.1002/(SICI)1097-4636(199706)35:4<465::AID-JBM7>3.0.CO;2-H",
         "doi:10.1002/(SICI)1097-4636(199706)35:4<465::AID-JBM7>3.0.CO;2-H"),
        ("http://dx.doi.org/10.1000/a%2Fb", "doi:10.1000/a/b"),
        ("2101.00001", "arXiv:2101.00001"),
        ("arXiv:2101.00001v3", "arXiv:2101.00001"),
        ("https://arxiv.org/abs/2101.00001v2", "arXiv:2101.00001"),
        ("https://arxiv.org/pdf/2101.00001v2.pdf", "arXiv:2101.00001"),
        ("http://export.arxiv.org/abs/hep-th/9901001", "arXiv:hep-th/9901001"),
        ("math.st/0601001v1", "arXiv:math.ST/0601001"),
        ("0704.0001", "arXiv:0704.0001"),
    ],
)  # fmt: skip
def test_every_written_form_of_an_id(raw: str, expected: str) -> None:
    assert str(parse_identifier(raw)) == expected


@pytest.mark.parametrize(
    "raw", ["", "nonsense", "10.1/x", "arXiv:", "https://example.org/10.1145/x", "1234.5"]
)
def test_not_an_id(raw: str) -> None:
    assert parse_identifier(raw) is None


def test_arxiv_doi_is_also_its_arxiv_id() -> None:
    ident = parse_identifier("https://doi.org/10.48550/arXiv.2311.16162")
    assert ident is not None and ident.kind == "doi" and ident.arxiv == "2311.16162"


def test_orcid_check_digit() -> None:
    assert orcid_id("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid_id("https://orcid.org/0000-0002-9341-7985") == "0000-0002-9341-7985"
    assert orcid_id("0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert orcid_id("0000-0002-1825-0098") == ""


@pytest.mark.parametrize(
    ("title", "fmt", "expected"),
    [
        ("Sharp composition bounds for Gaussian differential privacy via Edgeworth expansion", "text",
         "Sharp composition bounds for {Gaussian} differential privacy via {Edgeworth} expansion"),
        ("Convergence of ADMM for GPT-4 and k-NN", "text", "Convergence of {ADMM} for {GPT-4} and {k-NN}"),
        ("Sharp Composition Bounds for Gaussian Differential Privacy", "text",
         "Sharp Composition Bounds for Gaussian Differential Privacy"),
        ("THE INVESTIGATION OF RENAL FUNCTION", "text", "THE INVESTIGATION OF RENAL FUNCTION"),
        ("Growth of <i>E. coli</i> at 50% & more", "html", "Growth of \\emph{{E}. coli} at 50\\% \\& more"),
        ("H<sub>2</sub>O in the McKean model", "html", "H\\textsubscript{2}O in the {McKean} model"),
        ("Bounds on $\\ell_1$ for SGD", "latex", "Bounds on $\\ell_1$ for {SGD}"),
        ("A study: Proper nouns after a colon start a sentence", "text",
         "A study: Proper nouns after a colon start a sentence"),
    ],
)  # fmt: skip
def test_titles_keep_their_case_through_a_lower_casing_style(title: str, fmt: str, expected: str) -> None:
    assert title_field(Work(type="misc", title=title, title_format=fmt)) == expected


def test_readable_keys_and_their_suffixes() -> None:
    work = Work(
        type="article", title="The sharp analysis of things", authors=[("Zheng", "Qinqing")], year="2020"
    )
    assert make_key(work) == "zheng2020sharp"
    assert make_key(work, ["Zheng2020Sharp"]) == "zheng2020sharpa"
    assert make_key(work, ["zheng2020sharp", "zheng2020sharpa"]) == "zheng2020sharpb"
    accents = Work(type="misc", title="Über alles", authors=[("Ødegård", "Å")], year="1999")
    assert make_key(accents) == "odegard1999uber"
    assert make_key(Work(type="misc", title="", year="")) == "anon"


def test_the_style_of_real_files() -> None:
    jabref = (ROOTS / "test-pubs-encoding" / "realworld" / "jabref-windows-1252.bib").read_bytes()
    style = detect_style(jabref.decode("cp1252"))
    work = Work(type="article", title="T", authors=[("Doe", "Jane")], year="2020", journal="J", doi="10.1/x")
    entry = format_entry(work, "doe2020t", style)
    assert entry.splitlines()[0] in ("@article{doe2020t,", "@Article{doe2020t,")
    biblatex = (ROOTS / "test-pubs-realworld" / "realworld" / "biblatex-examples.bib").read_text()
    style = detect_style(biblatex)
    assert style.indent and style.order.index("author") < style.order.index("title")
    assert detect_style("@article{a,\r\n  title = {x},\r\n}\r\n").newline == "\r\n"


def test_append_keeps_every_byte_crlf_no_final_newline_and_8_bit(tmp_path: Path) -> None:
    work = Work(type="misc", title="Über", authors=[("Gödel", "Kurt")], year="1931")
    crlf = tmp_path / "crlf.bib"
    crlf.write_bytes(b"@misc{a,\r\n  title = {A}\r\n}")
    style = detect_style(crlf.read_bytes().decode())
    append_entry(crlf, format_entry(work, "godel1931uber", style))
    data = crlf.read_bytes()
    assert data.startswith(b"@misc{a,\r\n  title = {A}\r\n}\r\n\r\n@misc{godel1931uber,\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert list(parse_file(str(crlf)).entries) == ["a", "godel1931uber"]
    latin = tmp_path / "latin.bib"
    latin.write_bytes("@misc{b,\n  title = {Caf\u00e9}\n}\n".encode("latin-1"))
    append_entry(latin, format_entry(work, "godel1931uber", detect_style("")))
    added = latin.read_bytes()[len("@misc{b,\n  title = {Caf\u00e9}\n}\n".encode("latin-1")) :]
    assert added.isascii() and b'G\\"odel' in added


def test_duplicates_by_doi_arxiv_and_title(tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(
        "@article{x, title = {The {ADMM} Method: a \\emph{Study}}, doi = {10.1000/ABC}}\n"
        "@misc{y, title = {Other}, eprint = {2101.00001v2}, archiveprefix = {arXiv}}\n"
        "@misc{z, title = {Third}, url = {https://arxiv.org/abs/hep-th/9901001}}\n"
    )
    index = index_bib_files([bib])
    assert index.find(doi="10.1000/abc").key == "x"
    assert index.find(arxiv="2101.00001").key == "y"
    assert index.find(arxiv="hep-th/9901001").key == "z"
    assert index.find(title="The ADMM method - A study").key == "x"
    assert index.find(title="Something else") is None
    assert normalise_title("Caf\\'{e} {\\\"U}ber") == normalise_title("Café Über")


def test_metrics_file_problems_and_totals() -> None:
    counts, problems = parse_metrics(
        '{"works": {\n"a": {"cited_by": 10, "source": "OpenAlex", "id": "W1", "date": "2024-01-01"},\n'
        '"b": {"cited_by": 2, "source": "OpenAlex", "id": "W2", "date": "2023-12-01"},\n'
        '"c": {"cited_by": true, "date": "2024-01-01"},\n"d": {"cited_by": 1, "date": "yesterday"}}}'
    )
    assert sorted(counts) == ["a", "b"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(4, "c"), (5, "d")]
    found = totals(counts)
    assert found is not None and (found.citations, found.h_index, found.date) == (12, 2, "2023-12-01")
    assert counts["a"].url == "https://openalex.org/W1"
    assert h_index([10, 8, 5, 4, 3]) == 4 and h_index([]) == 0 and h_index([0, 0]) == 0
    assert parse_metrics("[]")[1][0].message.startswith("expected an object")


def test_an_orcid_record_without_authors_is_no_entry() -> None:
    """The recorded record has its authors only in the citation; without it there is nothing to write."""
    import json

    import yaml

    from sphinx_cv.core.orcid import work_from_orcid

    cassette = Path(__file__).parent / "recorded" / "orcid-work-0000-0002-0734-2199-40038622.yaml"
    record = json.loads(
        yaml.safe_load(cassette.read_text())["http_interactions"][0]["response"]["body"]["string"]
    )
    work = work_from_orcid(record)
    assert work is not None and work.authors[0] == ("Kreutzer", "Sebastian") and work.year == "2012"
    del record["citation"]
    assert work_from_orcid(record) is None
    record["contributors"] = {"contributor": [{"credit-name": {"value": "Kreutzer, Sebastian"}}]}
    assert work_from_orcid(record).authors == [("Kreutzer", "Sebastian")]
