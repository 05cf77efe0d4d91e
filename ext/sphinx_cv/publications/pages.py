"""A page per publication, with what Google Scholar and Zotero read, and its exports.

With ``cv_publication_pages = True``, every entry shown in a
``cv-publications`` list gets a page of its own (``publications/<key>.html``,
``publications/<key>/`` with dirhtml) holding Highwire Press ``citation_*``
tags, schema.org JSON-LD, the abstract, and BibTeX/RIS/CSL-JSON downloads;
list titles link to it and each list links to whole-list exports. Every part
of the page is a face of the entry's record, kept in the publications domain
by the document that lists it: nothing is read from the .bib again.

The pages are not documents: Sphinx would read, pickle and resolve 5,000 of
them. They are planned at ``env-updated`` (which page is whose, in the
domain) and written at ``html-collect-pages`` through the builder's own
``handle_page`` (the theme's ``page.html``, so any theme works, and
``html-page-context`` runs with a doctree, so sphinx-sitemap and
sphinxext-opengraph see them). A fingerprint per page, kept next to the
doctrees, skips pages whose record, config and theme did not change; a page
whose entry left the lists is deleted with its files.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .. import __version__
from ..core.chars import clean
from ..core.dates import shorten
from ..core.faces import highwire_tags, jsonld, own_pdf
from ..core.metrics import Count
from ..core.record import Publication
from ..directive import warn
from ..labels import render_context, translated_labels
from ..nodes import CITE_CLASS, cv_pub, cv_pub_downloads, cv_pub_preview
from ..render import RenderContext
from ..walk import blocks
from .domain import domain_of
from .exports import EXPORTS, Exports, export_stem, load_json, remove_exports, write_exports, write_whole_list
from .pagenames import page_name, pages_dir
from .paper import link_title, render_downloads, render_publication_page
from .settings import bibdata_of
from .sharing import shared_out
from .sitemap import complete_sitemap
from .toctree import SharedToctree, free_root_doctree

#: builders that write the pages (and so may link to them)
PAGE_BUILDERS = ("html", "dirhtml")
#: the fingerprints of the pages the last build wrote, next to the doctrees
PRINTS_FILE = "sphinx-cv-pages.json"


def _writes_pages(app: Sphinx) -> bool:
    return bool(app.config.cv_publication_pages) and app.builder.name in PAGE_BUILDERS


def listed_records(env: BuildEnvironment) -> list[Publication]:
    """The records some list shows: the .bib's in .bib order (so the exports read like the .bib),
    then those of data files."""
    records = domain_of(env).records()
    bibfiles = bibdata_of(env).bibfiles.values()
    # a record's key is the .bib's key without control characters (core/bib.py)
    order = [clean(key) for bibfile in bibfiles for key in bibfile.keys]
    order += [key for key, pub in records.items() if pub.origin != "bib"]
    return [records[key] for key in dict.fromkeys(order) if key in records]


# ---- env-updated: which page is whose -------------------------------------------------------------


def _site_fingerprint(app: Sphinx) -> str:
    """What every page depends on besides its record: config, theme templates, the set of documents."""
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


def _record_fingerprint(pub: Publication, count: Count | None) -> str:
    """The record as the page shows it (not where the .bib holds it, nor its warnings), and its count."""
    return repr((replace(pub, source="", problems=[]), count))


def _file_key(builder: StandaloneHTMLBuilder, name: str) -> str:
    """A page's output file as every file system tells files apart: ``Mixed.html`` is ``mixed.html``
    on macOS and Windows, and ``foo/index.html`` is both ``foo`` and ``foo/index`` with dirhtml."""
    return str(builder.get_outfilename(name)).casefold()


def plan_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: give each listed entry its page, unless a document or another entry has it.

    Returns the documents whose title links change (an entry gained, lost or
    moved its page), so Sphinx writes them again.
    """
    domain = domain_of(env)
    before = dict(domain.pages)
    # what the last build wrote: recorded next to the doctrees after writing, since the environment
    # is not pickled again when no document was re-read (a template or html_* option changed);
    # an environment without plans is fresh (-E, or one Sphinx discarded): every page is written
    fresh = "prints" not in domain.data
    old = {} if fresh else load_json(Path(app.doctreedir) / PRINTS_FILE)
    plan: dict[str, str] = {}
    prints: dict[str, str] = {}
    if _writes_pages(app):
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        site = _site_fingerprint(app)
        taken = {_file_key(builder, doc): f"the document {doc!r}" for doc in env.found_docs}
        for pub in listed_records(env):
            name = page_name(env, pub.key)  # never the whole-list exports' name, never a Windows device
            target = _file_key(builder, name)
            owner = taken.get(target)
            if owner:
                message = f"no page for entry {shorten(pub.key)}: its file would overwrite {owner}"
                warn(message, pub.source, "bib")
                continue
            taken[target] = f"the page of entry {shorten(pub.key)}"
            plan[pub.key] = name
            shown = _record_fingerprint(pub, domain.counts.get(pub.key))
            digest = hashlib.sha1(f"{site}:{shown}".encode()).hexdigest()
            prints[name] = digest
    domain.data["pages"] = plan
    domain.data["prints"] = prints
    domain.data["written"] = old
    changed = {key for key in {*before, *plan} if before.get(key) != plan.get(key)}
    return sorted(domain.listing(changed))


# ---- write time: links in the lists --------------------------------------------------------------


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Titles link to their pages and lists to their exports, in the builds that write them."""
    pages = domain_of(app.env).pages if _writes_pages(app) else {}
    for node in blocks(doctree, (cv_pub, cv_pub_downloads)):
        if isinstance(node, cv_pub):
            name = pages.get(node.get("cv_key", ""))
            if name:
                link_title(node, app.builder.get_relative_uri(docname, name))
        elif not pages:
            node.parent.remove(node)
        else:
            stem = export_stem(app.env, pages_dir(app.env))
            links = [(label, _file_uri(app.builder, docname, stem + suffix)) for label, suffix in EXPORTS]
            node.replace_self(render_downloads(links, _context(app)))


def _file_uri(builder: Any, pagename: str, path: str) -> str:
    """A written file's path (from the output root) as a link from a page."""
    return relative_uri(builder.get_target_uri(pagename), path)


def _context(app: Sphinx) -> RenderContext:
    return render_context(app.config, translated_labels())


# ---- write time: the pages -------------------------------------------------------------------------


def write_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: write the pages whose record or site changed (or that are missing),
    delete those whose entry is no longer listed, and write the whole-list exports."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or app.builder.name not in PAGE_BUILDERS:
        return []
    env = app.env
    free_root_doctree(env)
    domain = domain_of(env)
    prints: dict[str, str] = domain.data.get("prints", {})
    old: dict[str, str] = domain.data.get("written", {})
    folder = Path(app.outdir) / pages_dir(env)
    kept = {_file_key(builder, name): name for name in [*env.found_docs, *prints]}
    for name in load_json(Path(app.doctreedir) / PRINTS_FILE):
        if name in prints:
            continue
        # its entry left every list, or lost its page to a document: never delete that document's file
        path = Path(builder.get_outfilename(name))
        keeper = kept.get(_file_key(builder, name))
        if keeper is None or not _same_file(path, Path(builder.get_outfilename(keeper))):
            path.unlink(missing_ok=True)
        remove_exports(Path(app.outdir) / name)  # where they were, also if the pages' folder moved
    records = listed_records(env)
    ctx = _context(app)
    todo: list[tuple[Publication, str]] = []
    skipped: list[str] = []
    for pub in records:
        page = domain.pages.get(pub.key)
        if page is None:
            continue
        if prints[page] == old.get(page) and Path(builder.get_outfilename(page)).exists():
            skipped.append(page)
            continue
        todo.append((pub, page))
    written = shared_out(app, todo, lambda share: _write_share(app, builder, share, ctx, folder))
    stem = Path(app.outdir) / export_stem(env, pages_dir(env))
    # every listed entry, also one that lost its page to a document or another entry (it has no
    # fingerprint of its own, so the files are rewritten whenever there is one: a rare case)
    unpaged = any(pub.key not in domain.pages for pub in records)
    if domain.pages and (prints != old or unpaged or not stem.with_name(stem.name + ".bib").exists()):
        by_key = {pub.key: prints[domain.pages[pub.key]] for pub in records if pub.key in domain.pages}
        write_whole_list(stem, str(app.doctreedir), records, by_key, written)
    elif not domain.pages:
        remove_exports(stem)
    (Path(app.doctreedir) / PRINTS_FILE).write_text(json.dumps(prints, sort_keys=True), encoding="utf-8")
    complete_sitemap(app, [*env.found_docs, *skipped])
    return []


def _write_share(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    share: list[tuple[Publication, str]],
    ctx: RenderContext,
    folder: Path,
) -> dict[str, Exports]:
    """Write these pages and their files (in one process of :func:`.sharing.shared_out`)."""
    toctrees: dict[str, SharedToctree] = {}
    written: dict[str, Exports] = {}
    # the three small files of each entry are written by a thread while the next page renders
    with ThreadPoolExecutor(max_workers=1) as files:
        pending = []
        for pub, name in share:
            folder_toctree = toctrees.setdefault(posixpath.dirname(name), SharedToctree(builder, name))
            _write_page(app, builder, pub, name, ctx, folder_toctree)
            written[pub.key] = Exports.of(pub)
            pending.append(files.submit(write_exports, folder / posixpath.basename(name), [written[pub.key]]))
        for done in pending:
            done.result()  # a failed write fails the build, as Sphinx's own page writes do
    return written


def _same_file(path: Path, other: Path) -> bool:
    """Whether two paths name one file (the same path, or case-folded on macOS and Windows)."""
    try:
        return path == other or path.samefile(other)
    except OSError:  # one of them does not exist
        return False


def _write_page(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    pub: Publication,
    pagename: str,
    ctx: RenderContext,
    toctree: SharedToctree,
) -> None:
    """Write one publication's page: the entry, its abstract, Cite, and its metadata."""
    config = app.config
    missing = pub.scholar_missing
    if missing:
        warn(
            f"entry {shorten(pub.key)} has no {', no '.join(m.removeprefix('a ') for m in missing)}: "
            "Google Scholar will miss it on the entry's page",
            pub.source,
            "source" if pub.origin == "data" else "bib",
        )
    target = builder.get_target_uri(pagename)
    root = "../" * target.count("/")
    base_url = str(config.html_baseurl or "")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    page_url = urljoin(base_url, target) if base_url else ""
    stem = posixpath.basename(pagename)
    downloads = [
        (label, _file_uri(builder, pagename, f"{pages_dir(app.env)}/{stem}{suffix}"))
        for label, suffix in EXPORTS
    ]
    data = {"@context": "https://schema.org", **jsonld(pub, page_url=page_url, abstract=True)}
    section = render_publication_page(
        pub,
        ctx,
        node_id=stem,
        downloads=downloads,
        jsonld=data if config.cv_jsonld else None,
        count=domain_of(app.env).counts.get(pub.key),
    )
    _site_paths(section, pub, target, app)
    # the writer's docutils settings: ``_settings`` from Sphinx 8, ``docsettings`` (set for writing) before
    doctree = new_document(pagename, getattr(builder, "_settings", None) or builder.docsettings)
    doctree += section
    body = _render_body(builder, pagename, doctree)
    # html-page-context handlers (sphinxext-opengraph's description) then read the entry, not the Cite block
    for child in list(section.children):
        if isinstance(child, nodes.Element) and CITE_CLASS in child["classes"]:
            section.remove(child)
    tags = highwire_tags(pub, pdf_url=own_pdf(pub, base_url, root), abstract_html_url=page_url)
    title = html.escape(pub.title_text or pub.key)
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
        "toctree": toctree,
    }
    builder.handle_page(pagename, context, "page.html", event_arg=doctree)


def _site_paths(section: nodes.Element, pub: Publication, target: str, app: Sphinx) -> None:
    """Site paths (files of the site, the preview) as links and images that work from the page."""
    paths = {link.url for link in pub.links if link.site_path}
    for ref in section.findall(nodes.reference):
        if ref.get("refuri") in paths:
            ref["refuri"] = relative_uri(target, ref["refuri"])
    for image in section.findall(cv_pub_preview):
        path = image["uri"].lstrip("/")
        image["uri"] = path
        known = app.env.images.get(path) if path in app.env.images else None
        if known is not None:  # copied to _images by the listing document
            app.builder.images[path] = known[1]


def _meta_tags(tags: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<meta name="{html.escape(name)}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in tags
    )


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
