"""Characters no page, meta tag or export may carry, removed where text enters the model.

Control characters (U+0000-U+001F but tab, newline and carriage return;
DEL and U+0080-U+009F) are invalid in XML (EPUB, the sitemap), a parse
error in HTML, and end a C string: a NUL in a file name stops the build.
Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
reorder the text around them, so ``U+202E gpj.exe`` reads as ``exe.jpg``
("Trojan Source"); the marks LRM, RLM and ALM are kept, since names in
Arabic or Hebrew need them. Lone surrogates (from JSON's ``\\ud800``)
cannot be written as UTF-8 at all, and U+FFFE/U+FFFF are not characters.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # controls, but tab, newline, carriage return
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\ud800-\udfff\ufffe\uffff]"  # lone surrogates, non-characters
)


def clean(text: str) -> str:
    """``text`` without unsafe characters; one that separates words (form feed...) becomes a space."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: " " if m[0].isspace() else "", text)


def unsafe_chars(text: str) -> list[str]:
    """The distinct unsafe characters of ``text`` as ``U+XXXX``, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(ch):04X}" for ch in _UNSAFE.findall(text)))


def removed(field: str, text: str) -> str:
    """The problem message for ``text`` of ``field`` that loses unsafe characters."""
    found = unsafe_chars(text)
    shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
    return f"removed control or bidi characters ({shown}) from the {field}"
