"""Twenty-three languages: catalogs, dates as CLDR writes them, seasons, plurals, right-to-left pages, PDFs.

The catalogs are checked as shipped (every label of ``labels.LABELS`` and every
other word the code asks for translated in every language, the compiled ``.mo``
in step with its ``.po``, placeholders kept, one plural form per CLDR category);
the rest on real builds of ``tests/roots/test-rtl``, which has an Arabic profile
(with citation counts) and caption, English entries and publications, months, a
season, a day and "present": once per shipped language (HTML and LaTeX), the page and the PDF's
source say each word as the catalog and CLDR do.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from bs4 import BeautifulSoup
from conftest import ROOTS, main_of, soup_of, warnings_of
from sphinx import locale as sphinx_locale
from sphinx.builders.latex.util import ExtBabel
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import patch_docutils

from sphinx_cv.i18n import MESSAGE_CATALOG, counted, is_rtl, localized_strftime, ltr_runs
from sphinx_cv.labels import CATALOGUE, LABELS, NAMES

LOCALES = Path(__file__).parent.parent / "ext" / "sphinx_cv" / "locales"
SHIPPED = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / "sphinx_cv.po").is_file())
RIGHT_TO_LEFT = ("ar", "he", "fa")


def _msgids() -> set[str]:
    """Every message id of the catalogue (``sphinx_cv.labels``)."""
    return set(CATALOGUE)


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALES / lang / "LC_MESSAGES" / "sphinx_cv.po").open("rb") as po:
        return read_po(po)


# ---- the catalogs ------------------------------------------------------------------------------------------


def test_at_least_twenty_languages_with_three_right_to_left() -> None:
    assert len(SHIPPED) >= 20, SHIPPED
    assert {"de", "es", "fr", "it", "zh_CN", *RIGHT_TO_LEFT} <= set(SHIPPED)
    assert [lang for lang in SHIPPED if is_rtl(lang)] == sorted(RIGHT_TO_LEFT)


def test_english_direction_without_babel_agrees_with_babel() -> None:
    for tag in ("en", "en-GB", "en_US", "en-IN", "en_Dsrt", "ar", "he", "de"):
        order = Locale.parse(tag.replace("-", "_")).character_order
        assert is_rtl(tag) is (order == "right-to-left"), tag
    assert is_rtl(None) is False


#: a label the code asks for by its English words: ``ctx.label("Abstract")``, ``_("Curriculum Vitae")``...
_ASKED = re.compile(r"""(?:\b_|\blabel|\bcounted)\(\s*(["'])(.+?)\1""")


def test_the_catalogue_holds_every_label_the_code_asks_for() -> None:
    """``labels.LABELS`` (every UI word) is in the catalogue but for names, and so is every word the
    code asks the catalog for by name; a label added without a catalogue entry fails here."""
    assert set(LABELS) >= NAMES  # "GitHub", "BibTeX": names, the same in every language
    assert set(LABELS) - NAMES <= set(CATALOGUE)
    asked = {
        found[2]
        for module in (Path(__file__).parent.parent / "ext" / "sphinx_cv").rglob("*.py")
        for found in _ASKED.finditer(module.read_text(encoding="utf-8"))
    }
    assert {"Abstract", "Cite", "Download", "and {} more", "Curriculum Vitae"} <= asked  # the scan finds them
    assert sorted(asked - set(CATALOGUE) - NAMES) == []


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_label_translated(lang: str) -> None:
    """Each label the code asks for has a translation, placeholders kept, one form per plural category."""
    catalog = _catalog(lang)
    wanted = _msgids()
    found = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}
    assert sorted(wanted - set(found)) == [], f"{lang}: untranslated"
    assert sorted(set(found) - wanted) == [], f"{lang}: labels nothing asks for"
    forms = catalog.num_plurals
    for msgid, message in found.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{lang}: {msgid!r} is empty"
        assert not message.fuzzy, f"{lang}: {msgid!r} is fuzzy"
        if isinstance(message.id, tuple):
            assert len(strings) == forms, f"{lang}: {msgid!r} needs {forms} plural forms"
        wanted_braces = msgid.count("{}")
        for s in strings:  # a plural form may say the number in words ("two others")
            assert s.count("{}") == wanted_braces or (isinstance(message.id, tuple) and "{}" not in s), (
                lang,
                s,
            )


@pytest.mark.parametrize("lang", SHIPPED)
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    """The committed ``.mo`` says what the ``.po`` says (``python tools/compile_catalogs.py`` was run),
    and picks plural forms by CLDR's rules for the language."""
    with (LOCALES / lang / "LC_MESSAGES" / "sphinx_cv.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    catalog = _catalog(lang)
    rule = gettext.c2py(catalog.plural_expr)
    numbers = [*range(200), 1000, 10**6]
    assert [compiled.plural(n) for n in numbers] == [rule(n) for n in numbers], lang
    # the forms follow CLDR's plural categories: numbers of one category always share a form
    category = Locale.parse(lang).plural_form
    forms = {category(n): rule(n) for n in numbers}
    assert all(forms[category(n)] == rule(n) for n in numbers), f"{lang}: a CLDR category has two forms"
    assert catalog.num_plurals <= len(forms), f"{lang}: more forms than CLDR has categories"
    for message in catalog:
        if isinstance(message.id, tuple):
            for n in numbers:
                assert compiled.ngettext(*message.id, n) == message.string[rule(n)], (lang, n)
        elif message.id:
            assert compiled.gettext(message.id) == message.string, (lang, message.id)


@pytest.mark.parametrize(
    ("lang", "count", "said"),
    [
        ("ar", 2, "وآخران"),  # dual: the number is in the word
        ("ar", 3, "و3 آخرين"),
        ("ar", 11, "و11 آخرًا"),
        ("ar", 100, "و100 آخر"),
        ("cs", 3, "a 3 další"),
        ("cs", 5, "a 5 dalších"),
        ("pl", 22, "i 22 innych autorów"),
        ("ru", 21, "и ещё 21"),
        ("de", 7, "und 7 weitere"),
        ("ja", 7, "ほか 7 名"),
    ],
)
def test_and_n_more_takes_the_plural_form_of_its_number(lang: str, count: int, said: str) -> None:
    """CLDR's plural rules (through the catalog's Plural-Forms) pick the form, as a build does."""
    key = ("general", MESSAGE_CATALOG)
    saved = sphinx_locale.translators.pop(key, None)
    try:
        sphinx_locale.init([str(LOCALES)], lang, MESSAGE_CATALOG)
        assert counted("and {} more", count) == said
    finally:
        sphinx_locale.translators.pop(key, None)
        if saved is not None:
            sphinx_locale.translators[key] = saved


# ---- every language, built --------------------------------------------------------------------------------

#: a second list in the built copy of tests/roots/test-rtl: grouped by type, a thesis, author notes
_KINDS_PAGE = """:orphan:

Kinds
=====

.. cv-publications::
   :group-by: type
   :keys: doe2020sharp, roe2022thesis
"""
_MORE_BIB = """@phdthesis{roe2022thesis,
  author    = {John Roe and Jane Doe},
  author+an = {1=equal; 2=corresponding},
  title     = {A Thesis},
  school    = {University of Examples},
  year      = {2022}
}
"""


def _sphinx_warns(lang: str, builder: str) -> str:
    """What Sphinx itself says of a language it has no LaTeX name for (Persian, Hindi, Korean)."""
    if builder != "latex" or ExtBabel(lang, True).is_supported_language():
        return ""
    return f"WARNING: no Babel option known for language {lang!r}"


def _built_in(tmp_path: Path, lang: str, builder: str) -> Path:
    src = _copy_root(tmp_path / builder)
    (src / "kinds.rst").write_text(_KINDS_PAGE, encoding="utf-8")
    (src / "more.bib").write_text(_MORE_BIB, encoding="utf-8")
    overrides = {"language": lang, "cv_publication_pages": True, "bibtex_bibfiles": ["refs.bib", "more.bib"]}
    warnings = io.StringIO()
    # as sphinx-build does: docutils without its own rST words for a language (Greek, Hindi...)
    # then says nothing, instead of warning that it falls back to English
    with patch_docutils(src):
        app = SphinxTestApp(builder, srcdir=src, confoverrides=overrides, warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
    said = {line for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue()).splitlines() if line}
    assert said <= {_sphinx_warns(lang, builder)}, said
    return Path(app.outdir)


def _texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [e.get_text().strip() for e in soup.select(selector)]


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_language_speaks_on_the_page(tmp_path: Path, lang: str) -> None:
    """A build in each shipped language shows the catalog's words (labels, "Present", seasons, the
    plural of "and N more", citation counts, the PDF's footer and "et al.") and CLDR's months and
    numbers, and no English label."""
    with (LOCALES / lang / "LC_MESSAGES" / "sphinx_cv.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    t = catalog.gettext
    html = _built_in(tmp_path, lang, "html")
    page = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert _texts(page, ".cv-contact-label") == [
        f"{t(w)}:" for w in ("Email", "Homepage", "GitHub", "Location")
    ]
    assert _texts(page, ".cv-contact-pdf .cv-contact-text") == [t("CV (PDF)")]
    september = str(format_skeleton("yMMM", dt.date(2019, 9, 1), locale=lang))
    march_14 = str(format_skeleton("yMMMd", dt.date(2020, 3, 14), locale=lang))
    times = _texts(page, "#work .cv-dates time")
    assert times[:3] == [september, t("Present"), march_14]
    assert t("Fall {}").replace("{}", "2007") in times and t("Spring {}").replace("{}", "2009") in times
    assert _texts(page, "#doe2021team .cv-authors-more > summary") == [
        catalog.ngettext("and {} more", "and {} more", 3).replace("{}", "3")
    ]
    assert _texts(page, "#doe2021team .cv-pub-abstract > summary") == [t("Abstract")]
    bibtex = page.select_one("#doe2021team details.cv-pub-bibtex")
    assert bibtex is not None and (bibtex["data-copy"], bibtex["data-copied"]) == (t("Copy"), t("Copied"))
    assert _texts(page, "#doe2020sharp a.cv-pub-link:not(.cv-pub-cited)") == ["DOI", t("Code")]
    assert _texts(page, ".cv-metrics-label") == [t("Citations"), t("h-index")]
    assert _texts(page, "#doe2020sharp .cv-pub-cited") == [
        t("Cited by {}").replace("{}", format_decimal(1215, locale=lang))
    ]
    kinds = BeautifulSoup((html / "kinds.html").read_text(encoding="utf-8"), "html.parser")
    assert _texts(kinds, ".cv-pub-group-title") == [t("Conference papers"), t("Theses")]
    legend = _texts(kinds, ".cv-pub-legend")
    assert legend == [f"*\u2009{t('Equal contribution')}; †\u2009{t('Corresponding author')}"], legend
    own = BeautifulSoup(
        (html / "publications" / "doe2020sharp.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [t("Abstract"), t("Cite")] == _texts(own, ".cv-pub-page-heading")
    assert f"{t('Download')}:" in own.get_text()
    shown = " ".join(
        e.get_text(" ") for e in page.select(".cv-profile, .cv-timeline, .cv-pub-actions, .cv-authors-more")
    )
    english = [
        w for w in CATALOGUE if "{" not in w and t(w) != w and re.search(rf"\b{re.escape(w)}\b", shown)
    ]
    assert english == [], f"{lang}: English labels on the page"
    tex = (_built_in(tmp_path, lang, "latex") / "cv-rtl.tex").read_text(encoding="utf-8")
    assert rf"\renewcommand{{\sphinxcvdocumentname}}{{{t('Curriculum Vitae')}}}" in tex
    footer = t("page {} of {}").replace("{}", "#1", 1).replace("{}", "#2", 1)
    assert rf"\renewcommand{{\sphinxcvpageof}}[2]{{{footer}}}" in tex
    assert t("et al.") in tex and "et al." not in tex.replace(t("et al."), "")


# ---- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "fmt", "shown"),
    [
        ("zh_CN", "%b %Y", "2019年9月"),  # CLDR's order, not the format's
        ("ja", "%b %Y", "2019年9月"),
        ("ko", "%b %Y", "2019년 9월"),
        ("ja", "%-d %b %Y", "2019年9月14日"),  # a day date (format_date puts %-d in front)
        ("zh_CN", "%m/%Y", "09/2019"),  # a format of the site's own keeps its order
        ("ar", "%B %Y", "سبتمبر 2019"),
    ],
)
def test_default_formats_follow_cldr(lang: str, fmt: str, shown: str) -> None:
    assert localized_strftime(fmt, dt.date(2019, 9, 14), lang) == shown


@pytest.mark.sphinx("html", testroot="rtl", confoverrides={"language": "de"}, freshenv=True)
def test_seasons_and_present_in_the_page_language(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    times = [t.get_text() for t in main_of(app).select(".cv-dates time")]
    assert "Herbst 2007" in times and "Frühjahr 2009" in times and "heute" in times
    assert "Sept. 2019" in times or "Sep. 2019" in times  # CLDR's abbreviation (it changed between versions)
    assert warnings_of(app) == ""


@pytest.mark.sphinx("html", testroot="rtl", confoverrides={"language": "en"}, freshenv=True)
def test_english_seasons_are_shown_as_written(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    times = [t.get_text() for t in main_of(app).select(".cv-dates time")]
    assert "Fall 2007" in times and "Spring 2009" in times and "Sep 2019" in times


# ---- right to left: the HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
@pytest.mark.parametrize("theme", ["furo", "alabaster"])
def test_right_to_left_pages_say_so(tmp_path: Path, lang: str, theme: str) -> None:
    """``<html dir="rtl" lang>`` on every page, whatever the theme, under ``-W`` strictness."""
    app = SphinxTestApp(
        "html",
        srcdir=_copy_root(tmp_path),
        confoverrides={"language": lang, "html_theme": theme, "cv_publication_pages": True},
    )
    try:
        app.build()
        assert warnings_of(app) == ""
        pages = sorted(Path(app.outdir).rglob("*.html"))
        assert len(pages) >= 5  # index, search, genindex and a page per publication
        for page in pages:
            tag = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"))
            assert tag is not None and 'dir="rtl"' in tag[0] and f'lang="{lang}"' in tag[0], (page, tag)
        labels = [s.get_text() for s in soup_of(app).select(".cv-pub-actions summary")]
        assert labels and "Abstract" not in labels  # the toggles speak the language
        links = [a.get_text() for a in soup_of(app).select("a.cv-pub-link")]
        assert {"ar": "الشيفرة", "he": "קוד", "fa": "کد"}[lang] in links and "DOI" in links, links
    finally:
        app.cleanup()


@pytest.mark.sphinx(
    "html",
    testroot="rtl",
    confoverrides={"language": "de", "cv_link_fields": {"doi": "DOI", "code": "Quelltext"}},
    freshenv=True,
)
def test_left_to_right_pages_are_left_alone(app) -> None:  # type: ignore[no-untyped-def]
    """No ``dir``; a link label of the site's own is shown as written."""
    app.build()
    assert 'dir="rtl"' not in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    links = [a.get_text() for a in main_of(app).select("a.cv-pub-link:not(.cv-pub-cited)")]
    assert links == ["DOI", "Quelltext"], links


def test_latin_runs() -> None:
    """A Latin phrase (its commas and spaces inside) is one run; neutral text around it is not."""
    assert ltr_runs("نص Jane Doe, John Roe. نص") == [
        ("نص ", False),
        ("Jane Doe, John Roe", True),
        (". نص", False),
    ]
    assert ltr_runs("2019 – 2020") == [("2019 – 2020", False)]
    assert ltr_runs("Jane") == [("Jane", True)]


def test_numbers_in_right_to_left_text() -> None:
    """Digits where a browser's bidi algorithm puts them: in the Latin run before them (W7), and a
    number with separators inside as one left-to-right unit (W4), so the PDF reads as the page."""
    metrics = ltr_runs(" (OpenAlex، 2025-01-06)")
    assert metrics == [(" (", False), ("OpenAlex، 2025-01-06", True), (")", False)]
    assert ltr_runs("نص 2025-01-06 نص") == [("نص ", False), ("2025-01-06", True), (" نص", False)]
    assert ltr_runs("الاستشهادات 1,215") == [("الاستشهادات ", False), ("1,215", True)]
    assert ltr_runs("arXiv:2101.00001 نص") == [("arXiv:2101.00001", True), (" نص", False)]
    assert ltr_runs("نص 2019 – 2020 نص") == [("نص 2019 – 2020 نص", False)]


# ---- right to left: the PDF --------------------------------------------------------------------------------


def _copy_root(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-rtl", src)
    return src


def _latex(tmp_path: Path, lang: str) -> Path:
    app = SphinxTestApp("latex", srcdir=_copy_root(tmp_path), confoverrides={"language": lang})
    try:
        app.build()
        assert warnings_of(app) == ""
        return Path(app.outdir)
    finally:
        app.cleanup()


def test_latex_loads_the_language_after_every_package(tmp_path: Path) -> None:
    """bidi (loaded by polyglossia for Arabic) must come last; Latin phrases are marked."""
    tex = (_latex(tmp_path, "ar") / "cv-rtl.tex").read_text(encoding="utf-8")
    assert tex.index(r"\setmainlanguage[numerals=maghrib]{arabic}") > tex.index(r"\usepackage{hyperref}")
    assert tex.count(r"\setmainlanguage") == 1
    assert r"\newfontfamily\arabicfont[Script=Arabic]{Amiri}" in tex
    assert r"\sphinxcvtitle{\sphinxcvltr{Research Scientist}}" in tex
    assert r"\renewcommand{\sphinxcvdocumentname}{السيرة الذاتية}" in tex


TEX_TOOLS = ("xelatex", "latexmk", "pdftotext", "kpsewhich")


def _need_tex() -> None:
    missing = [tool for tool in TEX_TOOLS if shutil.which(tool) is None]
    bidi = not missing and subprocess.run(["kpsewhich", "bidi.sty"], capture_output=True, check=False).stdout
    if not missing and bidi:
        return
    message = "xelatex, latexmk, poppler and texlive-lang-arabic (bidi.sty) are needed (README, 'PDF')"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (.ci/run installs them)")
    pytest.skip(message)


def _words(pdf: Path) -> list[tuple[str, float]]:
    """Each word of the first page with its left edge (``pdftotext -bbox``)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(w, float(x)) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)]


@pytest.mark.parametrize("lang", ["ar", "he"])
def test_right_to_left_pdf_builds_and_mirrors(tmp_path: Path, lang: str) -> None:
    """xelatex compiles it; dates stand right of their entries; Latin names read left to right."""
    _need_tex()
    out = _latex(tmp_path, lang)
    done = subprocess.run(
        ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", "cv-rtl.tex"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    pdf = out / "cv-rtl.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Jane Doe" in text and "Doe Jane" not in text
    assert "2025-01-06" in text and "06-01-2025" not in text  # the metrics' date, read as the page shows it
    assert "Research Scientist" in text and "Scientist Research" not in text
    present = {"ar": "حتى الآن", "he": "עד היום"}[lang]
    assert present.split()[-1] in text
    x: dict[str, float] = {}  # each word's rightmost place ("2021" is a venue's year and a group's)
    for word, left in _words(pdf):
        x[word.strip(",.")] = max(left, x.get(word.strip(",."), 0.0))
    assert x["2012"] > x["Intern"], "the date column is not on the right"
    assert x["2021"] > x["Journal"], "the year column is not on the right"
