"""What fetch reads of an article page before cleaning: its title and its visible text."""

from __future__ import annotations

import pytest

from pipeline.fetch.page import text_of_title, visible_text


def test_visible_text_leaves_out_scripts_styles_and_tags():
    html = "<p>a</p><SCRIPT>var x = '</p>';</Script ><p>b</p><style>p {}</style><noscript>n</noscript>c"
    assert visible_text(html) == "a b c"


def test_an_element_left_open_hides_the_rest_as_a_browser_does():
    assert visible_text("<p>antes</p><script>var x = 1; <p>después</p>") == "antes"


def test_title_is_the_first_closed_one():
    assert text_of_title("<head><TITLE lang=es>Hola &amp;\n adiós</title><title>otro</title>") == "Hola & adiós"
    assert text_of_title("<head><title>sin cerrar") == ""


@pytest.mark.parametrize(("tag", "hides"), [("<script>", True), ("<style>", True), ("<title>", False)])
def test_thousands_of_unclosed_tags_are_read_in_one_pass(tag, hides):
    """200,000 tags left open: a pattern that searched for each one's end would take hours."""
    html = (tag + "x") * 200_000 + "<p>fin</p>"
    text = visible_text(html)
    assert (text == "") if hides else (text.endswith("x fin") and len(text) == 400_003)
    assert text_of_title(html) == ""
