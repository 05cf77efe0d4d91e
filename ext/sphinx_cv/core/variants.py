"""CV variants (``cv_variants``): the rules of each, and what they keep. No Sphinx, no docutils.

A variant is the main CV with parts left out: entries by tag, by date, whole
sections by heading, publications beyond a count; it has a title of its own
and a page budget. Here are the rules and the decisions, as plain data; the
glue (:mod:`sphinx_cv.variants`) applies them to each variant's LaTeX
document, and ``python -m sphinx_cv pages`` checks the budgets once TeX has
counted the pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .dates import SEASONS, CVDate, DateError, parse_date
from .model import parse_tags

#: what the builder writes next to the variants' .tex files: names, files and budgets
MANIFEST = "cv-variants.json"
#: a variant's name is part of a file name
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
#: TeX's own page count, at the end of every run's log (pdflatex, lualatex: .pdf; xelatex: .xdv)
_OUTPUT = re.compile(r"Output written on .*?\((\d+) pages?")

#: rule key -> what it takes, for messages and the README
RULES = {
    "title": "text",
    "label": "text",
    "tags": "a list of tags",
    "exclude_tags": "a list of tags",
    "drop_sections": "a list of headings",
    "since": "a date (2015, 2015-07, Jul 2015)",
    "max_publications": "a whole number",
    "pages": "a whole number of pages, at least 1",
}

#: (variant, rule key or "", message)
VariantProblem = tuple[str, str, str]


@dataclass(frozen=True)
class Variant:
    """One variant of the CV; an empty rule leaves its kind of content alone."""

    name: str
    title: str = ""  #: the document's title ("" : the main CV's)
    label: str = ""  #: the link text in a profile's PDF links ("" : the name)
    tags: frozenset[str] = frozenset()  #: keep tagged entries only with one of these (untagged stay)
    exclude_tags: frozenset[str] = frozenset()  #: leave out entries with any of these
    drop_sections: tuple[str, ...] = ()  #: headings whose sections are left out, as written
    since: CVDate | None = None  #: leave out entries that ended before this date
    max_publications: int | None = None  #: keep this many publications: the selected first, then the newest
    pages: int | None = None  #: the page budget
    rules: frozenset[str] = field(default=frozenset(), compare=False)  #: the keys it was given

    @property
    def link_text(self) -> str:
        return self.label or self.name

    def target(self, main: str) -> str:
        """The variant's file name beside the main one: ``cv.tex`` -> ``cv-short.tex``."""
        stem, dot, suffix = main.rpartition(".")
        return f"{stem}-{self.name}.{suffix}" if dot else f"{main}-{self.name}"

    def keeps_tags(self, tags: Iterable[str]) -> bool:
        """An entry without tags stays; one with tags goes if it has an excluded one, or none included."""
        own = set(tags)
        if own & self.exclude_tags:
            return False
        return not (self.tags and own and not own & self.tags)

    def keeps_date(self, last: str) -> bool:
        """Does an entry whose last date is ``last`` (ISO at its precision; "" for Present or unknown) stay?

        Each side is taken at the precision written: an entry that ended in
        2015 may have ended in December, so it stays with ``since: 2015-07``.
        """
        if self.since is None or self.since.year is None or not last:
            return True
        parts = [int(part) for part in last.split("-")]
        latest = (parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else 31)
        month = SEASONS[self.since.season] if self.since.season else self.since.month
        return latest >= (self.since.year, month or 1, self.since.day or 1)


def heading_key(text: str) -> str:
    """Headings compared as a reader would: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def _strings(value: object) -> list[str] | None:
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    if isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    return None


def _count(value: object, least: int) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= least else None


def _variant(name: str, rules: Mapping[object, object], problems: list[VariantProblem]) -> Variant:
    """One variant from its rules; a rule that is unknown or of the wrong kind is a problem and ignored."""
    found: dict[str, object] = {}
    for key, value in rules.items():
        rule = str(key)
        if rule not in RULES:
            problems.append((name, rule, f"unknown rule {rule!r} (the rules: {', '.join(RULES)})"))
            continue
        parsed: object = None
        if rule in ("title", "label"):
            parsed = value.strip() if isinstance(value, str) else None
        elif rule in ("tags", "exclude_tags"):
            strings = _strings(value)
            parsed = frozenset(parse_tags(strings)) if strings is not None else None
        elif rule == "drop_sections":
            strings = _strings(value)
            parsed = tuple(strings) if strings is not None else None
        elif rule == "since":
            try:
                parsed = parse_date(str(value)) if isinstance(value, str | int) else None
            except DateError:
                parsed = None
            if isinstance(parsed, CVDate) and parsed.year is None:
                parsed = None
        else:
            parsed = _count(value, 0 if rule == "max_publications" else 1)
        if parsed is None:
            problems.append((name, rule, f"{rule!r} must be {RULES[rule]}, not {value!r}; rule ignored"))
            continue
        found[rule] = parsed
    return Variant(name, rules=frozenset(found), **found)  # type: ignore[arg-type]


def parse_variants(config: object) -> tuple[list[Variant], list[VariantProblem]]:
    """``cv_variants`` as :class:`Variant` objects, and what was wrong with it.

    A variant whose name cannot be part of a file name, or whose rules are
    not a mapping, is left out; a bad rule is left out of its variant.
    """
    problems: list[VariantProblem] = []
    if not isinstance(config, Mapping):
        return [], [("", "", f"cv_variants must be a mapping of names to rules, not {type(config).__name__}")]
    found: list[Variant] = []
    for key, rules in config.items():
        name = str(key)
        if not _NAME.fullmatch(name):
            problems.append(
                (
                    name,
                    "",
                    "a variant's name is part of its file name: letters, digits, - and _ only; left out",
                )
            )
        elif not isinstance(rules, Mapping):
            problems.append((name, "", f"its rules must be a mapping, not {type(rules).__name__}; left out"))
        else:
            found.append(_variant(name, rules, problems))
    return found, problems


@dataclass(frozen=True)
class Candidate:
    """A publication as a count rule sees it."""

    key: str
    selected: bool
    order: tuple[int, int]  #: (year, month): newest first


def choose_publications(candidates: Iterable[Candidate], limit: int) -> set[str]:
    """The keys of the ``limit`` publications kept: the selected ones first, then the newest.

    Ties keep the order given (the lists' order), so the choice is stable.
    """
    ranked = sorted(candidates, key=lambda c: (not c.selected, (-c.order[0], -c.order[1])))
    return {c.key for c in ranked[:limit]}


# ---- the page budgets: after TeX ----------------------------------------------------------------


def write_manifest(folder: Path, entries: Iterable[tuple[Variant, str]]) -> None:
    """Record each variant's name, .tex file and budget where its PDF will be made."""
    data = {
        "variants": [
            {"name": v.name, "tex": tex, "pages": v.pages} for v, tex in entries
        ]  # pages: null without a budget
    }
    (folder / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def page_count(log: str) -> int | None:
    """The number of pages of the last run a LaTeX log records, or None without one."""
    found = _OUTPUT.findall(log)
    return int(found[-1]) if found else None


def check_pages(folder: Path) -> tuple[list[str], list[str]]:
    """(report lines, failures) for the variants built in ``folder``, from the manifest and TeX's logs.

    A failure names the variant and how far it is over its budget; a PDF that
    was not made (or is older than its .tex) is a failure too.
    """
    manifest = folder / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        listed = [(str(v["name"]), str(v["tex"]), v.get("pages")) for v in data["variants"]]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [], [f"{manifest}: no list of variants ({err}); build them first (sphinx-build -b cvvariants)"]
    lines: list[str] = []
    failures: list[str] = []
    for name, tex, budget in listed:
        stem = tex.removesuffix(".tex")
        pdf, log = folder / f"{stem}.pdf", folder / f"{stem}.log"
        count = page_count(log.read_text(encoding="utf-8", errors="replace")) if log.is_file() else None
        if count is None or not pdf.is_file() or pdf.stat().st_mtime < (folder / tex).stat().st_mtime:
            failures.append(f"{name}: {pdf.name} was not made from {tex}: run LaTeX first (make all-pdf)")
            continue
        pages = f"{count} page{'s' if count != 1 else ''}"
        if isinstance(budget, int) and count > budget:
            over = count - budget
            failures.append(
                f"{name}: {pdf.name} has {pages}, {over} over its budget of {budget} "
                f"(cv_variants[{name!r}]['pages'])"
            )
        lines.append(f"{name}: {pdf.name}: {pages}" + (f" (budget {budget})" if budget else ""))
    return lines, failures
