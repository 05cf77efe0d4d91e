"""Every word the extension writes on a page, in one catalogue, and the one render context.

Each label is an English message id translated through the ``sphinx_cv``
message catalog (``locales/<language>/LC_MESSAGES/sphinx_cv.po``). Lists,
timelines, profiles and publication pages all take their labels from
:func:`render_context`, so a word is the same wherever it is shown: with
``language = "de"`` the list and the paper's own page both say "Auszeichnung".
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.util.i18n import format_date as sphinx_format_date

from .core.authors import DEFAULT_NOTES
from .core.bib import KIND_LABELS
from .core.dates import english_handles, english_strftime
from .core.model import CONTACT_FIELDS
from .inline import InlineParser, literal_text
from .render import RenderContext

MESSAGE_CATALOG = "sphinx_cv"
_ = get_translation(MESSAGE_CATALOG)

#: the catalogue: every UI label the renderer asks for
LABELS: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            *(label for _kind, label in CONTACT_FIELDS),
            "Location",
            "full",  # the full CV among its variants' PDFs ("CV (PDF): full · short")
            # talks, teaching, grants and news (core/kinds.py)
            "online",
            "Slides",
            "Video",
            "Event",
            # citation counts (cv_metrics_file): a profile's totals, an entry's badge
            "Citations",
            "h-index",
            "Cited by {}",
            # publication lists
            "Abstract",
            "BibTeX",
            "Copy",
            "Copied",
            "Undated",
            "Award",
            "and {} more",
            *DEFAULT_NOTES.values(),
            *KIND_LABELS.values(),
            # a list's filter (:controls:)
            "Search",
            "Year",
            "Type",
            "Tags",
            "Selected",
            "Publications shown: {shown} of {total}",
            # a publication's own page
            "Cite",
            "Download",
        )
    )
)


def translated_labels(labels: tuple[str, ...] = LABELS) -> dict[str, str]:
    """The catalogue in the project's language."""
    return {label: _(label) for label in labels}


@lru_cache(maxsize=4096)
def _localized_date(fmt: str, date: _dt.date, language: str) -> str:
    """Month names in the project's language (babel is slow, CVs repeat months: cached)."""
    moment = _dt.datetime(date.year, date.month, date.day, tzinfo=_dt.timezone.utc)
    return sphinx_format_date(fmt, date=moment, language=language)


def localized_strftime(fmt: str, date: _dt.date, language: str) -> str:
    """Month names in the project's language.

    English dates skip babel: loading its locale data and formatting each
    date through it cost more than a hundred timeline entries did.
    """
    if language == "en" and english_handles(fmt):
        return english_strftime(fmt, date)
    return _localized_date(fmt, date, language)


def number_format(language: str) -> Callable[[int], str]:
    """Whole numbers as the language writes them ("1,215", "1.215", "1 215"); English without babel."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        language = "en"  # a language babel does not know: Sphinx warns about it already
    if language == "en":
        return "{:,}".format
    return lambda n: format_decimal(n, locale=language.replace("-", "_"))


def render_context(
    config: Config, labels: dict[str, str], inline: InlineParser = literal_text
) -> RenderContext:
    """Date format, month names, labels and author-list settings of this project."""
    language = config.language or "en"
    return RenderContext(
        date_format=config.cv_date_format,
        present_label=_(config.cv_present_label),
        strftime=lambda fmt, date: localized_strftime(fmt, date, language),
        inline=inline,
        labels=labels,
        max_authors=int(config.cv_max_authors or 0),
        et_al=str(config.cv_et_al or "et al."),
        number=number_format(language),
    )
