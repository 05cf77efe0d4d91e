"""A page per publication, citation metadata and exports: what Google Scholar and Zotero read.

With ``cv_publication_pages = True``, every entry shown in a
``cv-publications`` list gets a page of its own (``publications/<key>.html``,
``publications/<key>/`` with dirhtml) holding Highwire Press ``citation_*``
tags, schema.org JSON-LD, the abstract, and BibTeX/RIS/CSL-JSON downloads;
list titles link to it and each list links to whole-list exports. List
entries always carry a COinS span (never the pages: Zotero ranks COinS above
Highwire and would then lose the PDF).

The pages are not documents: Sphinx would read, pickle and resolve 5,000 of
them. They are written at ``html-collect-pages`` through the builder's own
``handle_page`` (the theme's ``page.html``, so any theme works, and
``html-page-context`` runs with a doctree, so sphinx-sitemap and
sphinxext-opengraph see them). A fingerprint per page, kept next to the
doctrees, skips pages whose entry, config and theme did not change:
editing one entry rewrites its page (and, as Sphinx does anyway, the
documents that list it), not the others.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from docutils.utils import new_document
from pybtex.database import Entry as BibEntry
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from . import __version__
from .bibsettings import entry_settings
from .core.bib import HIDDEN_FIELDS, bibtex_source, publication_from_entry
from .core.citation import Citation, citation_of, coins, csl_json, highwire_tags, page_slug, ris
from .core.names import OwnerMatcher, aliases_of
from .core.urls import is_external, safe_url
from .directive import translated_labels, warn
from .nodes import CITE_CLASS, cv_pub, cv_pub_downloads
from .render import (
    RenderContext,
    coins_node,
    link_title,
    publication_jsonld,
    render_downloads,
    render_publication_page,
)

#: builders that write the pages (and so may link to them)
PAGE_BUILDERS = ("html", "dirhtml")
#: UI labels of the pages, translated through the message catalog
PAGE_LABELS = ("Abstract", "Cite", "Download")
#: (label, file suffix) of each export
EXPORTS = (("BibTeX", ".bib"), ("RIS", ".ris"), ("CSL-JSON", ".json"))


def _listed(env: BuildEnvironment) -> dict[str, list[str]]:
    """docname -> citation keys its ``cv-publications`` lists show (pickled with the environment)."""
    if not hasattr(env, "cv_listed_keys"):
        env.cv_listed_keys = {}  # type: ignore[attr-defined]
    listed: dict[str, list[str]] = env.cv_listed_keys  # type: ignore[attr-defined]
    return listed


def pages_dir(env: BuildEnvironment) -> str:
    return str(env.config.cv_publication_pages_dir).strip("/") or "publications"


def page_name(env: BuildEnvironment, key: str) -> str:
    """The page name of a citation key: ``publications/<slug>``."""
    return f"{pages_dir(env)}/{page_slug(key)}"


def export_base(env: BuildEnvironment) -> str:
    """Path of the whole-list exports without suffix: ``publications/<project>-publications``."""
    project = re.sub(r"[^a-z0-9]+", "-", str(env.config.project).lower()).strip("-")
    return f"{pages_dir(env)}/{project + '-' if project else ''}publications"


def mark_listed(env: BuildEnvironment, node: cv_pub, entry: BibEntry) -> None:
    """At read time, for each listed entry: its COinS span, and the page its title will link to."""
    node += coins_node(coins(citation_of(entry)))
    if env.config.cv_publication_pages:
        node["cv_page"] = page_name(env, entry.key)
        keys = _listed(env).setdefault(env.docname, [])
        if entry.key not in keys:
            keys.append(entry.key)


def downloads_placeholder(env: BuildEnvironment) -> list[cv_pub_downloads]:
    """The whole-list export links under a list (filled for HTML at write time), if pages are on."""
    return [cv_pub_downloads(classes=["cv-pub-downloads"])] if env.config.cv_publication_pages else []


# ---- write time: links in the lists --------------------------------------------------------------


def _root(builder: Any, pagename: str) -> str:
    """The relative path from a page to the output root ("", "../", "../../")."""
    folder = posixpath.dirname(builder.get_target_uri(pagename))
    return "../" * (folder.count("/") + 1) if folder else ""


def _file_uri(builder: Any, pagename: str, path: str) -> str:
    """A written file's path (from the output root) as a link from a page."""
    return relative_uri(builder.get_target_uri(pagename), path)


def _resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Titles link to their pages and lists to their exports, in the builds that write them."""
    writes_pages = app.config.cv_publication_pages and app.builder.name in PAGE_BUILDERS
    if writes_pages:
        for node in doctree.findall(cv_pub):
            if "cv_page" in node:
                link_title(node, app.builder.get_relative_uri(docname, node["cv_page"]))
    for placeholder in list(doctree.findall(cv_pub_downloads)):
        if not writes_pages:
            placeholder.parent.remove(placeholder)
            continue
        base = export_base(app.env)
        links = [(label, _file_uri(app.builder, docname, base + suffix)) for label, suffix in EXPORTS]
        placeholder.replace_self(render_downloads(links, _context(app)))


# ---- write time: the pages -------------------------------------------------------------------------


def _context(app: Sphinx) -> RenderContext:
    ctx = RenderContext()
    ctx.labels = translated_labels(PAGE_LABELS)
    return ctx


def _entry_fingerprint(entry: BibEntry) -> str:
    persons = {role: [str(p) for p in people] for role, people in entry.persons.items()}
    data = [entry.type, entry.key, sorted(entry.fields.items()), sorted(persons.items())]
    return hashlib.sha1(json.dumps(data, ensure_ascii=True).encode()).hexdigest()


def _site_fingerprint(app: Sphinx) -> str:
    """What every page depends on besides its entry: config, theme templates, the set of documents."""
    builder = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    mtime = templates.newest_template_mtime() if templates is not None else 0
    data = [
        __version__,
        builder.name,
        getattr(info, "config_hash", ""),
        getattr(info, "tags_hash", ""),
        mtime,
        sorted(app.env.found_docs),
    ]
    return hashlib.sha1(json.dumps(data, default=str).encode()).hexdigest()


@lru_cache(maxsize=16)
def _bib_lines(path: str) -> dict[str, int]:
    """Citation key (lower case) -> line of its ``@type{key,`` in a .bib file, for warnings."""
    lines: dict[str, int] = {}
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return lines
    for match in re.finditer(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", text):
        lines.setdefault(match[1].lower(), text.count("\n", 0, match.start()) + 1)
    return lines


def _bib_location(bibdata: Any, key: str) -> str:
    for path, bibfile in bibdata.bibfiles.items():
        if key in bibfile.keys:
            line = _bib_lines(str(path)).get(key.lower())
            return f"{path}:{line}" if line else f"{path}:"
    return f"{next(iter(bibdata.bibfiles), '')}:"


def _meta_tags(tags: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<meta name="{html.escape(name)}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in tags
    )


def _own_pdf(cite: Citation, base_url: str, root: str) -> str:
    """``citation_pdf_url``: a PDF on the site's own host only (a relative ``pdf`` field, or a URL on
    the host of ``html_baseurl``); absolute when ``html_baseurl`` is set, else relative to the page."""
    pdf = safe_url(cite.pdf) or ""
    if not pdf:
        return ""
    if is_external(pdf):
        host = urlsplit(base_url).netloc
        return pdf if host and urlsplit(pdf).netloc == host else ""
    path = pdf.lstrip("/")
    return urljoin(base_url, path) if base_url else root + path


def _relative_links(section: nodes.Element, root: str) -> None:
    """Relative links in bib fields point from the site root; the page sits below it."""
    for ref in section.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri and not is_external(uri) and not uri.startswith(("#", "/")) and not ref.get("internal"):
            ref["refuri"] = root + uri


def _listed_entries(app: Sphinx) -> list[BibEntry]:
    """Entries shown in some list, in .bib order (so the exports read like the .bib)."""
    bibdata = app.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
    entries = bibdata.data.entries
    wanted = {k for keys in _listed(app.env).values() for k in keys}
    keys = [k for bibfile in bibdata.bibfiles.values() for k in bibfile.keys if k in wanted and k in entries]
    return [entries[k] for k in keys]


def _plan_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: which pages to (re)write, from a fingerprint of each page's entry and the site.

    A page is rewritten when its fingerprint differs from the one the last
    build wrote, and every page when the environment is fresh (``-E``).
    """
    plan: dict[str, str] = {}  # pagename -> key
    prints: dict[str, str] = {}
    if env.config.cv_publication_pages and app.builder.name in PAGE_BUILDERS:
        bibdata = env.get_domain("cite").bibdata  # type: ignore[attr-defined]
        site = _site_fingerprint(app)
        for entry in _listed_entries(app):
            pagename = page_name(env, entry.key)
            if pagename in env.found_docs or pagename in plan:
                warn(
                    f"no page for entry {entry.key!r}: {pagename!r} is taken",
                    _bib_location(bibdata, entry.key),
                    "bib",
                )
                continue
            plan[pagename] = entry.key
            prints[pagename] = hashlib.sha1(f"{site}:{_entry_fingerprint(entry)}".encode()).hexdigest()
    # what the last build wrote: recorded next to the doctrees after writing, since the environment
    # is not pickled again when no document was re-read (a template or html_* option changed)
    fresh = not hasattr(env, "cv_page_prints")  # -E, or an environment Sphinx discarded
    old: dict[str, str] = {} if fresh else _load_json(Path(app.doctreedir) / PRINTS_FILE)
    env.cv_page_plan = {  # type: ignore[attr-defined]
        name: (key, prints[name] != old.get(name)) for name, key in plan.items()
    }
    # the exports hold every listed entry: any change to the set or to an entry rewrites them
    env.cv_exports_outdated = prints != old  # type: ignore[attr-defined]
    env.cv_page_prints = prints  # type: ignore[attr-defined]


def _write_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: write the pages whose entry or site changed (or that are missing)."""
    builder = app.builder
    plan: dict[str, tuple[str, bool]] = getattr(app.env, "cv_page_plan", {})
    if not plan or not isinstance(builder, StandaloneHTMLBuilder):
        return []
    bibdata = app.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
    owner = OwnerMatcher(aliases_of(app.config.cv_author))
    ctx = _context(app)
    changed: bool = getattr(app.env, "cv_exports_outdated", True)
    written: dict[str, Exports] = {}
    # the three small files of each entry are written by a thread while the next page renders
    with ThreadPoolExecutor(max_workers=1) as files:
        pending = []
        for pagename, (key, outdated) in plan.items():
            if outdated or not Path(builder.get_outfilename(pagename)).exists():
                entry = bibdata.data.entries[key]
                exports = _write_page(app, builder, entry, pagename, owner, ctx, bibdata)
                stem = Path(app.outdir) / pages_dir(app.env) / posixpath.basename(pagename)
                pending.append(files.submit(_write_exports, stem, [exports]))
                written[key] = exports
        for done in pending:
            done.result()  # a failed write fails the build, as Sphinx's own page writes do
    base = Path(app.outdir) / export_base(app.env)
    if changed or not base.with_name(base.name + ".bib").exists():
        prints: dict[str, str] = getattr(app.env, "cv_page_prints", {})
        cache_path = Path(app.doctreedir) / EXPORTS_CACHE
        cache = _load_json(cache_path)
        fresh: dict[str, Any] = {}
        items = []
        for entry in _listed_entries(app):
            fingerprint = prints.get(page_name(app.env, entry.key), "")
            cached = cache.get(entry.key)
            if entry.key in written:
                item = written[entry.key]
            elif isinstance(cached, dict) and cached.get("print") == fingerprint:
                item = Exports(cached["bib"], cached["ris"], cached["csl"])
            else:
                item = Exports.of(entry, hidden=app.config.cv_bibtex_hidden_fields)
            fresh[entry.key] = {"print": fingerprint, **asdict(item)}
            items.append(item)
        _write_exports(base, items)
        cache_path.write_text(json.dumps(fresh, ensure_ascii=False), encoding="utf-8")
    prints = getattr(app.env, "cv_page_prints", {})
    (Path(app.doctreedir) / PRINTS_FILE).write_text(json.dumps(prints, sort_keys=True), encoding="utf-8")
    return []


def _write_page(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    entry: BibEntry,
    pagename: str,
    owner: OwnerMatcher,
    ctx: RenderContext,
    bibdata: Any,
) -> Exports:
    """Write one publication's page; return its exports (its own files, and the whole list's)."""
    config = app.config
    cite = citation_of(entry)
    missing = cite.scholar_missing
    if missing:
        warn(
            f"entry {entry.key!r} has no {', no '.join(m.removeprefix('a ') for m in missing)}: "
            "Google Scholar will miss it on the entry's page",
            _bib_location(bibdata, entry.key),
            "bib",
        )
    pub = publication_from_entry(entry, owner=owner, with_bibtex=True, **entry_settings(app.env))
    root = _root(builder, pagename)
    base_url = str(config.html_baseurl or "")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    page_url = urljoin(base_url, builder.get_target_uri(pagename)) if base_url else ""
    stem = posixpath.basename(pagename)
    folder = pages_dir(app.env)
    downloads = [
        (label, _file_uri(builder, pagename, f"{folder}/{stem}{suffix}")) for label, suffix in EXPORTS
    ]
    jsonld: dict[str, Any] | None = None
    if config.cv_jsonld:
        jsonld = {"@context": "https://schema.org", **publication_jsonld(pub)}
        # the DOI and arXiv pages are the same work whether or not cv_link_fields shows them
        same_as = [f"https://doi.org/{pub.doi}"] * bool(pub.doi)
        same_as += [f"https://arxiv.org/abs/{pub.arxiv}"] * bool(pub.arxiv)
        if same_as:
            jsonld["sameAs"] = same_as
        if pub.abstract:
            jsonld["abstract"] = pub.abstract
        if page_url:
            jsonld["url"] = page_url
    section = render_publication_page(pub, ctx, node_id=stem, downloads=downloads, jsonld=jsonld)
    for listed in section.findall(cv_pub):
        _relative_links(listed, root)
    # the writer's docutils settings: ``_settings`` from Sphinx 8, ``docsettings`` (set for writing) before
    doctree = new_document(pagename, getattr(builder, "_settings", None) or builder.docsettings)
    doctree += section
    body = _render_body(builder, pagename, doctree)
    # html-page-context handlers (sphinxext-opengraph's description) then read the entry, not the Cite block
    for child in list(section.children):
        if isinstance(child, nodes.Element) and CITE_CLASS in child["classes"]:
            section.remove(child)
    tags = highwire_tags(cite, pdf_url=_own_pdf(cite, base_url, root), abstract_html_url=page_url)
    title = html.escape(pub.title_text)
    context: dict[str, Any] = {
        "title": title,
        "body": body,
        "metatags": _meta_tags(tags),
        # sphinxext-opengraph takes og:* from the page's metadata: the page is an article (else
        # Zotero saves an arXiv preprint as a web page), and its title is escaped here
        "meta": {"og:type": "article", "og:title": title},
        "toc": "",
        "display_toc": False,
        "parents": [],
        "prev": None,
        "next": None,
        "rellinks": builder.globalcontext.get("rellinks", []),
        "sourcename": "",
        "page_source_suffix": "",
    }
    builder.handle_page(pagename, context, "page.html", event_arg=doctree)
    return Exports.of(entry, pub.bibtex, cite)


@dataclass
class Exports:
    """One entry in each export format."""

    bib: str  #: clean BibTeX (no al-folio display fields)
    ris: str
    csl: dict[str, Any]

    @classmethod
    def of(
        cls,
        entry: BibEntry,
        bibtex: str | None = None,
        cite: Citation | None = None,
        hidden: Collection[str] = HIDDEN_FIELDS,
    ) -> Exports:
        cite = cite or citation_of(entry)
        return cls(bibtex if bibtex is not None else bibtex_source(entry, hidden), ris(cite), csl_json(cite))


#: each entry's exports, by page fingerprint, next to the doctrees: the whole-list files are
#: rebuilt from it without serialising (or reading the files of) the entries that did not change
EXPORTS_CACHE = "sphinx-cv-exports.json"


#: the fingerprints of the pages the last build wrote
PRINTS_FILE = "sphinx-cv-pages.json"


def _load_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _render_body(builder: StandaloneHTMLBuilder, pagename: str, document: nodes.document) -> str:
    """The page body through the builder's HTML translator (our visitors included).

    Not ``render_partial``: the nodes are built here, complete, and its
    reader and writer transforms cost more than the rest of a page. The
    per-page state ``write_doc`` sets for a document is set here for the page
    (no section or figure numbers): a build that writes no document has none.
    """
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    builder.current_docname = pagename
    translator: Any = builder.create_translator(document, builder)
    document.walkabout(translator)
    return "".join(translator.fragment)


def _write_exports(stem: Path, items: list[Exports]) -> None:
    """``<stem>.bib``, ``.ris`` and ``.json`` (CSL-JSON) of the entries, in order."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    bib = "\n\n".join(item.bib for item in items if item.bib)
    stem.with_name(stem.name + ".bib").write_text(bib + "\n", encoding="utf-8")
    stem.with_name(stem.name + ".ris").write_text("\r\n".join(i.ris for i in items), encoding="utf-8")
    data = json.dumps([item.csl for item in items], ensure_ascii=False, indent=2)
    stem.with_name(stem.name + ".json").write_text(data + "\n", encoding="utf-8")


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _listed(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _listed(other)
    for docname in docnames:
        if docname in theirs:
            _listed(env)[docname] = theirs[docname]


def setup_pages(app: Sphinx) -> None:
    app.add_config_value("cv_publication_pages", False, "env", types=frozenset({bool}))
    app.add_config_value("cv_publication_pages_dir", "publications", "env", types=frozenset({str}))
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _plan_pages)
    app.connect("doctree-resolved", _resolve_links)
    app.connect("html-collect-pages", _write_pages)
