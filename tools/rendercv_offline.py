"""Let RenderCV make its PDF without the network: a stand-in for Typst's ``@preview/fontawesome:0.6.0``.

RenderCV's Typst template imports ``@preview/fontawesome:0.6.0``, which Typst
downloads from its package registry when it is not in its cache; machines
that reach only PyPI and npm cannot. This writes a package of that name and
version into a Typst package cache (``XDG_CACHE_HOME``): its ``fa-icon`` draws
each icon from Font Awesome Free's own fonts and icon list (npm
``@fortawesome/fontawesome-free``, installed from ``tools/rendercv/package.json``),
and the fonts go where RenderCV tells Typst to look (``fonts/`` beside the
input file). It is this project's own code: nothing of the original package
is copied.

    python tools/rendercv_offline.py CACHE_DIR FONTS_DIR [FONTAWESOME_DIR]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent
FONTAWESOME = HERE / "rendercv" / "node_modules" / "@fortawesome" / "fontawesome-free"
FONTS = ("fa-solid-900.ttf", "fa-regular-400.ttf", "fa-brands-400.ttf")

LIB = """// A stand-in for @preview/fontawesome:0.6.0, written by sphinx-cv's tools/rendercv_offline.py:
// the icons of Font Awesome Free (fonts and names from npm @fortawesome/fontawesome-free).
#let fa-icons = (
{icons}
)

#let fa-icon(name, solid: false, fill: none, ..args) = {{
  let (glyph, style) = fa-icons.at(name, default: ("", "solid"))
  // the three fonts are three families to Typst: Brands, Free (regular) and Free Solid
  let font = if style == "brands" {{ "Font Awesome 6 Brands" }} else if style == "regular" and not solid {{
    "Font Awesome 6 Free"
  }} else {{ "Font Awesome 6 Free Solid" }}
  let shown = text(font: font, fallback: false, ..args.named(), glyph)
  if fill != none {{ text(fill: fill, shown) }} else {{ shown }}
}}
"""

TOML = """[package]
name = "fontawesome"
version = "0.6.0"
entrypoint = "lib.typ"
description = "Offline stand-in written by sphinx-cv (tools/rendercv_offline.py)"
"""


def icon_table(fontawesome: Path) -> dict[str, tuple[str, str]]:
    """Icon name (and alias) -> (code point, style) of every free icon."""
    families = json.loads((fontawesome / "metadata" / "icon-families.json").read_text(encoding="utf-8"))
    table: dict[str, tuple[str, str]] = {}
    for name, icon in families.items():
        styles = [s["style"] for s in icon.get("familyStylesByLicense", {}).get("free", [])]
        if not styles:
            continue
        style = "solid" if "solid" in styles else styles[0]
        for alias in [name, *icon.get("aliases", {}).get("names", [])]:
            table.setdefault(alias, (icon["unicode"], style))
    return table


def write(cache: Path, fonts: Path, fontawesome: Path = FONTAWESOME) -> Path:
    """The stand-in package under ``cache`` and the fonts in ``fonts``; returns the package folder."""
    if not (fontawesome / "metadata").is_dir():
        raise SystemExit(f"{fontawesome} not found: run `npm ci --prefix {HERE / 'rendercv'}` first")
    package = cache / "typst" / "packages" / "preview" / "fontawesome" / "0.6.0"
    package.mkdir(parents=True, exist_ok=True)
    icons = "\n".join(
        f'  "{name}": ("\\u{{{code}}}", "{style}"),'
        for name, (code, style) in sorted(icon_table(fontawesome).items())
    )
    (package / "lib.typ").write_text(LIB.format(icons=icons), encoding="utf-8")
    (package / "typst.toml").write_text(TOML, encoding="utf-8")
    fonts.mkdir(parents=True, exist_ok=True)
    for font in FONTS:
        shutil.copyfile(fontawesome / "webfonts" / font, fonts / font)
    return package


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    extra = [Path(sys.argv[3])] if len(sys.argv) == 4 else []
    print(write(Path(sys.argv[1]), Path(sys.argv[2]), *extra))
