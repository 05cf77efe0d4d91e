"""What follows the project's ``language``: dates as CLDR writes them, season names, the direction.

Words that CLDR has come from it through Babel (which Sphinx depends on): month
names and the order and punctuation of a date ("Sept. 2019", "2019年9月",
"2019년 9월"), and whether the script runs right to left. Words it lacks
(labels, "Present", seasons) come from the extension's message catalog.
Sphinx and the themes write ``<html lang>`` but no ``dir``: a right-to-left
page gets it here, so the browser and our stylesheet's logical properties
mirror the layout.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation, get_translator
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import format_date as sphinx_format_date

from .core.dates import SEASON_LABELS, english_handles, english_strftime
from .nodes import cv_contact, cv_heading, cv_ltr, cv_name, cv_profile, cv_publications, cv_timeline

MESSAGE_CATALOG = "sphinx_cv"
_ = get_translation(MESSAGE_CATALOG)

#: ``cv_date_format`` values (and the day-bearing forms :func:`~.core.dates.format_date` makes of
#: them) that are written as CLDR writes them in each language; other formats keep their order
CLDR_SKELETONS = {"%b %Y": "yMMM", "%-d %b %Y": "yMMMd", "%B %Y": "yMMMM", "%-d %B %Y": "yMMMMd"}

TEMPLATES = Path(__file__).parent / "templates"
#: wraps the theme's page template, adding ``dir="rtl"`` to its ``<html>`` tag
RTL_TEMPLATE = "sphinx-cv-rtl.html"


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def is_rtl(language: str | None) -> bool:
    """Whether CLDR writes ``language`` right to left (Arabic, Hebrew, Persian, Urdu...).

    English, the default, is answered without Babel: loading its locale data
    took 16 ms of every build's start.
    """
    if not language or language == "en" or language.startswith(("en-", "en_")):
        return False
    locale = _locale(language)
    return locale is not None and locale.character_order == "right-to-left"


@lru_cache(maxsize=4096)
def _localized_date(fmt: str, date: _dt.date, language: str) -> str:
    """One date in ``language`` (Babel is slow and CVs repeat months: cached)."""
    skeleton = CLDR_SKELETONS.get(fmt)
    locale = _locale(language)
    if skeleton and locale is not None:
        return str(format_skeleton(skeleton, date, locale=locale))
    moment = _dt.datetime(date.year, date.month, date.day, tzinfo=_dt.timezone.utc)
    return sphinx_format_date(fmt, date=moment, language=language)


@lru_cache(maxsize=4096)
def localized_strftime(fmt: str, date: _dt.date, language: str) -> str:
    """A date in the project's language, remembered (a CV shows the same months again and again).

    English skips Babel (loading its data and formatting each date through it
    cost more than a hundred timeline entries did) and keeps the format's own
    order ("14 Sep 2019").
    """
    if language == "en" and english_handles(fmt):
        return english_strftime(fmt, date)
    return _localized_date(fmt, date, language)


def number_format(language: str) -> Callable[[int], str]:
    """Whole numbers as the language writes them ("1,215", "1.215", "1 215"); English without babel."""
    locale = _locale(language)  # None for a language babel does not know: Sphinx warns about it already
    if locale is None or language == "en":
        return "{:,}".format
    return lambda n: format_decimal(n, locale=locale)


def counted(msgid: str, count: int) -> str:
    """A label with a number ("and {} more") in the plural form the language's CLDR rules pick.

    Arabic has six forms, Polish and Czech three: the catalog's ``Plural-Forms``
    (from Babel) chooses among its translations.
    """
    return get_translator(MESSAGE_CATALOG).ngettext(msgid, msgid, count).replace("{}", str(count))


def season_labels(language: str) -> dict[str, str]:
    """Season -> "Herbst {}" for the seasons the catalog translates; English keeps the words as written."""
    if language.startswith("en"):
        return {}
    return {season: _(msgid) for season, msgid in SEASON_LABELS.items() if _(msgid) != msgid}


def latex_labels(config: Config) -> str:
    """The PDF footer's words in the project's language, for the top of the LaTeX preamble.

    Only where the catalog translates them, so an English build writes nothing
    and ``latex_elements["preamble"]`` (after this) still overrides them.
    """
    name, page_of = _("Curriculum Vitae"), _("page {} of {}")
    lines = []
    if name != "Curriculum Vitae":
        lines.append(rf"\renewcommand{{\sphinxcvdocumentname}}{{{name}}}")
    if page_of != "page {} of {}":
        macro = page_of.replace("{}", "#1", 1).replace("{}", "#2", 1)
        lines.append(rf"\@ifpackageloaded{{lastpage}}{{\renewcommand{{\sphinxcvpageof}}[2]{{{macro}}}}}{{}}")
    if not lines or not config.cv_latex_style:
        return ""
    return "\\makeatletter\n" + "\n".join(lines) + "\n\\makeatother\n"


#: polyglossia languages in the Arabic script, which FreeSerif (Sphinx's font under xelatex) lacks in italic
ARABIC_SCRIPT = ("arabic", "persian", "farsi", "urdu")
#: polyglossia's names of right-to-left languages Sphinx has no LaTeX name for
POLYGLOSSIA = {"fa": "persian", "ur": "urdu", "ckb": "kurdish", "ug": "uyghur"}
_MAINLANGUAGE = re.compile(r"\\setmainlanguage(?:\[[^\]]*\])?\{(\w+)\}")


def _config_inited(app: Sphinx, config: Config) -> None:
    """Right-to-left: our page template on the theme's.

    Here, not at ``builder-inited``, as with the static path: incremental builds
    must not see a changed configuration every time.
    """
    if is_rtl(config.language) and str(TEMPLATES) not in map(str, config.templates_path):
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _latex_context(app: Sphinx) -> None:
    r"""The PDF in the project's language: the footer's words, and right-to-left languages that build.

    Sphinx writes polyglossia's ``\setmainlanguage`` before its own packages; for a
    right-to-left language that loads ``bidi``, which must come after every package
    it adapts (xcolor, hyperref...), and the build stops. The line moves to the top
    of the preamble, after all packages. Arabic-script languages get Amiri (Debian's
    fonts-hosny-amiri, which texlive-lang-arabic brings) when it is installed.
    """
    builder = app.builder
    context: dict[str, Any] | None = getattr(builder, "context", None)
    if builder.format != "latex" or context is None:
        return
    first = latex_labels(app.config)
    multilingual = str(context.get("multilingual", ""))
    found = _MAINLANGUAGE.search(multilingual)
    if found and is_rtl(app.config.language) and app.config.latex_engine == "xelatex":
        main = found[0]
        name = found[1]
        if name == "english":  # Sphinx knows no LaTeX name for this language ("fa") and warned
            name = POLYGLOSSIA.get(str(app.config.language).split("_")[0], name)
            main = rf"\setmainlanguage{{{name}}}"
        if main == r"\setmainlanguage{arabic}":  # page numbers in the digits CLDR and the dates use
            main = r"\setmainlanguage[numerals=maghrib]{arabic}"
        font = ""
        if name in ARABIC_SCRIPT:
            font = rf"\IfFontExistsTF{{Amiri}}{{\newfontfamily\{name}font[Script=Arabic]{{Amiri}}}}{{}}"
        context["multilingual"] = multilingual.replace(found[0], font)
        # Latin phrases in English and its font (sphinxcv.sty's \sphinxcvltr), not in the Arabic one's
        first = main + "\n\\setotherlanguage{english}\n" + first
    if first:
        context["preamble"] = first + str(context.get("preamble", ""))


def _page_direction(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``<html dir="rtl">`` on every page of a right-to-left project, whatever the theme.

    Our template includes the theme's and adds the attribute. Connected last, and
    Sphinx takes the first template a handler returns: another extension's choice wins.
    """
    if not is_rtl(app.config.language):
        return None
    context["cv_page_template"] = templatename
    return RTL_TEMPLATE


def _strong_direction(char: str) -> str:
    """``L``, ``R`` (Hebrew, Arabic...) or ``""`` for characters without a direction of their own."""
    kind = unicodedata.bidirectional(char)
    return "L" if kind == "L" else "R" if kind in ("R", "AL") else ""


#: numbers joined by single separators ("2025-01-06", "1,234", "2101.00001"): one number to the Unicode
#: bidi algorithm (rule W4 makes its separators part of it), but words of their own to XeTeX
_NUMBER = re.compile(r"[0-9\u06f0-\u06f9]+(?:[-+,./:\u00a0][0-9\u06f0-\u06f9]+)+")


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(part, left_to_right)``: each run from a left-to-right letter to the last one
    before right-to-left text, so "Jane Doe, John Roe" is one run and the spaces around it are not.

    Digits are placed as the Unicode bidi algorithm places them in a browser: after Latin text they
    belong to it ("OpenAlex, 2025"; rule W7), and a number with separators inside reads left to right
    ("2025-01-06", not "06-01-2025"; W4); numbers apart in right-to-left text ("2019 – 2020") are not runs.
    """
    parts: list[tuple[str, bool]] = []
    start = end = -1  # the open run: its first and last left-to-right letter
    done = 0
    numbers = {index for match in _NUMBER.finditer(text) for index in range(*match.span())}
    latin = False  # the last strong character was left to right
    for index, char in enumerate(text):
        kind = _strong_direction(char)
        if kind:
            latin = kind == "L"
        elif index in numbers or (latin and unicodedata.bidirectional(char) == "EN"):
            kind = "L"
        if kind == "L":
            start = index if start < 0 else start
            end = index
        elif kind == "R" and start >= 0:
            parts += [(text[done:start], False), (text[start : end + 1], True)]
            done, start = end + 1, -1
    if start >= 0:
        parts += [(text[done:start], False), (text[start : end + 1], True)]
        done = end + 1
    parts.append((text[done:], False))
    return [part for part in parts if part[0]]


#: our parts of a page whose text the right-to-left PDF orders
_OURS = (cv_timeline, cv_profile, cv_publications)


class LatinInRightToLeftPdf(SphinxPostTransform):
    r"""In a right-to-left PDF, left-to-right phrases of our parts in ``\sphinxcvltr{...}``.

    XeTeX's bidi orders the words of a Latin phrase right to left ("Doe Jane")
    unless told; a browser applies the Unicode bidi algorithm instead. A text
    block (a title, an author list, a paragraph) without right-to-left letters is
    one run; in a mixed one each Latin phrase is. The name and the contacts'
    labels are read as text by the writer, so their runs are marked inside them.
    """

    default_priority = 900  # after "et al." replaces "and 7 more"
    formats = ("latex",)

    def is_supported(self) -> bool:
        return (
            super().is_supported() and self.config.latex_engine == "xelatex" and is_rtl(self.config.language)
        )

    def run(self, **kwargs: Any) -> None:
        blocks: dict[int, nodes.TextElement] = {}  # a nested timeline is inside its entry's: once each
        for part in self.document.findall(lambda n: isinstance(n, _OURS)):
            blocks.update((id(b), b) for b in part.findall(nodes.TextElement) if self._is_block(b))
        for block in blocks.values():
            self._mark(block)

    @staticmethod
    def _is_block(node: nodes.TextElement) -> bool:
        """Text that is a unit of its own: not inside another one, except an entry's heading parts."""
        if isinstance(node, (nodes.FixedTextElement, nodes.raw, cv_heading, cv_ltr)):
            return False
        parent = node.parent
        return not isinstance(parent, nodes.TextElement) or isinstance(parent, cv_heading)

    @staticmethod
    def _mark(block: nodes.TextElement) -> None:
        kinds = {_strong_direction(char) for char in block.astext()}
        # the name and contacts are read as text by the writer: their runs are marked inside them
        if kinds <= {"", "L"} and "L" in kinds and not isinstance(block, (cv_contact, cv_name)):
            run = cv_ltr()
            run.extend(list(block.children))
            block.children = []
            block += run
            return
        for text in list(block.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.FixedTextElement, nodes.raw)):
                continue
            pieces = ltr_runs(str(text))
            if any(ltr for _part, ltr in pieces):
                replacement = [
                    cv_ltr("", nodes.Text(part)) if ltr else nodes.Text(part) for part, ltr in pieces
                ]
                text.parent.replace(text, replacement)


def setup_i18n(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG, str(Path(__file__).parent / "locales"))
    app.connect("config-inited", _config_inited, priority=400)
    app.connect("builder-inited", _latex_context)
    app.connect("html-page-context", _page_direction, priority=900)
    app.add_post_transform(LatinInRightToLeftPdf)
