"""``-b jsonresume`` and ``-b rendercv``: the CV in other formats, checked against the official schema.

The round trips start from real files (``init --from``) and compare the data
structurally, up to the losses the README lists. RenderCV's own checks
(its data model, ``rendercv render``) are in ``test_rendercv.py``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOTS, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.cli import main as cli
from sphinx_cv.core.export.record import markdown_to_plain
from sphinx_cv.core.export.sections import heading_kind

REALWORLD = ROOTS / "test-source" / "data" / "realworld"
OLD_RESUME = ROOTS / "test-source-realworld" / "data" / "realworld" / "resume-schema-0.x.resume.json"
DOCS = Path(__file__).parent.parent / "docs"
SCHEMA = Path(__file__).parent / "npm" / "node_modules" / "@jsonresume" / "schema" / "schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The official JSON Resume schema (npm ``@jsonresume/schema``, pinned in tests/npm, installed by nox)."""
    if not SCHEMA.is_file():
        message = (
            "the JSON Resume schema is not installed: run `npm ci --prefix tests/npm` (nox -s tests does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return json.loads(SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def validate(data: dict[str, Any], schema: dict[str, Any]) -> None:
    """Draft 7, formats (email, uri) checked as well."""
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        data
    )


def build(src: Path, builder: str, out: Path, **kwargs: Any) -> tuple[Any, str]:
    """A real build of ``src``; the exported data and the warnings."""
    app = SphinxTestApp(builder, srcdir=src, builddir=out, **kwargs)
    try:
        app.build()
        text = (Path(app.outdir) / ("resume.json" if builder == "jsonresume" else "cv.yaml")).read_text()
        return (json.loads(text) if builder == "jsonresume" else yaml.safe_load(text)), warnings_of(app)
    finally:
        app.cleanup()


def init_site(source: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    assert cli(["init", "--from", str(source), "--output", str(site)]) == 0
    return site


def _without_empty(value: Any) -> Any:
    """Empty strings, lists and nulls dropped: the exports never write a value that says nothing."""
    if isinstance(value, dict):
        cleaned = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", [], None, {})}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def expected_json_resume(source: dict[str, Any]) -> dict[str, Any]:
    """``source`` as the export writes it back: the README's list of JSON Resume round-trip losses."""
    data = copy.deepcopy(source)
    data.pop("meta", None)  # not part of the site
    data["$schema"] = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
    basics = data["basics"]
    for old, new in (("picture", "image"), ("website", "url")):  # names before 1.0 -> 1.x
        if old in basics:
            basics[new] = basics.pop(old)
    for key in ("address", "postalCode"):  # cv-profile keeps city, region and country
        basics["location"].pop(key)
    for profile in basics["profiles"]:
        if profile["network"] == "Twitter":  # a known network's address is filled in
            profile["url"] = "https://twitter.com/neutralthoughts"
    for section in ("work", "volunteer", "publications", "projects"):
        for item in data.get(section, []):
            if "website" in item:
                item["url"] = item.pop("website")
            if item.get("url", "").startswith("missdirection"):  # a URL without a scheme is https
                item["url"] = "https://" + item["url"]
    for item in data.get("work", []):
        if "company" in item:
            item["name"] = item.pop("company")
    for item in data.get("education", []):
        if "gpa" in item:
            item["score"] = item.pop("gpa")
    return _without_empty(data)  # type: ignore[no-any-return]


@pytest.mark.parametrize("source", [REALWORLD / "sample.resume.json", OLD_RESUME], ids=["1.0", "0.x"])
def test_json_resume_round_trip(tmp_path: Path, source: Path, schema: dict[str, Any]) -> None:
    """init --from F, then -b jsonresume: F again (in the current schema), and no loss to warn about."""
    data, warnings = build(init_site(source, tmp_path), "jsonresume", tmp_path / "out")
    assert "WARNING" not in warnings
    validate(data, schema)
    assert data == expected_json_resume(json.loads(source.read_text(encoding="utf-8")))


def expected_rendercv(source: dict[str, Any]) -> dict[str, Any]:
    """``source`` as the export writes it back: the README's list of RenderCV round-trip losses."""
    data = _without_empty(copy.deepcopy(source))
    data.pop("locale")  # RenderCV's locale follows the site's language
    data.pop("settings")  # render settings (current_date) are not part of the site
    for section in data["cv"]["sections"].values():
        for item in section:
            if isinstance(item, dict) and isinstance(item.get("date"), str) and item["date"].isdigit():
                item["date"] = int(item["date"])  # a year is written as a number
    return data  # type: ignore[no-any-return]


def test_rendercv_round_trip(tmp_path: Path) -> None:
    source = REALWORLD / "John_Doe_ClassicTheme_CV.yaml"
    data, warnings = build(init_site(source, tmp_path), "rendercv", tmp_path / "out")
    assert "WARNING" not in warnings
    assert data == expected_rendercv(yaml.safe_load(source.read_text(encoding="utf-8")))
    # every entry kind of the sample kept its RenderCV type, in the file's section order
    assert list(data["cv"]["sections"]) == list(yaml.safe_load(source.read_text())["cv"]["sections"])


@pytest.fixture(scope="module")
def export_root(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, str]]:
    """tests/roots/test-export built once with each builder."""
    src = tmp_path_factory.mktemp("export") / "src"
    shutil.copytree(ROOTS / "test-export", src)
    return {b: build(src, b, src / "_build" / b) for b in ("jsonresume", "rendercv")}


def test_sections_by_kind_heading_and_data_file(export_root: dict[str, tuple[Any, str]]) -> None:
    """German, French and Chinese headings; :kind:; a data file's own section; toctree order."""
    data, _warnings = export_root["jsonresume"]
    assert [w["position"] for w in data["work"]] == ["Professor"]  # "Erfahrung"
    assert [e["studyType"] for e in data["education"]] == ["Ph.D.", "Visiting Student"]  # "Formation"
    assert [a["title"] for a in data["awards"]] == [  # "获奖情况", then a RenderCV section of honours
        "Best Paper Award",
        "Sloan Fellowship (2021)",
        "NSF CAREER award",
    ]
    mentee, talk = data["projects"]  # toctree order: more.rst after index.rst and work.md
    assert (mentee["name"], mentee["type"], mentee["roles"]) == ("T. Yu", "Mentorship", ["Intern Manager"])
    assert (talk["name"], talk["type"], talk["entity"]) == ("Scaling laws", "talk", "Stanford")
    assert data["skills"] == [{"name": "Languages", "level": "Expert", "keywords": ["Python", "R"]}]


def test_json_resume_text_and_dates(export_root: dict[str, tuple[Any, str]], schema: dict[str, Any]) -> None:
    data, _warnings = export_root["jsonresume"]
    validate(data, schema)
    basics = data["basics"]
    assert basics["label"] == "Professor of Statistics"  # emphasis as plain text
    assert basics["summary"] == "I study optimisation and privacy."
    assert basics["location"] == {"city": "Philadelphia", "region": "PA"}
    assert {p["network"]: p["username"] for p in basics["profiles"]} == {
        "GitHub": "janedoe",
        "ORCID": "0000-0002-1825-0097",
    }
    (work,) = data["work"]
    assert work["startDate"] == "2019-09" and "endDate" not in work  # present: ongoing
    assert work["url"] == "https://www.upenn.edu"
    # text as written: not HTML-escaped, not Markdown-escaped
    assert work["summary"] == "Teaches C*-algebras and <script>alert(1)</script> & more."
    assert work["highlights"] == ["differential privacy", "federated learning", "nested point"]
    visiting = data["education"][1]
    assert (visiting["startDate"], visiting["endDate"]) == ("2007", "2007")  # Fall 2007: a single date


def test_rendercv_text_and_dates(export_root: dict[str, tuple[Any, str]]) -> None:
    data, _warnings = export_root["rendercv"]
    cv = data["cv"]
    assert cv["headline"] == "Professor of *Statistics*"
    assert cv["sections"]["summary"] == ["I study [optimisation](https://example.org/opt) and **privacy**."]
    (professor,) = cv["sections"]["Erfahrung"]
    assert professor["company"] == "University of Pennsylvania"  # "Erfahrung": an experience entry
    assert professor["position"] == "[Professor](https://www.upenn.edu)"
    assert (professor["start_date"], professor["end_date"]) == ("2019-09", "present")
    assert professor["highlights"] == ["differential *privacy*", "federated learning - nested point"]
    # a literal star is escaped for RenderCV's Markdown; HTML stays text, escaped by nobody
    # (a zero-width space after "<" keeps RenderCV's Markdown from reading a tag, which Typst cannot set)
    assert professor["summary"] == "Teaches C\\*-algebras and <\u200bscript>alert(1)<\u200b/script> & more."
    phd, visiting = cv["sections"]["Formation"]
    assert (phd["degree"], phd["area"], phd["start_date"], phd["end_date"]) == (
        "Ph.D.",
        "Statistics",
        2012,
        2017,
    )
    assert visiting["date"] == "Fall 2007"  # RenderCV takes a season as written
    assert cv["sections"]["selected_honors"] == [
        {"bullet": "Sloan Fellowship (2021)"},
        {"bullet": "**NSF CAREER** award"},
    ]
    assert data["design"] == {"theme": "sb2nov"}  # cv_rendercv_design


def test_one_warning_per_kind_of_loss(export_root: dict[str, tuple[Any, str]]) -> None:
    _data, warnings = export_root["jsonresume"]
    lines = [line for line in warnings.splitlines() if "[cv.export]" in line]
    assert len(lines) == 5, warnings
    assert any("more.rst:4:" in line and "set :kind:" in line and "'Mentorship'" in line for line in lines)
    assert any("links and emphasis" in line and "(and 3 more)" in line for line in lines)
    assert any("more.rst:6:" in line and "'T. Yu: table'" in line for line in lines)  # at the entry
    assert any("highlights are one level" in line for line in lines)
    assert any("work.md:3:" in line and "'Fall 2007'" in line for line in lines)
    _data, warnings = export_root["rendercv"]
    lines = [line for line in warnings.splitlines() if "[cv.export]" in line]
    assert len(lines) == 2, warnings
    assert any("caption" in line and "'Intern Manager' (and 2 more)" in line for line in lines)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Employment", "work"),
        ("Berufserfahrung", "work"),
        ("Expérience professionnelle", "work"),
        ("Experiencia laboral", "work"),
        ("Esperienze lavorative", "work"),
        ("工作经历", "work"),
        ("Selected Publications", "publications"),
        ("Veröffentlichungen", "publications"),
        ("Premi e riconoscimenti", "awards"),
        ("selected_honors", "awards"),
        ("Invited talks", "talks"),
        ("Enseignement", "teaching"),
        ("Formación académica", "education"),
        ("Sprachkenntnisse", "languages"),
        ("教学经历", "teaching"),
        ("Mentorship", ""),
    ],
)
def test_headings_in_the_shipped_languages(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


def test_markdown_to_plain() -> None:
    assert markdown_to_plain(r"**Bold** and *em* [link](https://x.org) C\*-algebra a*b") == (
        "Bold and em link C*-algebra a*b"
    )


def test_demo_exports(tmp_path: Path, schema: dict[str, Any]) -> None:
    """The demo: every timeline entry exported, valid, and only the losses it really has."""
    data, warnings = build(DOCS, "jsonresume", tmp_path / "jr", confoverrides={"html_extra_path": []})
    validate(data, schema)
    assert data["basics"]["name"] == "Qinqing Zheng"
    assert [w["name"] for w in data["work"]] == [
        "University of Pennsylvania, Department of Statistics",
        "Facebook",
        "Facebook",
        "Ebay",
    ]
    assert [e["studyType"] for e in data["education"]] == ["Ph.D.", "M.S.", "B.Eng.", "Visiting Student"]
    kinds = {line.split("jsonresume: ", 1)[1][:30] for line in warnings.splitlines() if "[cv.export]" in line}
    # the thesis title's emphasis, Fall 2007, the mentorship heading, her name highlighted in author lists
    assert len(kinds) == 4, warnings
    yaml_data, warnings = build(DOCS, "rendercv", tmp_path / "rcv", confoverrides={"html_extra_path": []})
    assert list(yaml_data["cv"]["sections"]) == ["Education", "Employment", "Publications", "Mentorship"]
    papers = yaml_data["cv"]["sections"]["Publications"]
    assert len(papers) == 7 and all("*Qinqing Zheng*" in p["authors"] for p in papers)
    lines = [line for line in warnings.splitlines() if "[cv.export]" in line]
    assert len(lines) == 1 and "'Intern Manager'" in lines[0], warnings  # the caption under "Mentorship"


def _export_after(src: Path, out: Path, **kwargs: Any) -> str:
    app = SphinxTestApp("jsonresume", srcdir=src, builddir=out, **kwargs)
    try:
        app.build()
        return (Path(app.outdir) / "resume.json").read_text()
    finally:
        app.cleanup()


def test_parallel_and_incremental_exports_equal_a_clean_one(tmp_path: Path) -> None:
    """The records live in a Domain: -j 2 and a rebuild after an edit export what a clean build does."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-export", src)
    clean = _export_after(src, tmp_path / "clean")
    assert _export_after(src, tmp_path / "parallel", parallel=2) == clean
    incremental_out = tmp_path / "incremental"
    _export_after(src, incremental_out)
    page = src / "work.md"
    page.write_text(page.read_text().replace("Visiting Student", "Guest Student"), encoding="utf-8")
    edited = _export_after(src, incremental_out)
    assert "Guest Student" in edited
    assert edited == _export_after(src, tmp_path / "clean-after-edit")
    page.unlink()
    (src / "index.rst").write_text((src / "index.rst").read_text().replace("   work\n", ""), encoding="utf-8")
    removed = json.loads(_export_after(src, incremental_out))
    assert "education" not in removed  # a removed document's records are purged


UNSAFE = re.compile(r"^\s*(javascript|vbscript|data):", re.I)
#: a Markdown link RenderCV would make (an escaped bracket is text)
MARKDOWN_LINK = re.compile(r"(?<!\\)\]\(\s*(?P<url>[^)\s]*)")


def _urls(value: Any) -> list[str]:
    """Every ``url`` value of the JSON Resume data."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "url" and isinstance(v, str)] + _urls(
            list(value.values())
        )
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    return []


@pytest.mark.parametrize("root", ["test-hostile", "test-hostile-data"])
@pytest.mark.parametrize("builder", ["jsonresume", "rendercv"])
def test_hostile_input_exports_no_unsafe_link(tmp_path: Path, root: str, builder: str) -> None:
    """``javascript:``, ``data:``, ``vbscript:`` links never reach an export (markup in text stays text)."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / root, src)
    data, warnings = build(src, builder, tmp_path / "out")
    assert "Traceback" not in warnings
    if builder == "jsonresume":
        urls = _urls(data)
        assert not [u for u in urls if UNSAFE.match(u)]
    else:
        text = yaml.safe_dump(data, allow_unicode=True, width=10**6)
        links = [m["url"] for m in MARKDOWN_LINK.finditer(text)]
        assert not [u for u in links if UNSAFE.match(u) or not u], text
