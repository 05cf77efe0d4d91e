"""Screenshots of built pages in Debian's Chromium: light/dark, desktop/phone.

``python tools/screenshots.py docs/_build/html out/ index cv publications``
writes ``out/<page>-<scheme>-<width>.png``. A page may carry a query, as a shared
link of a filtered list does (``"publications?year=2020&type=preprint"``). For
looking at the site, not a test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main(html_dir: str, out_dir: str, *pages: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(html_dir).resolve()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for scheme in ("light", "dark"):
            for width, height in ((1280, 900), (375, 812)):
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                for name in pages or ("index",):
                    path, _, query = name.partition("?")
                    page.goto((root / f"{path}.html").as_uri() + (f"?{query}" if query else ""))
                    stem = re.sub(r"[^\w-]+", "-", name).strip("-")
                    page.screenshot(path=str(out / f"{stem}-{scheme}-{width}.png"), full_page=True)
                page.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
