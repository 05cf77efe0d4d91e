"""Compile ``ext/sphinx_cv/locales/*/LC_MESSAGES/sphinx_cv.po`` into ``.mo`` files.

Run after editing a ``.po`` file: ``python tools/compile_catalogs.py``. The
``.mo`` files are committed so the wheel ships them without a build step.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "ext" / "sphinx_cv" / "locales"


def main() -> None:
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/sphinx_cv.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)
        print(f"compiled {po_path.relative_to(LOCALES)}")


if __name__ == "__main__":
    main()
