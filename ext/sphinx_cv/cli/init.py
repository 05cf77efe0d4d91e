"""``python -m sphinx_cv init --from resume.json``: a ready Sphinx site from a resume file.

Writes ``conf.py``, ``index.md`` (a ``cv-profile`` from the resume's header
and summary), ``cv.md`` (the profile, then one ``cv-timeline`` per non-empty
section, a ``cv-publications`` list for a section of papers) and a copy of
the data file, so the site keeps reading the resume: edit it, not
the pages. Every value taken from the resume is quoted or escaped, so
names and text with Markdown or MyST syntax are shown as written.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core.bibtex import source_of
from ..core.model import PROFILE_FIELDS as MODEL_PROFILE_FIELDS
from ..core.model import Person
from ..core.sources import DataFile, SourceError, load
from ..core.sources.common import MD_LINK, NETWORKS
from ..core.sources.profiles import OtherProfile, other_profiles
from ..core.sources.publications import is_publication, publication_entries
from ..core.sources.rendercv import summary_of
from ..core.urls import safe_url

#: profile options of ``cv-profile`` filled from the resume (no photo: only URLs are known there)
PROFILE_FIELDS = tuple(f for f in MODEL_PROFILE_FIELDS if f != "photo")
INLINE_FIELDS = ("tagline", "location")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|:~$&\"'=^@%])")


def escape_markdown(text: str) -> str:
    """Text shown as written in MyST: every ASCII punctuation backslash-escaped, whitespace collapsed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def markdown_paragraph(text: str) -> str:
    """Escaped text that keeps ``[text](url)`` links whose URL is safe."""
    parts: list[str] = []
    last = 0
    for match in MD_LINK.finditer(text):
        parts.append(escape_markdown(text[last : match.start()]))
        url = safe_url(match["url"])
        label = escape_markdown(match["text"])
        parts.append(f"[{label}](<{url}>)" if url and "<" not in url and ">" not in url else label)
        last = match.end()
    parts.append(escape_markdown(text[last:]))
    return "".join(parts).strip()


def option(name: str, value: str) -> str:
    """A MyST directive option line; the value is a YAML double-quoted string, so ``:`` and ``#`` are safe."""
    return f":{name}: {json.dumps(' '.join(value.split()), ensure_ascii=False)}"


def heading(name: str) -> str:
    """A section key (``selected_honors``) as a heading (``Selected honors``)."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else name


def _argument(text: str) -> str:
    return " ".join(text.split())


def index_page(person: Person, summary: list[str], cv_doc: str, others: Sequence[OtherProfile] = ()) -> str:
    """The home page: the profile (when the file names a person) and the toctree."""
    name = _argument(person.name)
    lines = [f"# {escape_markdown(name or 'Curriculum Vitae')}", ""]
    if name:
        lines += profile_block(person, summary, others)
    lines += [":::{toctree}", ":hidden:", "", cv_doc, ":::", ""]
    return "\n".join(lines)


def profile_block(
    person: Person, summary: list[str], others: Sequence[OtherProfile] = (), *, hide_name: bool = True
) -> list[str]:
    """A ``cv-profile`` with every option the resume fills; the summary as its body.

    On the home page the title already shows the name, so the profile hides its
    own (``cv-hide-name``); profiles on networks the profile has no option for
    follow the summary as a line of links.
    """
    lines = [f"::::{{cv-profile}} {_argument(person.name)}"]
    if hide_name:
        lines.append(option("class", "cv-hide-name"))
    photo = safe_url(person.photo)
    if photo and "://" in photo:
        lines.append(option("photo", photo))
    for field in PROFILE_FIELDS:
        value = getattr(person, field).strip()
        if value:
            # cv-profile parses these two as inline markup; the others are links
            lines.append(option(field, escape_markdown(value) if field in INLINE_FIELDS else value))
    lines.append("")
    for paragraph in summary:
        lines += [markdown_paragraph(paragraph), ""]
    if others:
        lines += [" \u00b7 ".join(_profile_link(other) for other in others), ""]
    return [*lines, "::::", ""]


def _profile_link(profile: OtherProfile) -> str:
    """``Network: [name](<url>)``, or plain text when no safe URL is known."""
    name = escape_markdown(profile.name)
    shown = f"[{name}](<{profile.url}>)" if profile.url and not set(profile.url) & set("<> ") else name
    return f"{escape_markdown(profile.network)}: {shown}"


def _other_profiles(data: DataFile) -> list[OtherProfile]:
    """Profiles the resume lists on networks ``cv-profile`` has no option for."""
    if data.format == "JSON Resume":
        basics = data.data.get("basics")
        listed = basics.get("profiles") if isinstance(basics, dict) else None
        return other_profiles(listed, NETWORKS)
    if data.format == "RenderCV":
        return other_profiles(data.data["cv"].get("social_networks"), NETWORKS)
    return []


def publication_sections(data: DataFile) -> list[str]:
    """Sections that list papers: every item a publication (RenderCV's publication entries, JSON
    Resume's ``publications``); they become ``cv-publications`` lists, with pages and metadata."""
    return [
        name
        for name, items in data.sections().items()
        if isinstance(items, list) and items and all(is_publication(item) for item in items)
    ]


def cv_page(data: DataFile, source: str, skip: set[str], person: Person | None = None) -> str:
    """The CV page: the profile, then one ``cv-timeline`` per non-empty section (or one for a
    single-list file), a ``cv-publications`` list for each section of papers."""
    lines = ["# Curriculum Vitae", ""]
    if person is not None and _argument(person.name):
        lines += profile_block(person, [], hide_name=False)
    papers = set(publication_sections(data))
    for name, items in data.sections().items() if data.sections() else [("", data.data)]:
        if name in skip or not isinstance(items, list) or not items:
            continue
        if name:
            lines += [f"## {escape_markdown(heading(name))}", ""]
        lines += [":::{cv-publications}" if name in papers else ":::{cv-timeline}", option("source", source)]
        if name:
            lines.append(option("section", name))
        if name in papers and _summarised(items):
            lines.append(option("show", "links, abstract"))  # what the file says of its papers is shown
        lines += [":::", ""]
    return "\n".join(lines)


def _summarised(items: list[Any]) -> bool:
    """Whether a paper of the section has a summary (RenderCV, JSON Resume), which the list shows as
    its abstract, so that the site, and the exports that follow it, keep it."""
    return any(isinstance(i, Mapping) and (i.get("summary") or i.get("abstract")) for i in items)


def conf_py(project: str, year: int | None = None, *, owner: str = "", pages: bool = False) -> str:
    """``conf.py``; the project name is written as a Python literal, whatever it contains.

    The page sources are not copied into the site (``_sources/`` would publish
    the email address that the profile hides), and the footer names the owner.
    Furo prints ``html_title`` into every page as markup, unescaped: it is
    written HTML-escaped, so a name holding ``<script>`` is shown, never run
    (Furo escapes ``copyright`` itself). ``owner`` is highlighted in author
    lists; ``pages`` gives each paper a page with the metadata Google Scholar
    and Zotero read.
    """
    year = year or datetime.date.today().year
    markup = html.escape(project, quote=False)
    extra = [f"cv_author = {[owner]!r}"] if owner else []
    if pages:
        extra.append("cv_publication_pages = True  # a page per paper, with Google Scholar's tags")
    return "\n".join(
        [
            '"""Sphinx configuration written by `python -m sphinx_cv init`."""',
            "",
            f"project = {project!r}",
            f"author = {project!r}",
            f"copyright = {f'{year}, {project}'!r}",
            "html_copy_source = False  # _sources/ would publish the page sources, email address included",
            'extensions = ["myst_parser", "sphinx_cv"]',
            'myst_enable_extensions = ["colon_fence"]',
            'html_theme = "furo"',
            f"html_title = {markup!r}  # HTML: the theme prints it as markup",
            'exclude_patterns = ["_build"]',
            *extra,
            "",
        ]
    )


def init(source: Path, output: Path, *, force: bool = False) -> list[str]:
    """Write the site; return the problems found in the data (each would be a build warning)."""
    if output.exists() and not output.is_dir():
        raise FileExistsError(f"{output} exists and is not a directory")
    if output.is_dir() and any(output.iterdir()) and not force:
        raise FileExistsError(f"{output} is not empty; use --force to write into it anyway")
    text = source.read_bytes().decode("utf-8-sig")
    data = load(text, source.name)
    person, summary = data.person()
    # a RenderCV "summary" section of plain text is the profile's body, not a timeline
    intro = summary_of(data.data)[0] if data.format == "RenderCV" else None
    skip = {intro} if intro else set()
    problems = [f"{source.name}:{line}: {message}" for line, message in data.problems]
    for name in data.sections() or [None]:
        if name in skip:
            continue
        try:
            for entry in data.entries(name):
                problems += [f"{source.name}:{entry.line}: {message}" for _f, message in entry.all_problems]
        except SourceError as err:
            problems.append(f"{source.name}: section {name!r}: {err.message}")
    problems += [f"{source.name}: profile: {message}" for _f, message in person.problems]
    data_dir = output / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    copy = data_dir / source.name
    if copy.resolve() != source.resolve():
        shutil.copyfile(source, copy)
    project = _argument(person.name) or "Curriculum Vitae"
    papers, unpaged = _papers(data, source.name)
    problems += unpaged
    conf = conf_py(project, owner=_argument(person.name), pages=bool(papers) and not unpaged)
    (output / "conf.py").write_text(conf, encoding="utf-8")
    others = _other_profiles(data)
    (output / "index.md").write_text(index_page(person, summary, "cv", others), encoding="utf-8")
    (output / "cv.md").write_text(cv_page(data, f"data/{source.name}", skip, person), encoding="utf-8")
    return problems


def _papers(data: DataFile, filename: str) -> tuple[int, list[str]]:
    """How many papers the file lists, and why publication pages stay off (a paper Google Scholar
    would not index: no title, author or year), as problems."""
    count, problems = 0, []
    for name in publication_sections(data):
        entries, _skipped = publication_entries(data.items(name), filename)
        for entry in entries:
            count += 1
            missing = [f for f in ("title", "author", "year") if not _has(entry, f)]
            if missing:
                _file, line, _order, _persons = source_of(entry)
                problems.append(
                    f"{filename}:{line}: publication {entry.key!r} has no {', no '.join(missing)}: "
                    "publication pages stay off (set cv_publication_pages = True in conf.py to have them)"
                )
    return count, problems


def _has(entry: Any, field: str) -> bool:
    if field == "author":
        return bool(entry.persons.get("author"))
    if field == "year":
        return bool(entry.fields.get("year") or entry.fields.get("date"))
    return bool(entry.fields.get(field))


def build_command(output: Path) -> str:
    """The build command: doctrees beside the HTML, not inside it (they would be published)."""
    build = output / "_build"
    return f"sphinx-build -W -d {build / 'doctrees'} {output} {build / 'html'}"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``init`` subcommand's options."""
    start = commands.add_parser(
        "init", help="write a Sphinx site from a JSON Resume or RenderCV file", description=__doc__
    )
    start.add_argument(
        "--from", dest="source", required=True, type=Path, help="resume.json or a RenderCV YAML"
    )
    start.add_argument("--output", type=Path, default=Path("docs"), help="site directory (default: docs)")
    start.add_argument("--force", action="store_true", help="write into a non-empty directory")
    start.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        problems = init(args.source, args.output, force=args.force)
    except SourceError as err:
        where = f"{args.source}:{err.line}" if err.line else str(args.source)
        print(f"error: {where}: {err.message}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {args.output}: build it with  {build_command(args.output)}")
    return 0
