"""Author-name matching and LaTeX text: pure functions, no Sphinx."""

from __future__ import annotations

import pytest

from sphinx_cv.core.names import OwnerMatcher, aliases_of, display_name, fold, parse_person
from sphinx_cv.core.texmarkup import latex_spans, latex_to_text

OWNER = OwnerMatcher(["Qinqing Zheng", "Q. Zheng"])


@pytest.mark.parametrize(
    "written",
    [
        "Qinqing Zheng",
        "Zheng, Qinqing",
        "Q. Zheng",
        "Zheng, Q.",
        "Qinqing J. Zheng",
        "QINQING ZHENG",
        "Zheng",
    ],
)
def test_owner_matches_every_spelling(written: str) -> None:
    assert OWNER(written)


@pytest.mark.parametrize(
    "written", ["Jinshuo Dong", "Weijie J Su", "Zhang, Qinqing", "Xiao Zheng", "Zhengx, Q."]
)
def test_others_do_not_match(written: str) -> None:
    assert not OWNER(written)


def test_full_alias_rejects_other_given_name() -> None:
    assert not OwnerMatcher(["Qinqing Zheng"])("Qi Zheng")
    assert OwnerMatcher(["Qinqing Zheng"])("Q. Zheng")


@pytest.mark.parametrize(
    "written", [r"M{\"o}ller, Hans", "Möller, Hans", r"H. M\"oller", 'Hans M{\\"{o}}ller']
)
def test_accents_latex_or_unicode(written: str) -> None:
    assert OwnerMatcher(["Hans Möller"])(written)
    assert OwnerMatcher([r"Hans M{\"o}ller"])(written)


def test_hyphenated_given_names_and_initials() -> None:
    assert OwnerMatcher(["Bor-Yiing Su"])("B.-Y. Su")
    assert OwnerMatcher(["Bor-Yiing Su"])("Su, Bor-Yiing")
    assert not OwnerMatcher(["Bor-Yiing Su"])("Weijie J Su")


def test_von_part_written_either_way() -> None:
    matcher = OwnerMatcher(["Ludwig van Beethoven"])
    assert matcher("van Beethoven, L.")
    assert matcher("Beethoven, Ludwig van")


def test_no_aliases_matches_nobody() -> None:
    assert not OwnerMatcher([])("Qinqing Zheng")
    assert not OwnerMatcher(["", "  "])("Qinqing Zheng")


def test_aliases_of_config_forms() -> None:
    assert aliases_of(None) == []
    assert aliases_of("Qinqing Zheng; Q. Zheng") == ["Qinqing Zheng", "Q. Zheng"]
    assert aliases_of(["Qinqing Zheng", " Q. Zheng "]) == ["Qinqing Zheng", "Q. Zheng"]


def test_fold_and_display() -> None:
    assert fold(r"M{\"o}ller") == fold("Möller") == "moller"
    assert display_name(parse_person(r"M{\"o}ller, Hans J.")) == "Hans J. Möller"
    assert display_name(parse_person("Doe, Jr., John")) == "John Doe, Jr."


def test_odd_names_never_raise() -> None:
    assert display_name(parse_person("a, b, c, d"))
    assert not OWNER("a, b, c, d")


def test_latex_spans_styles_and_braces() -> None:
    assert latex_spans(r"A {GPU} \emph{fast} {\"U}ber") == [("", "A GPU "), ("em", "fast"), ("", " Über")]
    assert latex_spans(r"{\bf Bold} and \texttt{code}") == [
        ("strong", "Bold"),
        ("", " and "),
        ("code", "code"),
    ]
    assert latex_to_text(r"50\% of \$5 --- {ShadowSync}") == "50% of $5 — ShadowSync"
    assert latex_to_text("Owning <script>") == "Owning <script>"


def test_latex_unbalanced_input_survives() -> None:
    assert latex_to_text(r"unbalanced \emph{oops") == "unbalanced oops"
    assert latex_to_text("}{") == ""
