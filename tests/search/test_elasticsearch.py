"""The Elasticsearch engine without a cluster: its index definitions and the requests it builds.

Building a request never contacts Elasticsearch, so these tests always run; the
same behaviour against a real cluster is in test_elasticsearch_cluster.py.
A cluster that cannot be reached is real here too: a closed port on this machine.
"""

import datetime
import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.urls import reverse
from django.utils import translation

import pytest

from search.analysis import ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS
from search.backends import get_search_engine
from search.backends.base import SORT_DATE, IndexEntry, SearchQuery, SearchUnavailable, unknown_among
from search.backends.elasticsearch import (
    COMPLETE_FIRST,
    FIELDS,
    MAX_RESULT_WINDOW,
    ElasticsearchEngine,
    corrected_queries,
    entry_document,
    escaped_marks,
    index_definition,
    swap_actions,
    text_query,
    two_concepts,
    typed_ordinals,
    with_versions,
)
from search.glossary import current_glossary, synonym_rules
from search.models import GlossaryEntry


@pytest.fixture
def engine() -> ElasticsearchEngine:
    return ElasticsearchEngine(url="http://127.0.0.1:9200", prefix="unit")


@pytest.fixture
def closed_port_url() -> str:
    """The address of a port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class EmptyCluster(BaseHTTPRequestHandler):
    """Answers each search as a cluster where nothing matches would, keeping every request it got
    (path and body) in ``received``."""

    received: list[tuple[str, str]]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append((self.path.split("?")[0], body))
        if self.path.split("?")[0].endswith("_msearch"):
            requests = [json.loads(line) for line in body.splitlines() if line.strip()][1::2]
            answer = {
                "took": 0,
                "responses": [{**empty_answer(request), "status": 200} for request in requests],
            }
        else:
            answer = empty_answer(json.loads(body))
        content = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args):
        pass


def empty_answer(request: dict) -> dict:
    """A search response with no hit, its aggregations empty and its suggesters without options."""
    suggesters = {name: spec for name, spec in request.get("suggest", {}).items() if name != "text"}
    return {
        "took": 0,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
        "aggregations": empty_aggregations(request.get("aggs", {})),
        "suggest": {
            name: [
                {"text": word, "offset": 0, "length": len(word), "options": []}
                for word in spec["text"].split()
            ]
            for name, spec in suggesters.items()
        },
    }


def empty_aggregations(aggregations: dict) -> dict:
    answers = {}
    for name, aggregation in aggregations.items():
        if "filters" in aggregation:
            answers[name] = {"buckets": {key: {"doc_count": 0} for key in aggregation["filters"]["filters"]}}
        elif "cardinality" in aggregation:
            answers[name] = {"value": 0}
        else:
            answers[name] = {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": []}
    return answers


@pytest.fixture
def empty_cluster() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The address of a local HTTP server answering as an Elasticsearch cluster where nothing
    matches, and the requests it received."""
    received: list[tuple[str, str]] = []
    handler = type("Handler", (EmptyCluster,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def body(engine: ElasticsearchEngine, text: str, **options) -> dict:
    return engine.entry_search(SearchQuery(text, options.pop("language", "es"), **options)).to_dict()


def analysis(language: str) -> dict:
    return index_definition(f"unit-{language}-1", language).to_dict()["settings"]["analysis"]


class TestIndexDefinition:
    def test_spanish_folds_then_drops_the_shared_stop_words_then_stems_lightly(self):
        settings = analysis("es")
        chain = settings["analyzer"]["language"]["filter"]
        assert chain == [
            "lowercase",
            "asciifolding",
            "abbreviations",
            "spanish_numbers",
            "spanish_stop",
            "spanish_stemmer",
        ]
        assert settings["filter"]["spanish_stop"]["stopwords"] == sorted(SPANISH_STOP_WORDS)
        assert "tambien" in settings["filter"]["spanish_stop"]["stopwords"]
        assert settings["filter"]["spanish_stemmer"] == {"type": "stemmer", "language": "light_spanish"}

    def test_english_removes_possessives_before_folding_and_stems(self):
        settings = analysis("en")
        chain = settings["analyzer"]["language"]["filter"]
        assert chain == [
            "english_possessive",
            "lowercase",
            "asciifolding",
            "abbreviations",
            "english_numbers",
            "english_stop",
            "american_spelling",
            "english_stemmer",
        ]
        assert settings["filter"]["english_possessive"]["language"] == "possessive_english"
        assert settings["filter"]["english_stop"]["stopwords"] == sorted(ENGLISH_STOP_WORDS)
        assert settings["filter"]["english_stemmer"]["language"] == "english"

    def test_english_reads_british_spellings_as_the_database_engines_do(self):
        import re

        from search.analysis import stem

        spelling = analysis("en")["filter"]["american_spelling"]
        assert spelling["type"] == "pattern_replace"
        # The Java replacement, read with Python's syntax, spells as the database engines stem.
        replacement = spelling["replacement"].replace("$", "\\")
        pairs = (("organisation", "organization"), ("institutionalised", "institutionalized"))
        for british, american in pairs:
            assert re.sub(spelling["pattern"], replacement, british) == american
            assert stem(british, "en") == stem(american, "en")

    def test_us_in_capitals_is_written_out_before_any_filter_in_every_analyzer(self):
        from search.analysis import UNITED_STATES, analyze

        settings = analysis("es")
        assert settings["char_filter"]["written_out"] == {
            "type": "pattern_replace",
            "pattern": UNITED_STATES.pattern,
            "replacement": "United States",
        }
        assert {tuple(item.get("char_filter", ())) for item in settings["analyzer"].values()} == {
            ("written_out",)
        }
        assert analyze("US and U.S. but not US$ nor USA", "en") == ["unit", "state", "unit", "state", "usa"]
        assert analyze("CONTACT US", "en") == ["contact"]  # a text all in capitals keeps the pronoun

    def test_abbreviations_are_read_as_their_words_as_the_database_engines_read_them(self):
        from search.analysis import analyze

        for language in ("es", "en"):
            rules = analysis(language)["filter"]["abbreviations"]
            assert rules["type"] == "synonym"
            assert "govt => government" in rules["synonyms"]
            assert analyze("govt depts", language) == analyze("government departments", language)

    def test_numbers_written_out_are_read_as_digits_as_the_database_engines_read_them(self):
        from search.analysis import analyze
        from search.backends.elasticsearch import number_rules

        for language, written, digits in (
            (
                "es",
                "treinta y ocho altos funcionarios de dieciocho países",
                "38 altos funcionarios de 18 países",
            ),
            (
                "en",
                "thirty-eight senior officials from eighteen countries",
                "38 senior officials from 18 countries",
            ),
        ):
            assert analyze(written, language) == analyze(digits, language)
            rules = analysis(language)["filter"][f"{'spanish' if language == 'es' else 'english'}_numbers"]
            assert rules["type"] == "synonym"
            assert rules["synonyms"] == number_rules(language)
        assert {"treinta y ocho => 38", "treinta ocho => 38", "dieciocho => 18"} <= set(number_rules("es"))
        assert {"thirty eight => 38", "eighteen => 18"} <= set(number_rules("en"))
        # "Uno" and "one" alone are an article and a pronoun; joined to a tens word, a unit.
        assert analyze("the one we want, twenty-one", "en") == ["one", "want", "21"]
        assert not any(
            rule.startswith(("one =>", "uno =>")) for rule in number_rules("en") + number_rules("es")
        )

    def test_document_languages_get_their_light_stemmers(self):
        assert analysis("pt")["filter"]["portuguese_stemmer"]["language"] == "light_portuguese"
        french = analysis("fr")
        assert french["analyzer"]["language"]["filter"][0] == "french_elision"
        assert french["filter"]["french_stemmer"]["language"] == "light_french"

    def test_other_languages_are_only_folded(self):
        assert analysis("de")["analyzer"]["language"]["filter"] == ["lowercase", "asciifolding"]

    def test_the_exact_subfields_are_folded_but_not_stemmed(self):
        settings = analysis("es")
        assert settings["analyzer"]["folded"] == {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["written_out"],
            "filter": ["lowercase", "asciifolding"],
        }

    def test_text_fields_are_stemmed_with_exact_subfields_and_title_words_beginnings(self):
        fields = index_definition("unit-es-1", "es").to_dict()["mappings"]["properties"]
        for name in ("title", "keywords", "text"):
            assert fields[name]["analyzer"] == "language"
            assert fields[name]["fields"]["exact"] == {"type": "text", "analyzer": "folded"}
        assert fields["title"]["fields"]["prefix"] == {
            "type": "text",
            "analyzer": "prefixes",
            "search_analyzer": "folded",
        }
        assert fields["suggest"] == {"type": "completion", "analyzer": "folded"}
        assert fields["text"]["index_options"] == "offsets"

    def test_titles_are_also_kept_whole_and_folded_for_the_countries_a_query_names(self):
        definition = index_definition("unit-es-1", "es").to_dict()
        whole = definition["mappings"]["properties"]["title"]["fields"]["whole"]
        assert whole == {"type": "keyword", "normalizer": "folded_keyword"}
        normalizers = definition["settings"]["analysis"]["normalizer"]
        assert normalizers["folded_keyword"] == {"type": "custom", "filter": ["lowercase", "asciifolding"]}

    def test_title_words_are_indexed_by_their_folded_edge_ngrams_from_two_letters(self):
        settings = analysis("es")
        assert settings["analyzer"]["prefixes"] == {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["written_out"],
            "filter": ["lowercase", "asciifolding", "word_beginnings"],
        }
        assert settings["filter"]["word_beginnings"] == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}

    def test_facets_are_keywords_and_unknown_fields_are_refused(self):
        mappings = index_definition("unit-es-1", "es").to_dict()["mappings"]
        fields = mappings["properties"]
        for name in ("source", "language", "kind", "year", "countries", "topics"):
            assert fields[name] == {"type": "keyword"}
        assert fields["date"] == {"type": "date"}
        assert fields["url"] == {"type": "keyword", "index": False}
        assert mappings["dynamic"] == "strict"

    def test_one_shard_and_replicas_only_where_a_second_node_exists(self):
        settings = index_definition("unit-es-1", "es").to_dict()["settings"]
        assert settings["number_of_shards"] == 1
        assert settings["auto_expand_replicas"] == "0-1"


class TestWords:
    def test_loose_words_must_all_be_found_across_the_stemmed_fields(self, engine):
        request = body(engine, "contratación pública pymes")
        [words] = request["query"]["bool"]["must"]
        assert words["multi_match"] == {
            "query": "contratación pública pymes",
            "fields": ["title^10", "keywords^3", "text"],
            "analyzer": "typed_es",
            "type": "cross_fields",
            "operator": "and",
            "zero_terms_query": "all",
        }

    def test_a_question_is_asked_without_the_words_that_frame_it(self, engine):
        [words] = body(engine, "¿qué países usan la subasta inversa?")["query"]["bool"]["must"]
        assert words["multi_match"]["query"] == "¿qué países la subasta inversa?"
        [words] = body(engine, "usan la subasta inversa")["query"]["bool"]["must"]
        assert words["multi_match"]["query"] == "usan la subasta inversa"
        # Within one of the glossary's expressions, such a word is part of what is asked.
        question = "how do I get in touch?"
        [words] = body(engine, question, language="en")["query"]["bool"]["must"]
        assert words["multi_match"]["query"] == "how do I in touch?"
        glossary = (("get in touch", "contact"),)
        [words] = body(engine, question, language="en", glossary=glossary)["query"]["bool"]["must"]
        assert words["multi_match"]["query"] == question

    def test_exact_words_and_their_order_only_add_to_the_score(self, engine):
        boosts = body(engine, "compras publicas")["query"]["bool"]["should"]
        assert [boost["multi_match"]["fields"] for boost in boosts[:2]] == [
            ["title.exact^10", "keywords.exact^3", "text.exact"]
        ] * 2
        assert boosts[1]["multi_match"]["type"] == "phrase"
        assert boosts[2]["constant_score"]["filter"] == {"match": {"title.whole": "compras publicas"}}

    def test_by_default_every_language_is_searched_one_entry_per_page(self, engine):
        # A query in the other language finds a translated page through that version, shown in the
        # reader's (``ElasticsearchEngine.in_reader_language``): no language is filtered out.
        request = body(engine, "chile", language="en")
        assert engine.entry_search(SearchQuery("chile", "en")).index[:2] == ["unit-en", "unit-es"]
        assert all(
            "versions" not in json.dumps(clause) for clause in request["query"]["bool"].get("filter", [])
        )
        assert request["collapse"]["field"] == "source"
        assert request["collapse"]["inner_hits"]["sort"][0]["_script"]["script"]["params"] == {
            "language": "en"
        }
        assert request["indices_boost"] == [{"unit-en": 1.25}]

    @pytest.mark.django_db
    def test_each_significant_word_is_looked_for_in_every_language_counting_at_most_one(self, engine):
        searches = engine.unknown_word_searches(SearchQuery("the tenders of Wombatia", "en"))
        assert [word for word, _search in searches] == ["tenders", "wombatia"]
        word, search = searches[1]
        request = search.to_dict()
        assert search._index == engine.aliases
        assert request["query"]["multi_match"]["query"] == "wombatia"
        assert request["query"]["multi_match"]["operator"] == "and"
        assert (request["size"], request["terminate_after"], request["track_total_hits"]) == (0, 1, 1)

    @pytest.mark.django_db
    def test_an_expression_of_several_words_is_looked_for_as_typed_beside_its_words(self, engine):
        GlossaryEntry.objects.create(spanish="plataforma Wombat", english="Wombat platform")
        query = SearchQuery("tenders on the Wombat platform", "en")
        searches = engine.unknown_word_searches(query)
        assert [text for text, _search in searches] == ["tenders", "wombat", "platform", "wombat platform"]
        assert searches[3][1].to_dict()["query"]["multi_match"]["query"] == "wombat platform"
        # As the database engines read it: no entry has "wombat", so the expression is unknown whole.
        found = {"tenders": True, "wombat": False, "platform": True, "wombat platform": False}
        assert unknown_among(query, current_glossary().sets, found.__getitem__) == ["wombat", "platform"]
        found["wombat"] = True
        assert unknown_among(query, current_glossary().sets, found.__getitem__) == []

    @pytest.mark.django_db
    def test_the_entries_each_group_of_words_matches_are_counted_in_one_request(self, engine):
        GlossaryEntry.objects.create(spanish="compras públicas, compras del Estado", english="procurement")
        spans, search = engine.common_group_search(SearchQuery("las APP en las compras del Estado", "es"))
        request = search.to_dict()
        assert spans == [range(1, 2), range(4, 7)]
        assert search._index == engine.aliases
        groups = request["aggs"]["groups"]["filters"]["filters"]
        assert {name: group["multi_match"]["query"] for name, group in groups.items()} == {
            "0": "app",
            "1": "compras del estado",
        }
        assert {group["multi_match"]["operator"] for group in groups.values()} == {"and"}
        assert (request["size"], request["track_total_hits"]) == (0, True)
        assert engine.common_group_search(SearchQuery("las compras del Estado", "es")) is None

    @pytest.mark.django_db
    def test_a_generic_word_is_common_without_counting(self, engine):
        assert engine.generic_spans(SearchQuery("colusión del gobierno", "es")) == [range(2, 3)]
        assert engine.generic_spans(SearchQuery("government collusion", "en")) == [range(0, 1)]
        assert engine.generic_spans(SearchQuery("publicaciones de la red", "es")) == []

    def test_common_groups_only_add_to_the_score(self, engine):
        typed = SearchQuery("las APP en las compras del Estado", "es")
        request = text_query(typed, common=[range(4, 7)]).to_dict()
        [required] = request["bool"]["must"]
        assert required["multi_match"]["query"] == "las app en las"
        optional = request["bool"]["should"][0]["multi_match"]
        assert (optional["query"], optional["operator"]) == ("compras del estado", "and")
        # Partial matches need most of every group, common or not, and one that is not common.
        [most, telling] = text_query(typed, relaxed=True, common=[range(4, 7)]).to_dict()["bool"]["must"]
        [all_groups, _telling] = text_query(typed, relaxed=True).to_dict()["bool"]["must"]
        assert most == all_groups
        assert [clause["multi_match"]["query"] for clause in telling["bool"]["should"][1:]] == ["app"]

    def test_the_countries_a_query_names_are_the_profiles_whose_whole_title_is_one_of_its_words(self, engine):
        search = engine.country_word_search(SearchQuery("elecciones en México", "es"))
        request = search.to_dict()
        assert search._index == engine.aliases
        assert request["query"]["bool"]["filter"] == [
            {"term": {"kind": "country"}},
            {"terms": {"title.whole": ["elecciones", "mexico", "elecciones en mexico", "en mexico"]}},
        ]
        assert request["aggs"]["names"] == {
            "terms": {"field": "title.whole", "size": 4},
            "aggs": {"codes": {"terms": {"field": "countries", "size": 1}}},
        }
        # Or a run of its words: a name of several, stop words within it or before it included.
        for typed, name in (
            ("licitaciones en Costa Rica", "costa rica"),
            ("compras de El Salvador", "el salvador"),
            ("tenders in Saint Vincent and the Grenadines", "saint vincent and the grenadines"),
        ):
            search = engine.country_word_search(SearchQuery(typed, "es"))
            assert name in search.to_dict()["query"]["bool"]["filter"][1]["terms"]["title.whole"], typed
        assert request["size"] == 0
        assert engine.country_word_search(SearchQuery("de las", "es")) is None

    def test_partial_matches_of_a_question_naming_a_country_are_about_it_or_name_it_and_weigh_more(
        self, engine
    ):
        query = SearchQuery("where does Mexico publish its tenders", "en")
        request = engine.entry_search(query, relaxed=True, countries={"mexico": "MX"}).to_dict()
        weighed = request["query"]["function_score"]
        required = weighed["query"]["bool"]["must"]
        about = {"terms": {"countries": ["MX"]}}
        assert {
            "bool": {
                "should": [
                    about,
                    {
                        "bool": {
                            "should": [
                                {
                                    "multi_match": {
                                        "query": "mexico",
                                        "fields": FIELDS,
                                        "analyzer": "typed_en",
                                        "type": "cross_fields",
                                        "operator": "and",
                                    }
                                }
                            ],
                            "minimum_should_match": 1,
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        } in required
        assert weighed["functions"] == [
            {"filter": {"terms": {"countries": ["MX"]}}, "weight": 2.0},
            {
                "filter": {
                    "bool": {"filter": [{"term": {"kind": "country"}}, {"terms": {"countries": ["MX"]}}]}
                },
                "weight": 2.0,
            },
        ]
        # Complete matches have the country's name already: they are not narrowed or weighed.
        complete = engine.entry_search(query, countries={"mexico": "MX"}).to_dict()["query"]
        assert "function_score" not in complete
        assert "countries" not in json.dumps(complete)

    def test_the_entries_of_a_year_the_query_names_score_higher(self, engine):
        request = body(engine, "seminario 2005 en Santiago")
        weighed = request["query"]["function_score"]
        assert weighed["functions"] == [{"filter": {"terms": {"year": ["2005"]}}, "weight": 1.5}]
        assert (weighed["score_mode"], weighed["boost_mode"]) == ("multiply", "multiply")
        assert "bool" in weighed["query"]
        assert "function_score" not in body(engine, "seminario en Santiago")["query"]

    def test_operators_and_field_syntax_stay_plain_text(self, engine):
        request = json.dumps(body(engine, 'title:chile AND NOT (datos OR "x*'))
        assert "query_string" not in request
        assert "simple_query_string" not in request

    def test_first_page_of_ten(self, engine):
        request = body(engine, "chile")
        assert (request["from"], request["size"]) == (0, 10)
        assert request["track_total_hits"] is True


class TestPhrases:
    def test_quoted_words_are_a_phrase_in_one_field_and_the_rest_loose_words(self, engine):
        must = body(engine, 'pymes "compras públicas"')["query"]["bool"]["must"]
        assert must[0]["multi_match"]["query"] == "pymes"
        assert must[0]["multi_match"]["type"] == "cross_fields"
        assert must[1]["multi_match"] == {
            "query": "compras públicas",
            "fields": ["title^10", "keywords^3", "text"],
            "analyzer": "typed_es",
            "type": "phrase",
            "zero_terms_query": "all",
        }

    def test_an_entry_titled_as_typed_comes_first_among_those_with_every_word(self, engine):
        should = body(engine, "Acerca de la Red", language="en")["query"]["bool"]["should"]
        titled = [clause["constant_score"] for clause in should if "constant_score" in clause]
        assert titled == [{"filter": {"match": {"title.whole": "acerca de la red"}}, "boost": 1_000}]
        # A quoted phrase is not a title typed.
        should = body(engine, '"acerca de la red"')["query"]["bool"]["should"]
        assert not [clause for clause in should if "constant_score" in clause]

    def test_partial_matches_need_most_of_the_significant_words_and_empty_clauses_match_nothing(self, engine):
        query = SearchQuery('colusión plataforma de "datos abiertos"', "es")
        [needed, telling] = engine.entry_search(query, relaxed=True).to_dict()["query"]["bool"]["must"]
        clauses = needed["bool"]["should"]
        # Three clauses (two significant words and a phrase): two are needed. "de", which Spanish
        # leaves out, is no clause in the English index either.
        assert needed["bool"]["minimum_should_match"] == 2
        assert clauses[0]["multi_match"]["type"] == "phrase"
        assert [clause["multi_match"]["query"] for clause in clauses[1:]] == ["colusion", "plataforma"]
        assert {clause["multi_match"]["zero_terms_query"] for clause in clauses} == {"none"}
        # None of them is common and none names a country: any of them, or all, tells what it is about.
        every, *any_of = telling["bool"]["should"]
        assert telling["bool"]["minimum_should_match"] == 1
        assert every["bool"]["must"][0]["multi_match"]["operator"] == "and"
        assert any_of == clauses

    def test_a_partial_match_needs_a_word_that_is_neither_common_nor_a_country(self, engine):
        query = SearchQuery("presupuesto de compras de México", "es")
        request = text_query(query, relaxed=True, countries={"mexico": "MX"}, common=[range(2, 3)]).to_dict()
        [_most, telling, _about] = request["function_score"]["query"]["bool"]["must"]
        assert [clause["multi_match"]["query"] for clause in telling["bool"]["should"][1:]] == ["presupuesto"]

    def test_the_pages_about_a_country_that_name_it_answer_a_question_with_no_unknown_word(self, engine):
        query = SearchQuery("where does Colombia publish its tenders?", "en")
        countries = {"colombia": "CO"}
        [matched, about_or_naming] = text_query(
            query, relaxed=True, countries=countries, about_answers=True
        ).to_dict()["function_score"]["query"]["bool"]["must"]
        most_and_telling, answering = matched["bool"]["should"]
        assert matched["bool"]["minimum_should_match"] == 1
        assert (
            most_and_telling["bool"]["must"]
            == (
                text_query(query, relaxed=True, countries=countries).to_dict()["function_score"]["query"][
                    "bool"
                ]["must"][:2]
            )
        )
        assert answering["bool"]["filter"] == about_or_naming["bool"]["should"]

    @pytest.mark.django_db
    def test_two_glossary_expressions_need_one_of_them_whole(self, engine):
        GlossaryEntry.objects.create(spanish="pequeña empresa", english="small business")
        GlossaryEntry.objects.create(spanish="factura electrónica", english="e-invoice")
        query = SearchQuery("pequeñas empresas con facturas electrónicas", "es")
        concepts = two_concepts(query, current_glossary().sets)
        request = engine.entry_search(query, relaxed=True, concepts=concepts).to_dict()
        [needed, _telling] = request["query"]["bool"]["must"]
        assert needed["bool"]["minimum_should_match"] == 1
        assert [clause["multi_match"]["query"] for clause in needed["bool"]["should"]] == [
            "pequenas empresas",
            "facturas electronicas",
        ]
        assert {clause["multi_match"]["operator"] for clause in needed["bool"]["should"]} == {"and"}
        # Beside a single word of the glossary, only the expression of several words may be had.
        GlossaryEntry.objects.create(spanish="licitación", english="tender")
        query = SearchQuery("facturas electrónicas y licitaciones", "es")
        assert two_concepts(query, current_glossary().sets) == ("facturas electronicas",)

    @pytest.mark.django_db
    def test_a_partial_match_needs_the_ordinal_typed(self, engine):
        GlossaryEntry.objects.create(spanish="IV, cuarto", english="fourth, 4th")
        query = SearchQuery("agenda del IV seminario", "es")
        ordinals = typed_ordinals(query, current_glossary().sets)
        assert ordinals == ("iv",)
        request = engine.entry_search(query, relaxed=True, ordinals=ordinals).to_dict()
        [_most, _telling, ordinal] = request["query"]["bool"]["must"]
        assert (ordinal["multi_match"]["query"], ordinal["multi_match"]["operator"]) == ("iv", "and")
        assert typed_ordinals(SearchQuery("agenda del seminario 2005", "es"), current_glossary().sets) == ()

    def test_partial_matches_put_the_entries_with_every_word_first_in_either_order(self, engine):
        query = SearchQuery("colusión licitaciones plataforma", "es")
        relevance = engine.entry_search(query, relaxed=True).to_dict()
        [complete] = [
            clause
            for clause in relevance["query"]["bool"]["should"]
            if clause.get("constant_score", {}).get("boost") == COMPLETE_FIRST
        ]
        [every] = complete["constant_score"]["filter"]["bool"]["must"]
        assert every["multi_match"]["operator"] == "and"
        assert complete["constant_score"]["boost"] == COMPLETE_FIRST
        by_date = engine.entry_search(replace(query, sort=SORT_DATE), relaxed=True).to_dict()
        assert by_date["sort"][0] == "_score"
        assert by_date["query"]["bool"]["should"] == [complete]
        assert "must" not in by_date["query"]["bool"]


class TestEveryLanguage:
    def test_both_languages_query_each_language_alias_readers_first(self, engine):
        search = engine.entry_search(SearchQuery("chile", "en", all_languages=True))
        assert search.index[:2] == ["unit-en", "unit-es"]
        assert search.to_dict()["indices_boost"] == [{"unit-en": 1.25}]

    def test_languages_where_the_query_is_only_stop_words_are_left_out(self, engine):
        # "the" is a word of a Spanish reader's query in Spanish, and nothing in English.
        search = engine.entry_search(SearchQuery("the", "es", all_languages=True))
        assert "unit-en" not in search.index
        assert "unit-es" in search.index
        # Typed by an English reader, it is nothing in Spanish either: no index is asked.
        assert engine.search_as_typed(SearchQuery("the", "en", all_languages=True)).total == 0

    def test_each_page_once_showing_the_readers_language_version_first(self, engine):
        collapse = body(engine, "chile", language="en", all_languages=True)["collapse"]
        assert collapse["field"] == "source"
        inner = collapse["inner_hits"]
        assert inner["size"] == 1
        script = inner["sort"][0]["_script"]
        assert script["order"] == "asc"
        assert script["script"]["params"] == {"language": "en"}
        assert inner["highlight"]["encoder"] == "html"

    def test_total_and_facets_count_pages_not_language_versions(self, engine):
        aggregations = body(engine, "chile", language="en", all_languages=True)["aggs"]
        assert aggregations["pages"]["cardinality"]["field"] == "source"
        assert aggregations["language"]["aggs"]["metric"]["cardinality"]["field"] == "source"

    def test_facet_counts_are_the_distinct_pages_by_count_then_value(self, engine):
        search = engine.entry_search(SearchQuery("chile", "en", all_languages=True))
        buckets = [
            {"key": 2021, "doc_count": 4, "metric": {"value": 2}},
            {"key": 2024, "doc_count": 6, "metric": {"value": 3}},
            {"key": 2019, "doc_count": 2, "metric": {"value": 2}},
        ]
        counts = search.facet_counts(
            {name: {"buckets": buckets} for name in ("kind", "country", "topic", "year", "language")}
        )
        assert [(count.value, count.count) for count in counts["year"]] == [
            ("2024", 3),
            ("2019", 2),
            ("2021", 2),
        ]


class TestFacets:
    def test_every_facet_is_counted_over_its_field(self, engine):
        aggregations = body(engine, "chile")["aggs"]
        assert aggregations.pop("pages")["cardinality"]["field"] == "source"
        fields = {name: aggregation["terms"]["field"] for name, aggregation in aggregations.items()}
        assert fields == {
            "kind": "kind",
            "country": "countries",
            "topic": "topics",
            "year": "year",
            "language": "language",
        }
        # Counted in pages, not language versions: every language is searched.
        assert aggregations["kind"]["aggs"]["metric"]["cardinality"]["field"] == "source"

    def test_filters_combine_with_and_and_narrow_the_counts_too(self, engine):
        request = body(
            engine,
            "compras",
            all_languages=True,
            filters={"kind": ("practice",), "country": ("CL", "MX"), "topic": ("42",), "year": ("2022",)},
        )
        filters = request["query"]["bool"]["filter"]
        terms = [term["term"] for facet in filters for term in facet["bool"]["filter"]]
        assert terms == [
            {"kind": "practice"},
            {"countries": "CL"},
            {"countries": "MX"},
            {"topics": "42"},
            {"year": "2022"},
        ]
        assert "post_filter" not in request
        assert "filter" not in request["aggs"]["kind"]

    def test_unknown_filter_names_are_ignored(self, engine):
        request = body(engine, "compras", all_languages=True, filters={"colour": ("red",)})
        assert "filter" not in request["query"]["bool"]


class TestOrderAndPages:
    def test_relevance_then_a_stable_tie_break(self, engine):
        assert body(engine, "chile")["sort"] == ["_score", "source"]

    def test_date_sort_puts_the_newest_first_and_undated_last(self, engine):
        request = body(engine, "chile", sort="date")
        assert request["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
        assert request["track_scores"] is True

    def test_pages_are_offsets(self, engine):
        request = body(engine, "chile", page=3, page_size=10)
        assert (request["from"], request["size"]) == (20, 10)

    def test_pages_past_the_result_window_only_count(self, engine):
        page = MAX_RESULT_WINDOW // 10 + 1
        request = body(engine, "chile", page=page, page_size=10)
        assert request["size"] == 0


class TestHighlights:
    def test_matches_are_marked_and_the_text_html_encoded(self, engine):
        request = body(engine, "chile")
        # Each page's shown version brings its highlights.
        highlight = request["collapse"]["inner_hits"]["highlight"]
        assert highlight["encoder"] == "html"
        assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
        assert highlight["fields"]["title"] == {"number_of_fragments": 0}
        assert highlight["fields"]["text"]["no_match_size"] > 0
        assert request["_source"] == {"excludes": ["text", "keywords"]}
        assert request["collapse"]["inner_hits"]["_source"] == {"excludes": ["text", "keywords"]}

    def test_highlights_are_escaped_like_django_keeping_only_the_marks(self):
        encoded = "<mark>Tenders</mark> &lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &lt;mark&gt;"
        assert escaped_marks(encoded) == (
            "<mark>Tenders</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;mark&gt;"
        )


class TestAutocomplete:
    def test_every_typed_word_a_prefix_typos_forgiven_countries_topics_and_events_first(self, engine):
        request = engine.completion_search("Contratación Pub", "es", limit=5).to_dict()
        assert request["query"]["match"] == {
            "title.prefix": {
                "query": "contratacion pub",
                "operator": "and",
                "fuzziness": "AUTO",
                "prefix_length": 1,
            }
        }
        assert request["sort"][0] == "kind_rank"
        assert request["size"] == 5

    def test_whole_queries_come_from_the_completion_suggester_typos_forgiven(self, engine):
        request = engine.completion_search("compras pubicas", "es").to_dict()
        assert request["suggest"] == {
            "query": {
                "prefix": "compras pubicas",
                "completion": {
                    "field": "suggest",
                    "size": 3,
                    "skip_duplicates": True,
                    "fuzzy": {"fuzziness": "AUTO", "prefix_length": 1},
                },
            }
        }

    def test_an_entry_offers_its_titles_runs_of_up_to_three_words_as_queries(self):
        entry = IndexEntry("page:1", "es", "practice", "Compras públicas para pymes", "", "/")
        assert entry_document(entry)["suggest"] == [
            "compras",
            "compras públicas",
            "compras públicas para",
            "públicas",
            "públicas para",
            "públicas para pymes",
            "para",
            "para pymes",
            "pymes",
        ]

    def test_only_the_readers_language(self, engine):
        assert engine.completion_search("chile", "en")._index == ["unit-en"]

    def test_one_letter_asks_nothing(self, engine):
        assert engine.completion_search("c", "es") is None
        assert engine.complete("?!", "es") == []


class TestSuggestions:
    def test_the_term_suggester_reads_the_unstemmed_words(self, engine):
        request = engine.suggestion_search(SearchQuery("Licitacoines públicas", "es")).to_dict()
        assert request["size"] == 0
        for name, field in (("title", "title.exact"), ("text", "text.exact")):
            suggester = request["suggest"][name]
            assert suggester["text"] == "licitacoines publicas"
            assert suggester["term"]["field"] == field
            assert suggester["term"]["suggest_mode"] == "missing"
            # Misspellings within two edits, one for words under six letters, the first letter too.
            assert (suggester["term"]["max_edits"], suggester["term"]["prefix_length"]) == (2, 0)
            assert suggester["term"]["accuracy"] == 0.65

    def test_whole_queries_vary_the_first_misspelt_word(self):
        corrections = {"licitacoines": ["licitaciones", "licitacion"], "publcas": ["publicas"]}
        # The rest of the text stays as typed: its accents, capitals and hyphens.
        assert corrected_queries("¿Licitacoines publcas en Chile y e-compras?", corrections) == [
            "¿licitaciones publicas en Chile y e-compras?",
            "¿licitacion publicas en Chile y e-compras?",
        ]

    def test_no_corrections_no_suggestions(self):
        assert corrected_queries("chile", {"chile": []}) == []
        # A place's name is spelt as the reader meant it ("Spain" is not "saint").
        assert corrected_queries("licitación Spain", {"spain": ["saint"]}, spelt_right={"spain"}) == []


class TestAliases:
    def test_a_rebuild_swaps_every_alias_and_drops_the_old_indexes_in_one_request(self):
        actions = swap_actions(
            {"site-es": "site-es-2", "site-en": "site-en-2"},
            {"site-es": ["site-es-1"], "site-en": ["site-en-1"]},
        )
        assert actions == [
            {"add": {"index": "site-es-2", "alias": "site-es"}},
            {"add": {"index": "site-en-2", "alias": "site-en"}},
            {"remove_index": {"index": "site-en-1"}},
            {"remove_index": {"index": "site-es-1"}},
        ]

    def test_a_first_index_has_nothing_to_drop(self):
        assert swap_actions({"site-pt": "site-pt-1"}, {}) == [
            {"add": {"index": "site-pt-1", "alias": "site-pt"}}
        ]

    def test_entries_are_stored_with_string_facets_and_iso_dates(self):
        entry = IndexEntry(
            source="page:3",
            language="es",
            kind="country",
            title="Chile",
            text="",
            url="/es/paises/chile/",
            date=datetime.date(2024, 3, 1),
            year=2024,
            countries=("CL",),
        )
        document = entry_document(entry)
        assert (document["date"], document["year"], document["countries"]) == ("2024-03-01", "2024", ["CL"])
        assert document["kind_rank"] == 0

    def test_entries_carry_the_languages_of_their_page(self):
        spanish = IndexEntry("page:3", "es", "page", "Guía", "", "/es/guia/")
        english = IndexEntry("page:3", "en", "page", "Guide", "", "/en/guide/")
        alone = IndexEntry("document:1", "pt", "document", "Relatório", "", "/documents/1/")
        versions = [
            (entry.source, sorted(languages)) for entry, languages in with_versions([spanish, english, alone])
        ]
        assert versions == [("page:3", ["en", "es"]), ("page:3", ["en", "es"]), ("document:1", ["pt"])]
        assert entry_document(alone)["versions"] == ["pt"]


class TestGlossary:
    def test_the_glossary_is_a_synonym_graph_filter_applied_to_queries_only(self):
        rules = synonym_rules([("Licitación", "licitación pública", "tender"), ("OEA", "OAS")])
        assert rules == ["licitacion, licitacion publica, tender", "oea, oas"]
        definition = index_definition("unit-es-1", "es", rules).to_dict()
        analysis = definition["settings"]["analysis"]
        assert analysis["filter"]["glossary"] == {"type": "synonym_graph", "synonyms": rules, "lenient": True}
        assert analysis["analyzer"]["language_search"]["filter"] == [
            "lowercase",
            "asciifolding",
            "abbreviations",
            "spanish_numbers",
            "glossary",
            "spanish_stop",
            "spanish_stemmer",
        ]
        assert "glossary" not in analysis["analyzer"]["language"]["filter"]
        title = definition["mappings"]["properties"]["title"]
        assert (title["analyzer"], title["search_analyzer"]) == ("language", "language_search")

    def test_a_hyphenated_expression_is_also_a_rule_for_its_words_run_together(self):
        assert synonym_rules([("pre-negotiated contracts", "convenio marco")]) == [
            "pre negotiated contracts, prenegotiated contracts, convenio marco"
        ]

    def test_queries_are_read_as_typed_whichever_index_answers(self, engine):
        """A query typed in English loses its English stop words in the Spanish index too, after the
        glossary has read its expressions: "the tender" needs no "the" in a Spanish entry."""
        rules = synonym_rules([("licitación", "tender")])
        spanish = index_definition("unit-es-1", "es", rules).to_dict()["settings"]["analysis"]["analyzer"]
        english = index_definition("unit-en-1", "en", rules).to_dict()["settings"]["analysis"]["analyzer"]
        assert spanish["typed_en"]["filter"] == [
            "lowercase",
            "asciifolding",
            "abbreviations",
            "spanish_numbers",
            "glossary",
            "english_stop",
            "spanish_stop",
            "spanish_stemmer",
        ]
        assert spanish["typed_es"]["filter"] == spanish["language_search"]["filter"]
        assert english["typed_es"]["filter"] == [
            "english_possessive",
            "lowercase",
            "asciifolding",
            "abbreviations",
            "english_numbers",
            "glossary",
            "spanish_stop",
            "english_stop",
            "american_spelling",
            "english_stemmer",
        ]
        document_index = index_definition("unit-pt-1", "pt").to_dict()["settings"]["analysis"]["analyzer"]
        assert document_index["typed_es"]["filter"] == [
            "lowercase",
            "asciifolding",
            "abbreviations",
            "spanish_stop",
            "portuguese_stemmer",
        ]
        request = body(engine, "the tender", language="en")
        assert request["query"]["bool"]["must"][0]["multi_match"]["analyzer"] == "typed_en"

    def test_editors_text_cannot_become_rule_syntax(self):
        assert synonym_rules([("a => b, c", "d")]) == []
        assert synonym_rules([("compras => ventas", "procurement")]) == ["compras ventas, procurement"]

    @pytest.mark.django_db
    def test_new_indexes_read_the_glossary(self):
        GlossaryEntry.objects.create(spanish="convenio marco", english="framework agreement")
        assert "convenio marco, framework agreement" in synonym_rules(current_glossary().sets)


class TestRequests:
    @pytest.mark.django_db
    def test_one_search_asks_each_question_once(self, empty_cluster):
        url, received = empty_cluster
        GlossaryEntry.objects.create(spanish="compras del Estado", english="government procurement")
        engine = ElasticsearchEngine(url=url, prefix="unit")
        results = engine.search(SearchQuery("subastas wombat en las compras del Estado de Chile", "es"))
        assert results.total == 0
        # As typed, its groups' counts, the countries it names, partial matches, corrections, and
        # the counts of its words in one multi-search: nothing twice.
        assert Counter(path.rsplit("/", 1)[1] for path, _body in received) == {"_search": 5, "_msearch": 1}
        assert max(Counter(received).values()) == 1

    def test_outside_a_search_each_call_asks(self, empty_cluster):
        url, received = empty_cluster
        engine = ElasticsearchEngine(url=url, prefix="unit")
        query = SearchQuery("compras en Chile", "es")
        assert engine.named_countries(query) == engine.named_countries(query) == {}
        assert len(received) == 2


class TestUnreachableCluster:
    def test_the_engine_is_chosen_when_elasticsearch_url_is_set(self, settings, closed_port_url):
        settings.ELASTICSEARCH_URL = closed_port_url
        assert get_search_engine().name == "elasticsearch"

    @pytest.mark.django_db  # a search reads the glossary from the database first
    def test_reading_and_writing_report_search_unavailable(self, closed_port_url):
        engine = ElasticsearchEngine(url=closed_port_url, prefix="unit")
        with pytest.raises(SearchUnavailable):
            engine.search(SearchQuery("chile", "es"))
        with pytest.raises(SearchUnavailable):
            engine.complete("chi", "es")
        with pytest.raises(SearchUnavailable):
            engine.replace("page:1", [])
        with pytest.raises(SearchUnavailable):
            engine.count()

    @pytest.mark.django_db
    def test_the_search_page_says_so_and_autocomplete_stays_empty(
        self, client, home, settings, closed_port_url
    ):
        settings.ELASTICSEARCH_URL = closed_port_url
        settings.PAGE_CACHE_SECONDS = 600
        with translation.override("en"):
            page = client.get(reverse("search"), {"q": "chile"})
            assert "no-cache" in page["Cache-Control"], "an answer without results must not be kept"
            settings.ELASTICSEARCH_URL = ""
            assert "not available" not in client.get(reverse("search"), {"q": "chile"}).content.decode()
            completions = client.get(reverse("search_autocomplete"), {"q": "chi"})
        assert page.status_code == 200
        assert "The search is not available right now" in page.content.decode()
        assert completions.json()["suggestions"] == []

    @pytest.mark.django_db
    def test_publishing_still_succeeds_and_asks_for_a_rebuild(self, home, settings, closed_port_url, caplog):
        settings.ELASTICSEARCH_URL = closed_port_url
        home.title_en = "Published while the cluster is down"
        home.save_revision().publish()
        home.refresh_from_db()
        assert home.title_en == "Published while the cluster is down"
        assert "run rebuild_search_index" in caplog.text
