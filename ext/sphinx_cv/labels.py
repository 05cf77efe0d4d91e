"""Every word the extension writes on a page, in one catalogue, and the one render context.

Each label is an English message id translated through the ``sphinx_cv``
message catalog (``locales/<language>/LC_MESSAGES/sphinx_cv.po``). Lists,
timelines, profiles and publication pages all take their labels from
:func:`render_context`, so a word is the same wherever it is shown: with
``language = "de"`` the list and the paper's own page both say "Auszeichnung".
"""

from __future__ import annotations

from sphinx.config import Config

from .core.authors import DEFAULT_NOTES
from .core.bib import KIND_LABELS
from .core.dates import SEASON_LABELS
from .core.links import DEFAULT_LINK_FIELDS
from .core.model import CONTACT_FIELDS
from .i18n import _, counted, localized_strftime, number_format, season_labels
from .inline import InlineParser, literal_text
from .render import RenderContext

#: names, said the same in every language: never translated
NAMES = frozenset({"Google Scholar", "GitHub", "ORCID", "LinkedIn", "BibTeX"})
#: link labels that are words ("Code", "Slides"); the others are names (arXiv, DOI, PubMed...)
LINK_WORDS = ("Link", "Supp", "Code", "Slides", "Video", "Poster", "Blog", "Website")

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
            # the default link labels that are words (a label of the site's own passes as written)
            *(label for label in DEFAULT_LINK_FIELDS.values() if label in LINK_WORDS),
        )
    )
)
#: every message id of the catalog: the labels, and the words said elsewhere (dates, "et al.", the PDF footer)
CATALOGUE: tuple[str, ...] = tuple(
    dict.fromkeys(
        (
            *(label for label in LABELS if label not in NAMES),
            "Present",  # cv_present_label's default
            "et al.",  # cv_et_al's default
            *SEASON_LABELS.values(),
            "Curriculum Vitae",  # the PDF's footer (i18n.latex_labels)
            "page {} of {}",
        )
    )
)


def translated_labels(labels: tuple[str, ...] = LABELS) -> dict[str, str]:
    """The catalogue in the project's language."""
    return {label: _(label) for label in labels}


def render_context(
    config: Config, labels: dict[str, str], inline: InlineParser = literal_text
) -> RenderContext:
    """Date format, month and season names, labels and author-list settings of this project."""
    language = config.language or "en"
    return RenderContext(
        date_format=config.cv_date_format,
        present_label=_(config.cv_present_label),
        strftime=lambda fmt, date: localized_strftime(fmt, date, language),
        seasons=season_labels(language),
        inline=inline,
        labels=labels,
        counted=counted,
        max_authors=int(config.cv_max_authors or 0),
        et_al=_(config.cv_et_al or "et al."),
        number=number_format(language),
    )
