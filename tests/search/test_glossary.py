"""The glossary as queries use it (analysed terms, longest expression first, both languages) and marks."""

import pytest

from search.analysis import stem
from search.highlight import highlight, section_snippet
from search.query import TermGroup, parse_query

GLOSSARY = (
    ("compras públicas", "public procurement"),
    ("compras", "procurement"),
    ("licitación", "tender", "call for tenders"),
    ("III", "tercer", "third", "3rd"),
)


def groups(text: str, language: str) -> tuple[TermGroup, ...]:
    return parse_query(text).analyzed(language, GLOSSARY).groups


class TestExpansion:
    def test_an_expression_brings_its_equivalents_in_both_languages(self):
        [group] = groups("licitaciones", "es")
        assert group.terms == ("licit",)
        assert ("tend",) in group.alternatives
        assert ("call", "for", "tenders") in group.alternatives  # English words, Spanish stemmer

    def test_the_longest_expression_wins_and_other_words_stay_plain(self):
        found = groups("compras públicas en Chile", "es")
        assert [group.terms for group in found] == [("compr", "public"), ("chil",)]
        assert found[0].alternatives == (("public", "procurement"),)
        assert found[1].alternatives == ()

    @pytest.mark.parametrize(
        "text",
        ["¿dónde fue el tercer seminario?", "III seminario", "3rd seminario"],
        ids=["word", "roman", "3rd"],
    )
    def test_ordinals_and_roman_numerals_are_one_group(self, text):
        first = groups(text, "es")[0]
        assert {first.terms, *first.alternatives} >= {("iii",), ("third",)}

    def test_partial_matches_need_most_of_the_groups(self):
        assert parse_query("compras públicas").analyzed("es", GLOSSARY).partial_minimum() is None
        assert parse_query("vacunas covid compras").analyzed("es", GLOSSARY).partial_minimum() == 2
        assert parse_query("alpha beta gamma delta epsilon").analyzed("en").partial_minimum() == 3


class TestHighlight:
    def test_expressions_are_marked_only_where_their_words_follow_each_other(self):
        sequences = {("compr", "public")}
        html = highlight("Compras de las entidades públicas; compras públicas", set(), "es", sequences)
        assert html == "Compras de las entidades públicas; <mark>compras</mark> <mark>públicas</mark>"

    def test_stop_words_between_the_words_of_an_expression_do_not_break_it(self):
        html = highlight(
            "la Organización de los Estados Americanos", set(), "es", {("organiz", "estad", "american")}
        )
        assert html == "la <mark>Organización</mark> de los <mark>Estados</mark> <mark>Americanos</mark>"

    def test_a_profile_snippet_is_the_matching_field_under_its_label(self):
        text = "Chile\nDirección de Compras\nMercado Público"
        sections = (("Name", 0, 5), ("Procurement agency", 6, 26), ("E-procurement system", 27, 42))
        label, html = section_snippet(text, sections, {stem("mercado", "es")}, "es")
        assert (label, html) == ("E-procurement system", "<mark>Mercado</mark> Público")
