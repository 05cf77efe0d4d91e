"""sphinxcontrib-bibtex's parse of the .bib files, watched: where each entry stands, what it says,
and a malformed .bib as a warning, not a traceback.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` at ``builder-inited`` with
pybtex in strict mode, so one missing brace in an exported .bib ends the
build. pybtex can instead capture its errors and recover (skipping the bad
entry); these two handlers, one just before and one just after
sphinxcontrib-bibtex's, switch that on for its parse and turn each captured
error into a located ``cv.bib`` warning. The .bib is still parsed once, by
sphinxcontrib-bibtex.

The same pair of handlers deals with files that are not in
``bibtex_encoding`` (UTF-8 by default), which would otherwise end the build
with a ``UnicodeDecodeError``: before the parse, each file that
sphinxcontrib-bibtex is about to (re)parse is decoded once as a check (its
cache is up to date for the others). A file whose first lines declare its
encoding, as JabRef writes it (``% Encoding: windows-1252``), is read in
that encoding; a file that does not decode gets a ``cv.bib`` warning naming
the line and the byte, and is read with the bad bytes replaced, so its
entries still show. For those files only, pybtex's ``Parser.parse_file`` is
wrapped for the duration of sphinxcontrib-bibtex's handler.

In the same window, each entry pybtex makes is given its file, its line, its
fields' order and its person fields as written (``cv_source``, see
:mod:`sphinx_cv.core.bibtex`): the BibTeX a site shows is then the .bib's own
text, and every warning about an entry points at its line. pybtex's
``LowLevelParser.parse_command`` (where an entry starts) and
``Parser.process_entry`` (where it is made) are wrapped for that; the entries
are pickled with sphinxcontrib-bibtex's cache, so an unchanged .bib is not
parsed again.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex import textutils
from pybtex.database.input.bibtex import LowLevelParser, Parser
from sphinx.application import Sphinx

from ..core.bibtex import SOURCE_ATTRIBUTE
from ..directive import warn

BIBTEX_PRIORITY = 500  #: sphinxcontrib-bibtex's builder-inited handlers use the default

#: JabRef's header line: ``% Encoding: windows-1252`` (within the first lines of the file)
_ENCODING_HEADER = re.compile(rb"^%\s*Encoding\s*:\s*([A-Za-z0-9_.:\-]+)\s*$", re.M)
_HEADER_BYTES = 1024
#: the names of UTF-8 (a byte-order mark is no difference that matters here)
_UTF8 = {"utf-8-sig": "utf-8", "utf8": "utf-8", "utf_8": "utf-8", "utf-8": "utf-8"}

#: resolved .bib path -> (encoding, errors) for files that are not read as ``bibtex_encoding`` says
_READ_AS: dict[str, tuple[str, str]] = {}
_ORIGINAL_PARSE_FILE: Callable[..., Any] = Parser.parse_file
_ORIGINAL_PARSE_COMMAND: Callable[..., Any] = LowLevelParser.parse_command
_ORIGINAL_PROCESS_ENTRY: Callable[..., Any] = Parser.process_entry


class _Fields(list[Any]):
    """An entry's parsed fields that also know the file and line where the entry starts."""

    filename: str = ""
    line: int | None = None


def _parse_command(self: LowLevelParser) -> Any:
    """pybtex's ``parse_command``, its entry's fields carrying the line of the ``@``."""
    line = self.lineno
    result = _ORIGINAL_PARSE_COMMAND(self)
    try:
        command, (key, fields) = result
    except (TypeError, ValueError):
        return result
    if isinstance(fields, list):
        fields = _Fields(fields)
        fields.filename, fields.line = str(getattr(self, "filename", "") or ""), line
        return command, (key, fields)
    return result


def _process_entry(self: Parser, entry_type: str, key: str | None, fields: Any) -> None:
    """pybtex's ``process_entry``, then the entry's source recorded on it (the first of a key only)."""
    before = self.data.entries.get(key) if key is not None else None
    captured = pybtex.errors.captured_errors
    count = len(captured) if captured is not None else 0
    _ORIGINAL_PROCESS_ENTRY(self, entry_type, key, fields)
    filename = getattr(fields, "filename", "") or str(getattr(self, "filename", "") or "")
    for error in (captured or [])[count:]:
        # pybtex's errors about an entry (a repeated key) carry no place: it is this entry's
        if not getattr(error, "lineno", None) and getattr(fields, "line", None):
            error.filename, error.lineno = filename, fields.line
    entry = self.data.entries.get(key) if key is not None else None
    if entry is None or entry is before:
        return
    persons = {
        name: textutils.normalize_whitespace(self.flatten_value_list(value))
        for name, value in fields
        if name in self.person_fields
    }
    order = tuple(name for name, _value in fields)
    setattr(entry, SOURCE_ATTRIBUTE, (filename, getattr(fields, "line", None), order, persons))


def _parse_file(self: Parser, filename: Any, file_suffix: str | None = None) -> Any:
    """pybtex's ``parse_file``, reading the files in :data:`_READ_AS` in their own encoding."""
    how = _READ_AS.get(str(filename))
    if how is None or file_suffix is not None:
        return _ORIGINAL_PARSE_FILE(self, filename, file_suffix)
    self.filename = filename
    encoding, errors = how
    with Path(filename).open(encoding=encoding, errors=errors) as stream:
        self.parse_stream(stream)
    return self.data


def declared_encoding(data: bytes) -> str | None:
    """The encoding a JabRef header declares, if Python knows it."""
    match = _ENCODING_HEADER.search(data[:_HEADER_BYTES])
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def check_encoding(
    path: Path, data: bytes, configured: str
) -> tuple[tuple[str, str] | None, tuple[int, str] | None]:
    """How to read one .bib (``(encoding, errors)``, or ``None`` for as configured) and the
    problem to report (``(line, message)``: where the first undecodable byte is, how to fix it)."""
    declared = declared_encoding(data)
    encoding = declared or configured
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start]
        guess = next((g for g in ("utf-8", "windows-1252") if g != encoding and _decodes(data, g)), "latin-1")
        name = "UTF-8" if _UTF8.get(encoding.lower()) else encoding
        where = f"{name}, the encoding its header declares" if declared else name
        message = (
            f"{path.name} is not valid {where}: byte 0x{byte:02x} at line {line} cannot be read, "
            "so it is shown as \ufffd; save the file as UTF-8, or set "
            f"bibtex_encoding = {guess!r} in conf.py (or a first line '% Encoding: {guess}')"
        )
        return (encoding, "replace"), (line, message)
    if declared and _UTF8.get(declared, declared) != _UTF8.get(configured.lower(), configured.lower()):
        return (declared, "strict"), None
    return None, None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _bibfiles_to_parse(app: Sphinx) -> list[Path]:
    """The .bib files sphinxcontrib-bibtex is about to parse: new, changed, or all if its encoding changed."""
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or []]
    try:
        cached = app.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
    except Exception:  # no cite domain yet: everything will be parsed
        return paths
    if cached.encoding != app.config.bibtex_encoding:
        return paths
    stale = []
    for path in paths:
        known = cached.bibfiles.get(path)
        try:
            mtime = path.lstat().st_mtime
        except OSError:
            continue  # sphinxcontrib-bibtex reports a missing file itself
        if known is None or known.mtime != mtime:
            stale.append(path)
    return stale


def _start_capture(app: Sphinx) -> None:
    pybtex.errors.captured_errors = []
    _READ_AS.clear()
    for path in _bibfiles_to_parse(app):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        try:
            how, problem = check_encoding(path, data, app.config.bibtex_encoding)
        except LookupError:  # an unknown bibtex_encoding: sphinxcontrib-bibtex reports it
            continue
        if how is not None:
            _READ_AS[str(path)] = how
        if problem:
            line, message = problem
            warn(message, f"{path}:{line}", "bib")
    if _READ_AS:
        Parser.parse_file = _parse_file
    LowLevelParser.parse_command = _parse_command
    Parser.process_entry = _process_entry


def _report_captured(app: Sphinx) -> None:
    Parser.parse_file = _ORIGINAL_PARSE_FILE
    LowLevelParser.parse_command = _ORIGINAL_PARSE_COMMAND
    Parser.process_entry = _ORIGINAL_PROCESS_ENTRY
    _READ_AS.clear()
    captured = pybtex.errors.captured_errors or []
    pybtex.errors.captured_errors = None
    for error in captured:
        # not error.get_filename(): pybtex tries to .decode() the Path sphinxcontrib-bibtex gives it
        filename = getattr(error, "filename", None)
        line = getattr(error, "lineno", None)
        # "path:" is Sphinx's own form of a location without a line (a bare path reads as a docname)
        location = f"{filename}:{line}" if filename and line else f"{filename or _file_with_key(app, error)}:"
        try:
            message = str(error)
        except Exception:  # a message that cannot be formatted still deserves a warning
            message = type(error).__name__
        if len(message) > 200:
            message = message[:199] + "\u2026"
        warn(f"malformed .bib, read on past it: {message}", location, "bib")


def _file_with_key(app: Sphinx, error: Exception) -> str:
    """The .bib that holds the key an error names: for an error pybtex gives no place, made
    outside an entry (an entry's own errors, a repeated key among them, are placed at it)."""
    bibfiles = app.env.get_domain("cite").bibdata.bibfiles  # type: ignore[attr-defined]
    key = str(error).rsplit(": ", 1)[-1].strip()
    for path, bibfile in bibfiles.items():
        if key in bibfile.keys:
            return str(path)
    return str(next(iter(bibfiles), app.confdir))


def setup_bibread(app: Sphinx) -> None:
    app.connect("builder-inited", _start_capture, priority=BIBTEX_PRIORITY - 1)
    app.connect("builder-inited", _report_captured, priority=BIBTEX_PRIORITY + 1)
