"""Property-based: hostile values in every .bib field, data-file field and directive option (issue 22).

Each example writes a whole project: a page using every directive, each
with a random choice of its options; a JSON Resume, a RenderCV file and two
plain YAML files with a random choice of the fields their loaders read,
publications among them; a co-author file; and a .bib with a random choice
of the fields the reader knows. The values come from the payload families
of :mod:`hostile` (markup, ``javascript:`` in disguises, backslashes,
brackets, control and bidi characters, NUL, lone surrogates, huge and
deeply nested values, hostile keys), values of the wrong type and random
text. It builds the project with publication pages on (html or dirhtml,
the pages' folder hostile too) and asserts what the issue lists: no
traceback, every warning located, nothing written outside the output
folder, and the checks of :func:`hostile.assert_built_output_is_safe` on
every written file.

The option names come from the directives' own ``option_spec`` and the link
fields from ``DEFAULT_LINK_FIELDS``, so an option or link field added later
is fuzzed too. ``nox -s tests`` runs 12 examples, the same ones each time;
``nox -s fuzz`` runs many random ones (``SPHINX_CV_FUZZ_EXAMPLES``, 300 by
default there).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hostile import HOSTILE_KEYS, PAYLOADS, SITE, assert_built_output_is_safe, script_id
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.core.links import DEFAULT_LINK_FIELDS
from sphinx_cv.profile import CVProfileDirective
from sphinx_cv.publications.directive import CVPublicationsDirective
from sphinx_cv.timeline import CVEntryDirective, CVTimelineDirective

EXAMPLES = int(os.environ.get("SPHINX_CV_FUZZ_EXAMPLES", "0") or 0)
LONG = EXAMPLES > 0

PAYLOAD = st.sampled_from([value for values in PAYLOADS.values() for value in values])
VALUE = st.one_of(
    PAYLOAD,
    PAYLOAD,
    st.text(max_size=30),
    st.tuples(PAYLOAD, st.text(max_size=10), PAYLOAD).map("".join),
)
#: a data file's value: text, or what a careless file holds instead (numbers, lists, mappings, null)
DATA_VALUE = st.one_of(
    VALUE,
    VALUE,
    VALUE,
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.lists(VALUE, max_size=3),
    st.dictionaries(st.sampled_from(["city", "countryCode", "url", "network", "username", "name"]), VALUE),
)

#: every field core/bib.py, core/bibtex.py and core/links.py read, and the person fields
BIB_FIELDS = sorted(
    {
        *DEFAULT_LINK_FIELDS,
        *[
            "title",
            "author",
            "editor",
            "author+an",
            "editor+an",
            "year",
            "month",
            "day",
            "date",
            "journal",
            "journaltitle",
            "booktitle",
            "publisher",
            "volume",
            "number",
            "issue",
            "pages",
            "doi",
            "url",
            "eprint",
            "eprinttype",
            "archiveprefix",
            "arxiv",
            "abstract",
            "note",
            "abbr",
            "keywords",
            "selected",
            "bibtex_show",
            "award",
            "award_name",
            "additional_info",
            "annotation",
            "preview",
            "issn",
            "school",
            "institution",
            "organization",
            "address",
            "location",
            "type",
            "howpublished",
            "entryset",
            "crossref",
            "xref",
            "xdata",
        ],
    }
)
BIB_TYPES = [
    "article",
    "inproceedings",
    "phdthesis",
    "misc",
    "book",
    "techreport",
    "online",
    "set",
    "nonsense",
]
KEYS = st.one_of(st.sampled_from(HOSTILE_KEYS), st.sampled_from(["doe2020", "roe2019", "x"]))

#: every field the loaders read (core/sources: json_resume, rendercv, plain_yaml, publications)
JSON_RESUME_BASICS = ("name", "label", "image", "picture", "email", "phone", "url", "website", "summary")
JSON_RESUME_SECTIONS = [
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "projects",
    "publications",
]
JSON_RESUME_FIELDS = [
    "area",
    "awarder",
    "company",
    "courses",
    "date",
    "description",
    "endDate",
    "entity",
    "gpa",
    "highlights",
    "institution",
    "issuer",
    "location",
    "name",
    "organization",
    "position",
    "publisher",
    "releaseDate",
    "roles",
    "score",
    "startDate",
    "studyType",
    "summary",
    "title",
    "url",
    "website",
    "authors",
    "doi",
    "keywords",
]
RENDERCV_CV = ("name", "label", "headline", "location", "email", "phone", "website", "photo")
RENDERCV_FIELDS = [
    "area",
    "authors",
    "company",
    "date",
    "degree",
    "details",
    "doi",
    "end_date",
    "highlights",
    "institution",
    "journal",
    "label",
    "location",
    "name",
    "position",
    "start_date",
    "summary",
    "title",
    "url",
]
PLAIN_FIELDS = ["title", "start", "end", "subtitle", "location", "url", "summary", "highlights"]
PLAIN_PAPER_FIELDS = [
    "title",
    "start",
    "end",
    "subtitle",
    "location",
    "url",
    "summary",
    "highlights",
    "authors",
    "author",
    "doi",
    "journal",
    "publisher",
    "date",
    "year",
    "abstract",
    "keywords",
    "tags",
    "name",
    "releaseDate",
]

#: folders of the pages, hostile ones among them (tests/test_hardening_pubs.py tests each on its own)
PAGE_DIRS = ("publications", "pubs/deep", "../../escaped", "../sibling", "", ".", "a/../../b", "C:/x", "con")


def _options(directive: type) -> st.SearchStrategy[dict[str, str]]:
    """Any of the directive's options, each with a hostile or random value."""
    names = sorted(directive.option_spec)
    return st.dictionaries(st.sampled_from(names), VALUE, max_size=len(names))


def _item(fields: list[str] | tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(fields), DATA_VALUE, min_size=1, max_size=6)


@st.composite
def bib_entries(draw: st.DrawFn) -> list[tuple[str, str, dict[str, str]]]:
    entries = []
    for _ in range(draw(st.integers(1, 4))):
        fields = {"title": draw(VALUE), "author": draw(VALUE), "year": draw(st.sampled_from(["2020", "x"]))}
        fields.update(draw(st.dictionaries(st.sampled_from(BIB_FIELDS), VALUE, max_size=8)))
        entries.append((draw(st.sampled_from(BIB_TYPES)), draw(KEYS), fields))
    return entries


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    paper = _item(PLAIN_PAPER_FIELDS).map(lambda d: {"title": "T", "authors": ["A B"], **d})
    return {
        "name": draw(VALUE),
        "profile": draw(_options(CVProfileDirective)),
        "caption": draw(VALUE),
        "timeline": draw(_options(CVTimelineDirective)),
        "entries": draw(st.lists(st.tuples(VALUE, _options(CVEntryDirective)), min_size=1, max_size=3)),
        "pub_caption": draw(VALUE),
        "publications": draw(_options(CVPublicationsDirective)),
        "bib": draw(bib_entries()),
        "basics": draw(st.dictionaries(st.sampled_from(JSON_RESUME_BASICS), DATA_VALUE)),
        "profiles": draw(st.lists(_item(["network", "username", "url"]), max_size=2)),
        "resume": {
            section: draw(st.lists(_item(JSON_RESUME_FIELDS), max_size=2)) for section in JSON_RESUME_SECTIONS
        },
        "cv": draw(st.dictionaries(st.sampled_from(RENDERCV_CV), DATA_VALUE)),
        "networks": draw(st.lists(_item(["network", "username"]), max_size=2)),
        "rendercv": draw(st.lists(_item(RENDERCV_FIELDS), max_size=3)),
        "rendercv_papers": draw(st.lists(_item(RENDERCV_FIELDS), max_size=3)),
        "plain": draw(st.lists(_item(PLAIN_FIELDS), max_size=3)),
        "plain_papers": draw(st.lists(st.one_of(_item(PLAIN_PAPER_FIELDS), paper), max_size=3)),
        "coauthor": (draw(VALUE), draw(VALUE), draw(VALUE)),
        "pages_dir": draw(st.sampled_from(PAGE_DIRS)),
        "builder": draw(st.sampled_from(["html", "dirhtml"])),
    }


def _line(value: str) -> str:
    """A value on one line of a reST file (a UTF-8 file holds no lone surrogate)."""
    return re.sub(r"[\r\n\u2028\u2029\x85]+", " ", value).encode("utf-8", "replace").decode("utf-8")


def _argument(value: str) -> str:
    return _line(value).strip() or "X"


def _directive(name: str, argument: str, options: dict[str, str], indent: str = "") -> list[str]:
    lines = [f"{indent}.. {name}:: {_argument(argument)}".rstrip()]
    lines += [f"{indent}   :{key}: {_line(value)}".rstrip() for key, value in options.items()]
    return [*lines, ""]


def page(project: dict[str, Any]) -> str:
    lines = ["Fuzz", "====", "", "Before.", ""]
    lines += _directive("cv-profile", project["name"], project["profile"])
    lines += _directive("cv-timeline", project["caption"], project["timeline"])
    for title, options in project["entries"]:
        lines += _directive("cv-entry", title, options, indent="   ")
    timelines = [(f"JSON Resume {s}", "resume.json", s) for s in JSON_RESUME_SECTIONS]
    timelines += [("RenderCV", "cv.yaml", "experience"), ("Plain", "plain.yaml", "")]
    for caption, source, section in timelines:
        options = {"source": source, **({"section": section} if section else {})}
        lines += _directive("cv-timeline", caption, options)
    papers = [("resume.json", "publications"), ("cv.yaml", "publications"), ("papers.yaml", "")]
    for source, section in papers:
        options = {"source": source, **({"section": section} if section else {})}
        lines += _directive("cv-publications", f"Papers of {source}", options)
    lines += _directive("cv-publications", project["pub_caption"], {"show": "links, abstract, bibtex"})
    lines += _directive("cv-publications", "Again", project["publications"])
    return "\n".join([*lines, "After.", ""])


def bibtex(entries: list[tuple[str, str, dict[str, str]]]) -> str:
    out = []
    for kind, key, fields in entries:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        out.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


def _yaml(data: object) -> str:
    """YAML with every odd character escaped (lone surrogates included), or JSON, which YAML reads too."""
    try:
        return yaml.safe_dump(data, allow_unicode=False, width=1000)
    except yaml.YAMLError:
        return json.dumps(data)


def write_project(root: Path, project: dict[str, Any]) -> Path:
    src = root / "src"
    src.mkdir()
    conf = {
        "extensions": ["sphinx_cv"],
        "project": "fuzz",
        "exclude_patterns": ["_build"],
        "bibtex_bibfiles": ["refs.bib"],
        "cv_author": ["Jane Doe"],
        "cv_publication_pages": True,
        "cv_publication_pages_dir": project["pages_dir"],
        "html_baseurl": SITE,
        "cv_coauthors_file": "coauthors.yml",
        "cv_pdf_folder": "assets/pdf",
        "cv_scholar_user": "abcDEF12",
    }
    (src / "conf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in conf.items()), encoding="utf-8")
    (src / "index.rst").write_text(page(project), encoding="utf-8")
    (src / "refs.bib").write_text(bibtex(project["bib"]), encoding="utf-8", errors="surrogatepass")
    basics = {**project["basics"], "profiles": project["profiles"]}
    resume = {"basics": basics, **project["resume"]}
    (src / "resume.json").write_text(json.dumps(resume), encoding="utf-8")
    sections = {"experience": project["rendercv"], "publications": project["rendercv_papers"]}
    rendercv = {"cv": {**project["cv"], "social_networks": project["networks"], "sections": sections}}
    (src / "cv.yaml").write_text(_yaml(rendercv), "utf-8")
    (src / "plain.yaml").write_text(_yaml(project["plain"]), encoding="utf-8")
    (src / "papers.yaml").write_text(_yaml(project["plain_papers"]), encoding="utf-8")
    last, first, url = project["coauthor"]
    (src / "coauthors.yml").write_text(_yaml({last: [{"firstname": [first], "url": url}]}), "utf-8")
    return src


def plain_project() -> dict[str, Any]:
    """A project without a hostile value: its scripts are the theme's and Sphinx's own."""
    paper = {"title": "Paper", "authors": ["Jane Doe"], "doi": "10.1000/x", "date": "2020"}
    return {
        "name": "Jane Doe",
        "profile": {"github": "janedoe"},
        "caption": "Work",
        "timeline": {},
        "entries": [("Job", {"start": "2019"})],
        "pub_caption": "Papers",
        "publications": {},
        "bib": [("article", "doe2020", {"title": "T", "author": "Doe, Jane", "year": "2020"})],
        "basics": {"name": "Jane Doe"},
        "profiles": [],
        "resume": {section: [] for section in JSON_RESUME_SECTIONS} | {"publications": [paper]},
        "cv": {"name": "Jane Doe"},
        "networks": [],
        "rendercv": [{"company": "Acme", "position": "Engineer", "start_date": "2019-01"}],
        "rendercv_papers": [paper],
        "plain": [{"title": "Job", "start": "2019"}],
        "plain_papers": [paper],
        "coauthor": ("roe", "Rick", "https://rick.example"),
        "pages_dir": "publications",
    }


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


#: a located message: ``path:line: WARNING: ...`` (docutils' messages about option text too);
#: a warning about conf.py has no line (``path:: WARNING``)
LOCATED = re.compile(
    r"^\S.*?:\d+: (WARNING|ERROR|SEVERE|CRITICAL): |^\S*conf\.py:: WARNING: .*\[cv\.config\]"
)


@pytest.fixture(scope="module")
def baseline_scripts(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The scripts a plain build of the same project has (the theme's and Sphinx's own)."""
    scripts: set[str] = set()
    for builder in ("html", "dirhtml"):
        src = write_project(tmp_path_factory.mktemp("plain"), plain_project())
        app = SphinxTestApp(builder, srcdir=src)
        try:
            app.build()
        finally:
            app.cleanup()
        for path in Path(app.outdir).rglob("*.html"):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            scripts |= {script_id(s) for s in soup.find_all("script")}
    return scripts


def test_the_plain_project_builds_without_a_warning(tmp_path: Path) -> None:
    """The baseline is a valid project: what the hostile builds warn about comes from their values."""
    src = write_project(tmp_path, plain_project())
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert text.count('class="cv-pub-title"') == 4 + 1, "each data file's paper and the .bib's"


@settings(
    max_examples=EXAMPLES or 12,
    derandomize=not LONG,
    # a build per example: shrinking a failure would take many minutes; the report shows the example
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    report_multiple_bugs=False,
    deadline=None,
    database=None if not LONG else settings.default.database,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(project=projects())
def test_hostile_values_everywhere(
    tmp_path_factory: pytest.TempPathFactory, baseline_scripts: set[str], project: dict[str, Any]
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    src = write_project(root, project)
    before = files_under(root)
    app = SphinxTestApp(project["builder"], srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings
    for line in warnings.split("\n"):  # not splitlines: a value may hold U+2028 or U+0085
        if re.search(r"\b(WARNING|ERROR|SEVERE|CRITICAL): ", line):
            assert LOCATED.match(line), f"not located: {line[:300]}"
            assert "[cv." in line or "index.rst:" in line, f"not a cv warning: {line[:300]}"
    out, doctrees = Path(app.outdir), Path(app.doctreedir)
    outside = [p for p in files_under(root) - before if out not in p.parents and doctrees not in p.parents]
    assert not outside, f"written outside the output folder: {outside}"
    index = out / "index.html"
    text = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "Before." in text and "After." in text, "the page itself is kept, never replaced"
    assert_built_output_is_safe(out, baseline_scripts)
