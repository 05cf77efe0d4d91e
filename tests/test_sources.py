"""The data-file loaders on their own: detection, mapping, lines, errors (no Sphinx)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_cv.core.sources import SourceError, load
from sphinx_cv.core.sources.common import text

DATA = Path(__file__).parent / "roots" / "test-source" / "data"


def _span(entry) -> tuple[str, str | None] | None:
    if entry.dates is None:
        return None
    return entry.dates.start.text, entry.dates.end.text if entry.dates.end else None


def test_detects_the_format_by_content_not_by_name() -> None:
    resume = (DATA / "resume.json").read_text()
    rendercv = (DATA / "rendercv.yaml").read_text()
    assert load(resume, "cv.yaml").format == "JSON Resume"
    assert load(rendercv, "resume.json.txt").format == "RenderCV"
    assert load((DATA / "plain.yaml").read_text(), "x.json.yaml").format == "plain YAML"
    assert load((DATA / "sections.yaml").read_text(), "data").format == "plain YAML"
    # a JSON Resume written in YAML is still a JSON Resume
    assert load("work:\n  - name: A\n    startDate: 2019\n", "cv.yml").format == "JSON Resume"


@pytest.mark.parametrize("text", ["", "just text\n", "42\n", "a: 1\nb: two\n"])
def test_unknown_format(text: str) -> None:
    with pytest.raises(SourceError, match="not a known data format"):
        load(text, "x.yaml")


def test_json_resume_mapping() -> None:
    data = load((DATA / "resume.json").read_text(), "resume.json")
    assert list(data.sections()) == [
        "work", "volunteer", "education", "awards", "certificates", "publications",
        "skills", "languages", "interests", "references", "projects",
    ]  # fmt: skip
    work = data.entries("work")[0]
    assert (work.title, work.subtitle, work.location, work.url) == (
        "Research Scientist",
        "Acme Labs",
        "Menlo Park, CA",
        "https://acme.example.com",
    )
    assert _span(work) == ("2019-09", "present"), "startDate without endDate is ongoing"
    assert work.summary == "Built the distributed training platform."
    assert work.highlights == ["Scaled training to 1000 GPUs", "Mentored **three** interns"]
    edu = data.entries("education")[0]
    assert (edu.title, edu.subtitle, edu.summary) == (
        "Bachelor in Computer Science",
        "University of Oklahoma",
        "Score: 4.0",
    )
    assert edu.highlights == ["DB1101 - Basic SQL", "CS2011 - Java Introduction"]
    volunteer = data.entries("volunteer")[0]
    assert (volunteer.title, volunteer.subtitle) == ("Teacher", "CoderDojo")
    award = data.entries("awards")[0]
    assert (award.title, award.subtitle, _span(award)) == (
        "Pioneer Award",
        "Techcrunch",
        ("2014-11-01", None),
    )
    publication = data.entries("publications")[0]
    assert (publication.subtitle, _span(publication)) == ("Hooli", ("2014-10-01", None))
    project = data.entries("projects")[0]
    assert (project.subtitle, project.url) == ("Team lead, Smoogle", "https://missdirection.example.com")
    assert project.summary == "A mapping engine that misguides you"
    skill = data.entries("skills")[0]
    assert (skill.title, skill.subtitle, skill.summary, skill.dates) == (
        "Compression",
        "Master",
        "Mpeg, MP4",
        None,
    )
    for name in data.sections():
        for entry in data.entries(name):
            assert entry.all_problems == [], (name, entry)


def test_rendercv_kinds() -> None:
    data = load((DATA / "rendercv.yaml").read_text(), "cv.yaml")
    edu = data.entries("education")[0]
    assert (edu.title, edu.subtitle, edu.location, _span(edu)) == (
        "PhD in Mathematics",
        "Yale University",
        "New Haven, CT",
        ("1930-09", "1934-06"),
    )
    job, navy = data.entries("experience")
    assert (job.title, job.subtitle, _span(job)) == (
        "Senior Mathematician",
        "Remington Rand",
        ("1949", "present"),
    )
    assert _span(navy) == ("Fall 1943", None)
    cobol, free = data.entries("normal")
    assert (cobol.title, cobol.url, _span(cobol)) == (
        "COBOL",
        "https://cobol.example.org",
        ("1959-05-28", None),
    )
    assert _span(free) == ("Summer 1952", "Spring 1953") and free.all_problems == []  # a written range
    (paper,) = data.entries("publications")
    assert paper.url == "https://doi.org/10.1145/609784.609818"
    assert (paper.subtitle, paper.summary) == ("Proceedings of the ACM", "*Grace Example*, Alan Other")
    (skill,) = data.entries("skills")
    assert (skill.title, skill.summary, skill.dates) == ("Languages", "FLOW-MATIC, COBOL", None)
    for section in ("honors", "patents", "talks", "notes", "summary"):
        (entry,) = data.entries(section)
        assert entry.dates is None and entry.all_problems == [], section
    person, summary = data.person()
    assert (person.name, person.tagline, person.orcid) == (
        "Grace Example",
        "Professor of Computing",
        "0000-0002-1825-0097",
    )
    assert summary == ["Builds compilers. See [my group](https://group.example.org)."]


def test_plain_yaml() -> None:
    postdoc, visit = load((DATA / "plain.yaml").read_text(), "plain.yaml").entries()
    assert (postdoc.title, postdoc.subtitle, postdoc.location, postdoc.url) == (
        "Postdoc Researcher",
        "University of Pennsylvania",
        "Philadelphia, PA",
        "https://www.upenn.edu",
    )
    assert postdoc.highlights == ["differential privacy", "optimisation"]
    assert _span(postdoc) == ("2019-09", "present")
    assert _span(visit) == ("Fall 2007", None), "no end: a single date, as in cv-entry"
    sections = load((DATA / "sections.yaml").read_text(), "s.yaml")
    assert [e.title for e in sections.entries("service")] == ["Reviewer, NeurIPS"]


def test_entry_lines_in_yaml_and_json() -> None:
    yaml_text = "- title: A\n  start: 2019\n\n- title: B\n  start: 2020\n- a bare string\n"
    assert [e.line for e in load(yaml_text, "x.yaml").entries()] == [1, 4, 6]
    resume = {"work": [{"name": "A", "startDate": "2019"}, {"name": "B", "startDate": "2020"}]}
    json_text = json.dumps(resume, indent=2)
    assert [e.line for e in load(json_text, "x.json").entries("work")] == [3, 7]


def test_parse_errors_carry_the_line() -> None:
    with pytest.raises(SourceError, match="does not parse as YAML") as yaml_err:
        load("- title: A\n  start: 2019\n- title: [B\n  start: 2020\n", "x.yaml")
    assert yaml_err.value.line == 4
    with pytest.raises(SourceError, match="does not parse as JSON") as json_err:
        load('{\n  "work": [\n    {"name": "A"},\n  ]\n}\n', "resume.json")
    # Python 3.13's json reports a trailing comma at the comma, one line before the bracket
    assert json_err.value.line == (3 if sys.version_info >= (3, 13) else 4)


def test_missing_section_names_the_existing_ones() -> None:
    data = load((DATA / "resume.json").read_text(), "resume.json")
    with pytest.raises(SourceError, match=r"no section 'jobs'; its sections are: work, volunteer, education"):
        data.entries("jobs")
    with pytest.raises(SourceError, match="choose one with :section:"):
        data.entries(None)
    with pytest.raises(SourceError, match=r"section 'x' is not a list of entries \(found empty\)"):
        load("cv:\n  sections:\n    x:\n", "cv.yaml").entries("x")
    with pytest.raises(SourceError, match="single list"):
        load((DATA / "plain.yaml").read_text(), "p.yaml").entries("work")


def test_problems_are_recorded_not_raised() -> None:
    text_ = (
        "cv:\n  sections:\n    x:\n"
        "      - company: A\n        position: B\n        date: 2019-02-30\n"
        "      - company: C\n        position: D\n"
        "      - name: E\n        date: 2020\n        highlights: ['[x](javascript:alert(1))']\n"
        "      - bullet: undated, fine\n"
    )
    impossible, undated, hostile, bullet = load(text_, "cv.yaml").entries("x")
    assert "February 2019 has no day 30" in impossible.all_problems[0][1]
    assert undated.all_problems == []  # RenderCV makes every date optional
    assert "dropped the link URL 'javascript:alert(1)'" in hostile.all_problems[0][1]
    assert bullet.all_problems == []


def test_nested_and_odd_values_keep_their_text() -> None:
    text_ = "- title: A\n  start: 2019\n  highlights:\n    - one\n    - [two, [three]]\n    - 4\n"
    (entry,) = load(text_, "x.yaml").entries()
    assert entry.highlights == ["one", "two", "three", "4"]
    assert text(None) == "" and text(2021) == "2021"


def test_self_referencing_yaml_does_not_recurse_forever() -> None:
    """An alias inside the value it names is endless: that alias is left out, with its line, not the file."""
    text_ = "- title: A\n  start: 2019\n  highlights: &h [x, *h]\n  summary: &s [y, *s]\n"
    data = load(text_, "x.yaml")
    (entry,) = data.entries()
    assert entry.highlights == ["x"] and entry.summary == "y"
    assert [line for line, _message in data.problems] == [3, 4]
    assert "an alias inside the value it names" in data.problems[0][1]


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.text(max_size=12),
    st.sampled_from(["2019-02-30", "present"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["cv", "sections", "work", "title", "start", "date", "company", "name", "startDate", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(data=_values, as_json=st.booleans())
def test_any_data_gives_entries_or_a_source_error(data: object, as_json: bool) -> None:
    """Whatever the structure, the loaders answer with entries or a SourceError, never another exception."""
    import yaml

    text_ = json.dumps(data) if as_json else yaml.safe_dump(data)
    try:
        loaded = load(text_, "x.json" if as_json else "x.yaml")
    except SourceError:
        return
    for section in [None, *loaded.sections()]:
        try:
            for entry in loaded.entries(section):
                assert isinstance(entry.title, str)
        except SourceError:
            pass
