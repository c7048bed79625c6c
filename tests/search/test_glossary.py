"""The glossary as queries use it (analysed terms, the expressions covering the most words, both languages),
as marks show it, and as editors and data files write it."""

import dataclasses

import pytest

from network.reference import DataFileError, load
from search.analysis import stem
from search.datasets import GLOSSARY_DATA
from search.glossary import current_glossary
from search.highlight import highlight, section_snippet
from search.models import GlossaryEntry
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
    def test_a_word_the_typed_language_leaves_out_is_no_expression_of_the_other(self):
        # "Canadá" is "can" once stemmed in Spanish; "can", typed in English, is a stop word.
        glossary = (("Canadá", "Canada"),)
        typed = parse_query("can I reuse the tenders?", "en")
        assert [group.terms for group in typed.analyzed("es", glossary).groups] == [("reus",), ("tenders",)]
        assert [group.terms for group in parse_query("Canadá").analyzed("es", glossary).groups] == [("can",)]

    def test_a_generic_word_alone_is_no_expression_that_shares_its_stem(self):
        # "públicas" and "publicaciones" are both "public" once stemmed in Spanish.
        glossary = (("órgano rector de compras", "procurement authority"), ("publicaciones", "publications"))
        found = parse_query("órgano rector de las compras públicas").analyzed("es", glossary).groups
        assert [(group.terms, group.alternatives, group.generic) for group in found[1:]] == [
            (("public",), (), True)
        ]
        [publications] = parse_query("publicaciones").analyzed("es", glossary).groups
        assert ("publications",) in publications.alternatives

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

    def test_expressions_that_cover_every_word_win_over_the_longest_first(self):
        """Longest first, "normativa de compras" would leave "estatales" a loose word."""
        sets = (
            ("normativa", "normativa de compras", "legal framework"),
            ("compras estatales", "public procurement"),
            ("compras", "procurement"),
        )
        found = parse_query("normativa de compras estatales").analyzed("es", sets).groups
        assert [group.terms for group in found] == [("normat",), ("compr", "estatal")]
        assert ("legal", "framework") in found[0].alternatives
        assert ("public", "procurement") in found[1].alternatives
        # With the words covered alike ("normativa" and "compras" are expressions too), the fewest
        # and longest expressions win.
        found = parse_query("normativa de compras").analyzed("es", sets).groups
        assert [group.terms for group in found] == [("normat", "compr")]

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

    def test_a_partial_match_needs_the_ordinal_that_says_which_one(self):
        glossary = (*GLOSSARY, ("IV", "cuarto", "fourth", "4th"))
        terms = parse_query("agenda del IV seminario").analyzed("es", glossary)
        assert [group.is_ordinal for group in terms.groups] == [False, True, False]
        assert (terms.partial_minimum(), terms.partial_required()) == (2, [1])
        # A year, a number or a Roman numeral the glossary does not list is no ordinal.
        for text in ("agenda 2005 seminario", "ley 22 de panamá", "agenda del XV seminario"):
            assert parse_query(text).analyzed("es", glossary).partial_required() == [], text

    def test_two_clauses_one_an_expression_of_several_words_need_one_and_two_words_both(self):
        glossary = (*GLOSSARY, ("pequeña empresa", "small business"), ("factura electrónica", "e-invoice"))
        two_concepts = parse_query("pequeñas empresas y facturas electrónicas").analyzed("es", glossary)
        assert two_concepts.names_two_concepts()
        assert two_concepts.partial_minimum() == 1
        assert two_concepts.partial_clauses() == [0, 1]
        # The other may be a single word, of the glossary or not, and a partial match then needs
        # the expression, most of the words; two single words are two words like any other.
        for text in ("facturas electrónicas y licitaciones", "pequeña empresa plataforma"):
            one_word = parse_query(text).analyzed("es", glossary)
            assert (one_word.partial_minimum(), one_word.partial_clauses()) == (1, [0]), text
        for text in ("licitación electrónica", "colusión plataforma", "licitación compras"):
            assert parse_query(text).analyzed("es", glossary).partial_minimum() is None, text


class TestGlossaryTerms:
    """The terms the database engines write into indexed text for the glossary: a concept term per
    entry (for matching) and an expression term per occurrence of each expression of several
    words (for scoring)."""

    def test_each_entry_s_concept_term_once_overlapping_expressions_too(self):
        from collections import Counter

        from search.analysis import analyze
        from search.glossary import concept_term, glossary_terms, is_glossary_term

        terms = analyze("Las compras públicas electrónicas y otras compras públicas", "es")
        entries = (*GLOSSARY, ("compras públicas electrónicas", "e-procurement"))
        found = Counter(glossary_terms(terms, entries, ["es"]))
        concepts = {
            term: found[term] for term in (concept_term(expressions, "es") for expressions in entries)
        }
        # compras públicas electrónicas, compras públicas, compras; not the tender entry nor "III".
        assert list(concepts.values()) == [1, 1, 0, 0, 1]
        assert all(is_glossary_term(term) for term in found)

    def test_each_occurrence_of_an_expression_of_several_words_brings_its_expression_term(self):
        from collections import Counter

        from search.analysis import analyze
        from search.glossary import expression_term, glossary_terms

        terms = analyze("Las compras públicas electrónicas y otras compras públicas", "es")
        e_procurement = ("compras públicas electrónicas", "e-procurement")
        found = Counter(glossary_terms(terms, (*GLOSSARY, e_procurement), ["es", "en"]))
        # As often as a phrase query would count them, once whatever the languages that find them.
        assert found[expression_term(("compr", "public"))] == 2
        assert found[expression_term(("compr", "public", "electron"))] == 1

    def test_a_text_holds_the_concept_terms_of_the_expressions_as_each_language_analyses_them(self):
        from search.analysis import analyze
        from search.glossary import concept_term, glossary_terms

        # Spanish text analysed in Spanish: the English analysis of "licitación" keeps the accentless
        # word whole, which the Spanish stem is not, as a phrase query in English would find.
        terms = analyze("Una licitación", "es")
        assert glossary_terms(terms, GLOSSARY, ["es", "en"]) == [concept_term(GLOSSARY[2], "es")]
        # "III" is "iii" in either analysis: a query in either language would find it.
        terms = analyze("El III seminario", "es")
        ordinal = GLOSSARY[3]
        assert glossary_terms(terms, GLOSSARY, ["es", "en"]) == [
            concept_term(ordinal, "es"),
            concept_term(ordinal, "en"),
        ]

    def test_the_letter_of_e_procurement_keeps_it_apart_from_procurement(self):
        """Analysed as "procurement", "e-procurement" put every "procurement" in its entry."""
        from search.analysis import analyze, words
        from search.glossary import concept_term, glossary_terms

        assert analyze("E-procurement y e-Gobierno", "es") == ["e", "procurement", "e", "gobiern"]
        # A letter alone is no word, nor is one before a hyphen that joins nothing.
        assert words("Chile e Inglaterra, plan B, e- shop") == ["chile", "inglaterra", "plan", "shop"]
        entries = (("e-procurement", "compras electrónicas"), ("procurement", "compras"))
        e_procurement, procurement = (concept_term(expressions, "en") for expressions in entries)
        assert glossary_terms(analyze("Government procurement", "en"), entries, ["en"]) == [procurement]
        assert e_procurement in glossary_terms(analyze("Our e-procurement system", "en"), entries, ["en"])
        [group] = parse_query("procurement").analyzed("en", entries).groups
        assert ("compra", "electronica") not in group.alternatives

    def test_a_hyphenated_expression_written_as_one_word_is_the_same_expression(self):
        """Readers run "anti-corruption" together; as one word it is one term, which the
        hyphenated expression's two terms never matched, in a query or in a page."""
        from search.analysis import analyze
        from search.glossary import concept_term, glossary_terms

        entries = (("anti-corruption", "lucha contra la corrupción"),)
        [group] = parse_query("anticorruption").analyzed("en", entries).groups
        assert ("anti", "corrupt") in group.alternatives
        assert ("lucha", "contra", "la", "corrupcion") in group.alternatives
        concept = concept_term(entries[0], "en")
        assert concept in glossary_terms(analyze("An anticorruption office", "en"), entries, ["en"])
        assert concept in glossary_terms(analyze("An anti-corruption office", "en"), entries, ["en"])

    def test_a_glossary_term_is_one_word_of_letters_for_every_engine(self):
        from search.glossary import concept_term, expression_term

        terms = {concept_term(expressions, language) for expressions in GLOSSARY for language in ("es", "en")}
        terms.add(expression_term(("compr", "public")))
        assert len(terms) == 2 * len(GLOSSARY) + 1
        assert all(term.isalpha() and term.isascii() and term.islower() for term in terms)

    def test_a_query_asks_for_them_only_when_the_index_holds_them(self):
        from search.glossary import concept_term, expression_term

        held = parse_query("licitaciones").analyzed("es", GLOSSARY, concepts=True)
        [group] = held.groups
        assert group.concepts == (concept_term(GLOSSARY[2], "es"),)
        assert groups("licitaciones", "es")[0].concepts == ()
        # Scored by each expression: one of several words by its term where the index holds them,
        # else as a phrase.
        [by_term] = held.by_expression().groups
        assert by_term.concepts == ()
        assert (expression_term(("call", "for", "tenders")),) in by_term.alternatives
        assert ("tend",) in by_term.alternatives
        [as_phrase] = parse_query("licitaciones").analyzed("es", GLOSSARY).by_expression().groups
        assert ("call", "for", "tenders") in as_phrase.alternatives

    def test_a_word_that_is_itself_an_expression_is_asked_for_by_its_concept_terms_alone(self):
        [group] = parse_query("licitaciones").analyzed("es", GLOSSARY, concepts=True).groups
        assert group.concepts_hold_terms  # "licit" is the Spanish analysis of "licitación"
        # Several words match anywhere in an entry, not only side by side as the expression does.
        [group] = parse_query("compras públicas").analyzed("es", GLOSSARY, concepts=True).groups
        assert not group.concepts_hold_terms
        # A word that is an expression only without its plural's "s" is not one of its terms.
        agreements = (("acuerdos", "agreements"),)
        [group] = parse_query("agreement").analyzed("es", agreements, concepts=True).groups
        assert group.concepts and not group.concepts_hold_terms
        [group] = parse_query("agreements").analyzed("es", agreements, concepts=True).groups
        assert group.concepts_hold_terms
        # Without concept terms in the index, the word is asked for as it is.
        [group] = parse_query("licitaciones").analyzed("es", GLOSSARY).groups
        assert not group.concepts_hold_terms


class TestWordFamilies:
    @pytest.mark.parametrize(
        ("word", "language", "verb"),
        [
            ("compradores", "es", "compr"),  # quienes compran
            ("proveedores", "es", "prov"),  # proveen
            ("distribuidor", "es", "distribu"),
            ("buyers", "en", "buy"),
            ("bidders", "en", "bid"),
            ("suppliers", "en", "suppli"),  # supply
            ("trainer", "en", "train"),
        ],
    )
    def test_an_agent_noun_also_matches_its_verb(self, word, language, verb):
        [group] = groups(word, language)
        assert (group.alternatives, group.verbs) == ((), (verb,))
        assert stem(verb + ("ar" if language == "es" else ""), language).startswith(verb[:3])

    def test_so_does_one_of_the_glossarys_beside_its_equivalents(self):
        """Asked by its concept terms, "compradores" had lost the "compra" of "quien compra"."""
        glossary = (("compradores", "compradores públicos", "buyers"),)
        for concepts in (False, True):
            [group] = parse_query("compradores").analyzed("es", glossary, concepts=concepts).groups
            assert group.verbs == ("compr",)
            assert ("buyers",) in group.alternatives

    @pytest.mark.parametrize(("word", "language"), [("usuarios", "es"), ("user", "en"), ("datos", "es")])
    def test_other_words_and_short_stems_stay_alone(self, word, language):
        [group] = groups(word, language)
        assert (group.alternatives, group.verbs) == ((), ())


@pytest.fixture(scope="module")
def sets() -> tuple[tuple[str, ...], ...]:
    """The glossary file's entries, as the database would hold them."""
    import yaml

    from search.glossary import DATA_FILE

    entries = yaml.safe_load(DATA_FILE.read_text())["entries"]
    return tuple(tuple(entry["es"] + entry["en"]) for entry in entries)


class TestThesaurus:
    """The glossary file's general procurement thesaurus, as the queries read it."""

    def test_it_is_broad_and_every_entry_has_equivalents(self, sets):
        assert len(sets) >= 150
        assert all(len(expressions) > 1 for expressions in sets)

    @pytest.mark.parametrize(
        ("text", "language", "equivalent"),
        [
            ("upskilling", "en", "capacitación"),
            ("professionalisation", "en", "formación"),
            ("outsourced services", "en", "tercerización"),
            ("compras centralizadas", "es", "joint procurement"),
            ("registro de proveedores", "es", "supplier registration"),
            ("e-invoicing", "en", "factura electrónica"),
            ("oferentes", "es", "tenderer"),
            ("gobierno abierto", "es", "open government"),
            # The site's own pages (accessibility, licence) and common paraphrases.
            ("assistive technology", "en", "accesibilidad"),
            ("propiedad intelectual", "es", "copyright"),
            ("subasta a la baja", "es", "e-auction"),
            ("electronically signed", "en", "firma digital"),
            ("civil servants", "en", "funcionarios públicos"),
            ("reglamentos", "es", "regulations"),
            ("split of roles", "en", "organización institucional"),
            ("PIB", "es", "GDP"),
            # The words for a country's people name the country.
            ("chilenas", "es", "Chile"),
            ("Mexican", "en", "México"),
            ("estadounidense", "es", "United States"),
        ],
    )
    def test_a_concept_brings_its_synonyms_and_translation(self, sets, text, language, equivalent):
        from search.analysis import analyze

        [group] = parse_query(text).analyzed(language, sets).groups
        assert tuple(analyze(equivalent, language)) in group.alternatives

    @pytest.mark.parametrize(("text", "language"), [("contracts", "en"), ("operations", "en")])
    def test_a_plain_word_is_no_concept_it_does_not_mean(self, sets, text, language):
        # "contracting out" and "in operation since" were read as "contracting" and "operation":
        # every query with "contracts" listed the outsourcing topic first.
        [group] = parse_query(text).analyzed(language, sets).groups
        assert not group.alternatives

    def test_a_named_law_is_not_the_generic_concept_it_belongs_to(self, sets):
        # The United States' Federal Acquisition Regulation is not any federal procurement: with
        # "compras federales" as its equivalent, Mexico's profile came first for it.
        from search.analysis import analyze

        [group] = parse_query("Federal Acquisition Regulation").analyzed("es", sets).groups
        assert tuple(analyze("Reglamento Federal de Adquisiciones", "es")) in group.alternatives
        assert tuple(analyze("compras federales", "es")) not in group.alternatives

    def test_no_expression_is_cut_by_a_comma(self, sets):
        # A YAML flow list splits at commas: an expression with one must be quoted, not broken up.
        assert not {"micro", "bienes", "goods"} & {
            expression for expressions in sets for expression in expressions
        }


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


class TestPlaces:
    """Cities in the glossary say where a query asks about, not what."""

    PLACES = (("Santiago de Chile", "Santiago"), ("São Paulo", "Sao Paulo"))

    @pytest.mark.parametrize(
        ("significant", "language", "places"),
        [
            (["hotels", "sao", "paulo"], "en", {"sao", "paulo"}),
            (["clima", "santiago", "chile"], "es", {"santiago", "chile"}),
            (["seminario", "santiago"], "es", {"santiago"}),
            (["paulo", "freire"], "en", set()),
        ],
    )
    def test_the_words_of_a_place_in_a_query(self, significant, language, places):
        from search.glossary import words_of_expressions

        assert words_of_expressions(significant, language, self.PLACES) == places

    def test_the_files_places_load_marked_as_places_and_cross_languages(self, db):
        load([GLOSSARY_DATA])

        assert GlossaryEntry.objects.filter(place=True).count() >= 35
        assert ("São Paulo", "San Pablo", "São Paulo", "Sao Paulo") in current_glossary().places
        assert not any("licitación" in expressions for expressions in current_glossary().places)
        [mexico_city] = [
            expressions for expressions in current_glossary().sets if "Mexico City" in expressions
        ]
        assert "Ciudad de México" in mexico_city


class TestEditingTheGlossary:
    """An expression made only of words the search leaves out would find nothing: refused, saying which."""

    def test_the_admin_refuses_it_and_keeps_the_entry_unsaved(self, admin_client):
        url = "/admin/snippets/search/glossaryentry/add/"
        typed = {"spanish": "compras verdes", "english": "green buying\nwho does what"}
        response = admin_client.post(url, typed)
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["english"]
        assert "who does what" in response.context["form"].errors["english"][0]
        assert not GlossaryEntry.objects.exists()
        response = admin_client.post(url, {"spanish": "compras verdes", "english": "green buying"})
        assert response.status_code == 302
        assert GlossaryEntry.objects.get().expressions() == ["compras verdes", "green buying"]

    def test_an_entry_taken_out_of_the_file_leaves_the_site_unless_an_editor_changed_it(self, db, tmp_path):
        data = tmp_path / "glossary.yaml"
        entries = {
            "green-buying": "  es: [compras verdes]\n  en: [green buying]\n",
            "bulk-buying": "  es: [compras por volumen]\n  en: [bulk buying]\n",
            "pooled": "  es: [compras conjuntas]\n  en: [pooled procurement]\n",
        }
        glossary = dataclasses.replace(GLOSSARY_DATA, path=data)

        def load_file_with(*keys: str) -> None:
            text = "entries:\n" + "".join(f"- key: {key}\n{entries[key]}" for key in keys)
            data.write_text(text, encoding="utf-8")
            load([glossary])

        load_file_with("green-buying", "bulk-buying", "pooled")
        edited = GlossaryEntry.objects.get(english="pooled procurement")
        edited.english = "pooled procurement\njoint purchasing"
        edited.save()
        load_file_with("green-buying")

        assert sorted(entry.english for entry in GlossaryEntry.objects.all()) == [
            "green buying",
            "pooled procurement\njoint purchasing",
        ]
        assert not any("bulk buying" in expressions for expressions in current_glossary().sets)
        # Back in the file, it is loaded again; the editor's entry is still theirs.
        load_file_with("green-buying", "bulk-buying", "pooled")
        assert GlossaryEntry.objects.count() == 3
        assert GlossaryEntry.objects.filter(english="pooled procurement\njoint purchasing").exists()

    def test_a_data_file_with_one_names_its_entry_and_loads_nothing(self, db, tmp_path):
        data = tmp_path / "glossary.yaml"
        data.write_text(
            "entries:\n"
            "- key: green-buying\n  es: [compras verdes]\n  en: [green buying]\n"
            "- key: articles\n  es: [compras sostenibles, de la]\n  en: [sustainable buying]\n",
            encoding="utf-8",
        )
        with pytest.raises(DataFileError, match="articles"):
            load([dataclasses.replace(GLOSSARY_DATA, path=data)])
        assert not GlossaryEntry.objects.exists()
