""" "Cited by N" on each listed paper with a count: the list, the paper's page, text; never the PDF.

The counts come from a metrics file in sphinx-cv's own format (core/metrics.py),
written here; ``test_metrics_build.py`` writes one with the ``metrics`` command
from a recorded OpenAlex answer. The HTML build runs with the network refused
(``build_offline.py``), as Read the Docs would build the site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOTS, soup_of, warnings_of

TESTS = Path(__file__).parent

BIB = """\
@article{doe2019first,
  author = {Jane Doe and Ann Smith},
  title = {A First Paper},
  journal = {Journal of Things},
  year = {2019},
  doi = {10.1234/first}
}

@misc{doe2020second,
  author = {Jane Doe},
  title = {A Second Paper Without Links},
  year = {2020}
}

@article{doe2021third,
  author = {Jane Doe},
  title = {A Third Paper Nobody Cited Yet},
  journal = {Journal of Things},
  year = {2021},
  doi = {10.1234/third}
}
"""


def _site(tmp_path: Path, pages: bool = True) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-metrics", src)
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.rst").write_text("Jane Doe\n========\n\n.. cv-publications::\n", encoding="utf-8")
    if pages:
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("cv_publication_pages = True\n")
    return src


def _write(src: Path, works: dict[str, dict[str, object]]) -> None:
    (src / "cv-metrics.json").write_text(json.dumps({"works": works}, indent=2) + "\n", encoding="utf-8")


def _count(cited_by: int, work: str = "W2741809807", date: str = "2026-12-01") -> dict[str, object]:
    return {"cited_by": cited_by, "source": "OpenAlex", "id": f"https://openalex.org/{work}", "date": date}


COUNTS = {"doe2019first": _count(1234), "doe2020second": _count(12, "W2"), "doe2021third": _count(0, "W3")}


def _badges(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    """Entry id -> its badge."""
    found = {}
    for badge in page.select("li.cv-pub .cv-pub-cited"):
        found[badge.find_parent("li")["id"]] = badge
    return found


def test_badge_on_the_list_and_the_page_built_offline(tmp_path) -> None:
    src = _site(tmp_path)
    _write(src, COUNTS)
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, str(TESTS / "build_offline.py"), "-W", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    listing = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    badges = _badges(listing)
    assert sorted(badges) == ["doe2019first", "doe2020second"], "no badge for 0, as Google Scholar"
    first = badges["doe2019first"]
    assert first.name == "a" and first.get_text() == "Cited by 1,234"
    assert first["href"] == "https://openalex.org/W2741809807"
    assert first["title"] == "OpenAlex, 2026-12-01"
    assert "cv-pub-link" in first["class"], "the pill look of the other link badges"
    row = first.find_parent("div", class_="cv-pub-actions")
    assert [a.get_text() for a in row.select("a")] == ["DOI", "Cited by 1,234"], "the last of the links"
    lone = badges["doe2020second"].find_parent("div", class_="cv-pub-actions")
    assert [a.get_text() for a in lone.select("a")] == ["Cited by 12"], "a row of its own without links"
    for slug, text in (("doe2019first", "Cited by 1,234"), ("doe2020second", "Cited by 12")):
        page = BeautifulSoup((out / f"publications/{slug}.html").read_text(encoding="utf-8"), "html.parser")
        badge = page.select_one('[role="main"] .cv-pub-page .cv-pub-actions a.cv-pub-cited')
        assert badge is not None and badge.get_text() == text
        assert badge["title"] == "OpenAlex, 2026-12-01"
    third = (out / "publications/doe2021third.html").read_text(encoding="utf-8")
    assert "cv-pub-cited" not in third


def test_no_file_no_badge_no_warning(make_app, tmp_path) -> None:
    app = make_app("html", srcdir=_site(tmp_path), freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert _badges(soup_of(app)) == {}
    assert "cv-pub-cited" not in (Path(app.outdir) / "publications/doe2019first.html").read_text("utf-8")


def test_text_says_source_and_date(make_app, tmp_path) -> None:
    src = _site(tmp_path, pages=False)
    _write(src, COUNTS)
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    first = " ".join(text[text.index("* A First Paper") :].split())
    assert first == (
        "* A First Paper **Jane Doe**, Ann Smith Journal of Things, 2019 DOI: https://doi.org/10.1234/first "
        "Cited by 1,234 (OpenAlex, 2026-12-01): https://openalex.org/W2741809807"
    ), "the last of the link lines, with where and when (a long line wraps before the URL)"
    assert "\n  Cited by 12 (OpenAlex, 2026-12-01): https://openalex.org/W2\n" in text
    assert "Cited by 0" not in text and "Nobody Cited Yet" in text


def test_the_pdf_leaves_per_paper_counts_out(make_app, tmp_path) -> None:
    """A CV PDF is sent and kept: a count there ages, and cannot show its date on hover."""
    src = _site(tmp_path, pages=False)
    _write(src, COUNTS)
    app = make_app("latex", srcdir=src, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert "A First Paper" in tex and "Cited by" not in tex and "openalex.org" not in tex


def test_badge_in_the_project_language(make_app, tmp_path) -> None:
    src = _site(tmp_path, pages=False)
    _write(src, COUNTS)
    with (src / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. cv-profile:: Jane Doe\n   :metrics:\n")
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"language": "de"})
    app.build()
    assert warnings_of(app) == ""
    page = soup_of(app)
    assert _badges(page)["doe2019first"].get_text() == "Zitiert von: 1.234"
    totals = " ".join(page.select_one(".cv-metrics").get_text().split())
    assert totals == "Zitationen 1.246 · h-Index 2 (OpenAlex, 2026-12-01)"


def test_a_hostile_file_gives_no_link_and_escaped_text(make_app, tmp_path) -> None:
    src = _site(tmp_path, pages=False)
    hostile = {"cited_by": 7, "source": '<img src=x onerror="alert(1)">', "id": "javascript:alert(1)"}
    _write(src, {"doe2019first": {**hostile, "date": "2026-12-01"}})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "javascript:" not in html and "<img src=x" not in html
    badge = _badges(soup_of(app))["doe2019first"]
    assert badge.name == "span" and not badge.has_attr("href"), "no page at the source: a badge, no link"
    assert badge["title"] == '<img src=x onerror="alert(1)">, 2026-12-01'


def _counts_shown(out: Path, names: list[str]) -> dict[str, str]:
    shown = {}
    for name in names:
        page = BeautifulSoup((out / f"{name}.html").read_text("utf-8"), "html.parser")
        badge = page.select_one("li.cv-pub .cv-pub-cited")
        shown[name] = badge.get_text() if badge else ""
    return shown


def test_a_new_file_reaches_every_list_and_page_in_parallel_builds(make_app, tmp_path) -> None:
    """-j 2 reads the lists in several processes: the documents that show counts are merged back
    into the domain, so a file that appears re-reads each of them (no dependency was noted without
    it), and a changed one rewrites the paper's page too."""
    src = _site(tmp_path)
    names = [f"list{k}" for k in range(6)]  # Sphinx reads in parallel only with more than five documents
    for name in names:
        (src / f"{name}.rst").write_text(f":orphan:\n\n{name}\n=====\n\n.. cv-publications::\n")
    everything = [*names, "index", "publications/doe2019first"]
    app = make_app("html", srcdir=src, parallel=2, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert set(_counts_shown(out, everything).values()) == {""}
    for count, date in ((5, "2026-12-01"), (9, "2027-01-04")):
        _write(src, {"doe2019first": _count(count, date=date)})
        os.utime(src / "cv-metrics.json", ns=(10**18 + count, 10**18 + count))
        app = make_app("html", srcdir=src, parallel=2)
        app.build()
        assert set(_counts_shown(out, everything).values()) == {f"Cited by {count}"}
    (src / "cv-metrics.json").unlink()
    app = make_app("html", srcdir=src, parallel=2)
    app.build()
    assert set(_counts_shown(out, everything).values()) == {""}
