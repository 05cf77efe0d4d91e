"""Fuzz: pages built from generated directive content never raise and never lose content."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile import assert_no_active_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

# one line of option text: dates valid and not, markup, HTML, odd Unicode
DATES = st.sampled_from(
    [
        "2019",
        "2019-09",
        "2019-02-30",
        "Sep 2019",
        "Fall 2007",
        "present",
        "13/2019",
        "",
        "0000",
        "9999-12-31",
        "２０１９",
        "2019-9-9",
    ]
)
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=0, max_size=40
).map(lambda s: " ".join(s.split()))
MARKUP = st.sampled_from(
    [
        "*em*",
        "**",
        "`x`_",
        "|sub|",
        "<script>x</script>",
        "javascript:alert(1)",
        "[^1]",
        ":ref:`nowhere`",
        "\u202eevil",
        "\ufeff",
        "a" * 500,
        "_",
        "::",
    ]
)
VALUE = st.one_of(DATES, WORDS, MARKUP, st.lists(st.one_of(WORDS, MARKUP), max_size=3).map(" ".join))
TITLE = VALUE.filter(lambda v: v.strip() and not v.strip().startswith(":") and not v.endswith("::"))
OPTIONS = ("start", "end", "subtitle", "location", "url")


@st.composite
def entries(draw: st.DrawFn) -> list[tuple[str, dict[str, str]]]:
    return draw(
        st.lists(
            st.tuples(TITLE, st.dictionaries(st.sampled_from(OPTIONS), VALUE, max_size=5)),
            min_size=1,
            max_size=4,
        )
    )


def page(items: list[tuple[str, dict[str, str]]], order: str, limit: str) -> str:
    lines = [
        "Fuzz",
        "====",
        "",
        "Before the timeline.",
        "",
        ".. cv-timeline:: Caption",
        f"   :order: {order}",
        f"   :limit: {limit}",
        "",
    ]
    for title, options in items:
        lines.append(f"   .. cv-entry:: {title}")
        lines += [f"      :{name}: {value}" for name, value in options.items()]
        lines += ["", "      Body text.", ""]
    lines += ["After the timeline.", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("fuzz")
    (src / "conf.py").write_text('extensions = ["sphinx_cv"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Fuzz\n====\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    yield app
    app.cleanup()


_clock = [time.time_ns()]  # each page newer than the last build, however fast


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    items=entries(),
    order=st.sampled_from(["source", "newest", "oldest", "sideways", ""]),
    limit=st.sampled_from(["", "0", "2", "100", "-1", "x"]),
)
def test_generated_pages_build_and_keep_everything(fuzz_app, items, order, limit) -> None:
    index = Path(fuzz_app.srcdir) / "index.rst"
    index.write_text(page(items, order, limit), encoding="utf-8")
    _clock[0] += 10**9 + max(0, time.time_ns() - _clock[0])
    os.utime(index, ns=(_clock[0], _clock[0]))
    fuzz_app._warning.truncate(0)
    fuzz_app.build()
    warnings = fuzz_app.warning.getvalue()
    assert "Traceback" not in warnings and "Exception" not in warnings
    soup = BeautifulSoup((Path(fuzz_app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('[role="main"]')
    text = main.get_text()
    assert "Before the timeline." in text and "After the timeline." in text
    shown = len(main.select("li.cv-entry"))
    limited = int(limit) if limit.isdigit() else None
    expected = len(items) if limited is None else min(limited, len(items))
    assert shown == expected
    assert text.count("Body text.") == expected
    assert_no_active_content(main)
    assert not re.search(r"\[cv\.(?!date|option)\w+\]", warnings)
