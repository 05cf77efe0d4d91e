"""sitemap.xml lists every page after an incremental build too.

sphinx-sitemap collects a page's URL when the page is written
(``html-page-context``), so a build that rewrites one document and one
publication page leaves every other page out of sitemap.xml. After the pages
are written, the URLs it has not seen are added through its own function, so
its exclusions and URL forms apply; its queue is shared by the writing
processes, so it is read back and refilled without duplicates, in URL order.
"""

from __future__ import annotations

from collections.abc import Iterable
from queue import Empty
from typing import Any

from sphinx.application import Sphinx


def _drain(queue: Any) -> list[Any]:
    found = []
    while True:
        try:
            found.append(queue.get_nowait())
        except Empty:
            return found


def _link(item: Any) -> str:
    """A queued sitemap entry's URL: ``(link, lastmod)`` from sphinx-sitemap 2.7, a string before."""
    return str(item[0] if isinstance(item, tuple) else item)


def complete_sitemap(app: Sphinx, pagenames: Iterable[str]) -> None:
    """Add ``pagenames`` that sphinx-sitemap has not seen this build (when it is loaded)."""
    queue = getattr(app, "sitemap_links", None)
    if queue is None or "sphinx_sitemap" not in app.extensions:
        return
    from sphinx_sitemap import add_html_link

    seen = _drain(queue)
    for pagename in sorted(set(pagenames)):
        add_html_link(app, pagename, "page.html", {}, None)
    added = _drain(queue)
    links = {_link(item) for item in seen}
    # in URL order: a clean and an incremental build give the same sitemap
    for item in sorted([*seen, *(item for item in added if _link(item) not in links)], key=_link):
        queue.put(item)
