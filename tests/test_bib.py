"""bib entry -> Publication: pure conversion, entries made by pybtex as sphinxcontrib-bibtex does."""

from __future__ import annotations

from pathlib import Path

from pybtex.database import Entry, parse_string

from sphinx_cv.core.bib import HIDDEN_FIELDS, arxiv_id, is_selected, kind_of, publication_from_entry
from sphinx_cv.core.bibtex import entry_source
from sphinx_cv.core.doi import bare_doi
from sphinx_cv.core.links import DEFAULT_LINK_FIELDS
from sphinx_cv.core.names import OwnerMatcher

ROOT = Path(__file__).parent.parent
OWNER = OwnerMatcher(["Qinqing Zheng", "Q. Zheng"])


def entry(source: str) -> Entry:
    return next(iter(parse_string(source, "bibtex").entries.values()))


def convert(source: str):
    return publication_from_entry(entry(source), owner=OWNER, link_fields=DEFAULT_LINK_FIELDS)


def test_preprint_venue_links_note() -> None:
    pub = convert(
        "@misc{k, author={Arun Kumar Kuchibhotla and Qinqing Zheng}, title={Near-Optimal {C}onfidence},"
        " year={2020}, eprint={2006.05022}, archiveprefix={arXiv}, note={submitted}}"
    )
    assert pub.kind == "preprint"
    assert pub.venue == "arXiv:2006.05022"
    assert pub.note == "submitted"
    assert pub.title_text == "Near-Optimal Confidence"
    assert [(a.name, a.is_owner) for a in pub.authors] == [
        ("Arun Kumar Kuchibhotla", False),
        ("Qinqing Zheng", True),
    ]
    assert [(link.label, link.url) for link in pub.links] == [("arXiv", "https://arxiv.org/abs/2006.05022")]


def test_thesis_venue() -> None:
    pub = convert(
        "@phdthesis{t, author={Qinqing Zheng}, title={T}, school={The University of Chicago}, year=2017}"
    )
    assert (pub.kind, pub.venue, pub.year) == ("thesis", "Ph.D. thesis, The University of Chicago", "2017")


def test_article_venue_and_doi_forms() -> None:
    pub = convert(
        "@article{a, title={X}, journal={Phys. Rev.,}, volume=47, number=10, pages={777--780}, year=1935,"
        " month=may, doi={https://doi.org/10.1103/PhysRev.47.777}}"
    )
    assert pub.venue == "Phys. Rev. 47(10), 777–780"
    assert pub.month == 5
    assert pub.doi == "10.1103/PhysRev.47.777"
    assert [link.url for link in pub.links] == ["https://doi.org/10.1103/PhysRev.47.777"]


def test_unsafe_links_dropped_with_problem() -> None:
    pub = convert(
        "@article{e, title={E}, url={javascript:alert(1)}, pdf={papers/e.pdf}, slides={data:text/html,x},"
        " code={https://github.com/x/y}}"
    )
    assert [link.url for link in pub.links] == ["papers/e.pdf", "https://github.com/x/y"]
    assert {field for field, _message in pub.problems} == {"url", "slides"}


def test_missing_title_is_a_problem_not_a_crash() -> None:
    pub = convert("@article{notitle, author={Q. Zheng}, year=2019}")
    assert pub.title_text == ""  # no face claims a title: the list shows the key (test_publications)
    assert pub.problems == [("title", "entry 'notitle' has no title")]


def test_selected_keywords_and_alfolio() -> None:
    assert is_selected(entry("@misc{a, keywords={privacy, Selected}}").fields)
    assert is_selected(entry("@misc{a, selected={true}}").fields)
    assert not is_selected(entry("@misc{a, keywords={unselected}}").fields)


def test_arxiv_and_kinds() -> None:
    assert arxiv_id(entry("@misc{a, eprint={arXiv:1605.07051v2}}").fields) == "1605.07051v2"
    assert arxiv_id(entry("@misc{a, eprint={hal-0001}, archiveprefix={HAL}}").fields) == ""
    assert bare_doi(entry("@misc{a, doi={not a doi}}").fields["doi"]) == ""

    def kind(source: str) -> str:
        parsed = entry(source)
        return kind_of(parsed.type, parsed.fields)

    assert kind("@article{a, eprint={2003.03477}, archiveprefix={arXiv}}") == "preprint"
    assert kind("@article{a, journal={J}, eprint={2003.03477}}") == "article"
    assert kind("@inproceedings{a, booktitle={NIPS}}") == "inproceedings"
    assert kind("@weird{a, title={x}}") == "other"


def test_bibtex_source_hides_alfolio_switches() -> None:
    text = entry_source(
        entry("@article{k, title={T}, selected={true}, bibtex_show={true}, year=2020}"), HIDDEN_FIELDS
    )
    assert text.startswith("@article{k,")
    assert "selected" not in text and "bibtex_show" not in text and "2020" in text


def test_refs_bib_matches_seed_cv() -> None:
    """The site's refs.bib: the seven publications of the CV, in its order, with its facts."""
    data = parse_string((ROOT / "refs.bib").read_text(encoding="utf-8"), "bibtex")
    pubs = [
        publication_from_entry(e, owner=OWNER, link_fields=DEFAULT_LINK_FIELDS) for e in data.entries.values()
    ]
    assert [p.year for p in pubs] == ["2020", "2020", "2020", "2017", "2016", "2015", "2015"]
    assert pubs[0].title_text.startswith("Sharp Composition Bounds for Gaussian")
    assert [a.name for a in pubs[0].authors] == ["Qinqing Zheng", "Jinshuo Dong", "Qi Long", "Weijie J Su"]
    assert [p.arxiv for p in pubs if p.arxiv] == ["2006.05022", "2003.03477", "1605.07051"]
    assert [p.note for p in pubs] == ["", "submitted", "submitted", "", "", "", ""]
    assert pubs[3].venue == "Ph.D. thesis, The University of Chicago"
    assert len(pubs[2].authors) == 10
    assert all(any(a.is_owner for a in p.authors) for p in pubs)
    assert [e.key for e in data.entries.values() if is_selected(e.fields)] == [
        "zheng2020sharp",
        "zheng2015convergent",
        "zheng2015interpolating",
    ]
    assert all(not p.problems for p in pubs)
