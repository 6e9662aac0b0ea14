"""The entities component: offsets, bad input, lemmas, the spaCy tier; on the real pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from chronik.nlp import extensions, pipeline
from chronik.nlp.ner import decoding, gazetteers
from chronik.settings import Settings
from chronik.types import Mention, Report
from tests.conftest import EXAMPLE_REPORT


@pytest.fixture(scope="module")
def fast_nlp():
    return pipeline.build(Settings(tier="fast", disabled=("timex", "events", "claims")))


def mentions(nlp, text: str) -> list[Mention]:
    return pipeline.analyse(nlp, Report(id="t", text=text, date=None)).mentions


def assert_offsets(text: str, found: list[Mention]) -> None:
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip() and m.text
        assert m.type in ("PER", "LOC", "ORG", "OTH") and m.sub in (None, "part", "deriv")


def test_finds_people_and_places_with_their_classes(fast_nlp) -> None:
    text = "Bundeskanzlerin Angela Merkel ist am Montag nach Paris gereist."
    found = {(m.text, m.type) for m in mentions(fast_nlp, text)}
    assert ("Angela Merkel", "PER") in found
    assert ("Paris", "LOC") in found


def test_genitive_name_gets_its_bare_lemma(fast_nlp) -> None:
    text = "Russlands Verteidigungsminister kam nach Minsk."
    by_text = {m.text: m for m in mentions(fast_nlp, text)}
    assert by_text["Russlands"].type == "LOC"
    assert by_text["Russlands"].lemma == "Russland"


def test_mentions_record_the_model_that_found_them(fast_nlp) -> None:
    found = mentions(fast_nlp, "Wladimir Putin sprach in Moskau.")
    assert found and all(m.component.startswith("entities:crf-") for m in found)


def test_example_report_offsets_and_lemmas(fast_nlp) -> None:
    text = EXAMPLE_REPORT.read_text(encoding="utf-8")
    found = mentions(fast_nlp, text)
    assert_offsets(text, found)
    lemmas = {m.lemma for m in found}
    assert "Russland" in lemmas and "Russlands" not in lemmas


def test_empty_and_blank_text(fast_nlp) -> None:
    assert mentions(fast_nlp, "") == []
    assert mentions(fast_nlp, " \n\n\t ") == []


def test_offsets_survive_emoji_control_characters_and_html(fast_nlp) -> None:
    text = (
        "🇺🇦🔥 Selenskyj\u200b trifft\u0007 <b>Olaf Scholz</b> in&nbsp;Kiew 😀.\r\n\x00"
        "<p>Die Nato &amp; die EU beraten in Brüssel.</p> \ufeff"
    )
    found = mentions(fast_nlp, text)
    assert_offsets(text, found)
    assert any(m.text == "Brüssel" for m in found)


def test_very_long_sentence_does_not_crash(fast_nlp) -> None:
    words = ["Die", "Delegation", "aus", "Berlin", "traf", "Vertreter", "in", "Paris", "und"] * 1112
    text = " ".join(words[:10_000])
    found = mentions(fast_nlp, text)
    assert_offsets(text, found)
    assert sum(m.text == "Berlin" for m in found) > 100


def test_all_caps_headline_keeps_offsets_and_finds_names(fast_nlp) -> None:
    text = "RUSSLAND GREIFT KIEW AN: PUTIN DROHT DER NATO"
    found = mentions(fast_nlp, text)
    assert_offsets(text, found)
    assert {"RUSSLAND", "KIEW"} & {m.text for m in found}


def test_english_text_gives_few_mentions(fast_nlp) -> None:
    text = (
        "The weather was nice yesterday and we walked along the river. It is important to drink "
        "enough water when it is hot, and many people forget that. After lunch we read books."
    )
    found = mentions(fast_nlp, text)
    assert len(found) <= 2


def test_lemma_rules() -> None:
    gaz = gazetteers.load()
    assert decoding.lemma("Schoigus", "PER", None, {"Schoigu"}, gaz) == "Schoigu"
    assert decoding.lemma("Russlands", "LOC", None, set(), gaz) == "Russland"
    assert decoding.lemma("Paris", "LOC", None, set(), gaz) == "Paris"
    assert decoding.lemma("Markus", "PER", None, set(), gaz) == "Markus"
    assert decoding.lemma("russischen", "LOC", "deriv", set(), gaz) == "russisch"
    assert decoding.lemma("Nato-Gipfel", "ORG", "part", set(), gaz) == "Nato-Gipfel"


@Language.component("test_fake_ner")
def _fake_ner(doc: Doc) -> Doc:
    """Stands in for an installed pipeline's ner pipe: marks given words as entities."""
    labels = {
        "Schoigu": "PER",
        "Minsk": "GPE",
        "Nato": "ORG",
        "Deutschen": "NORP",
        "Oscar": "WORK_OF_ART",
    }
    doc.ents = [Span(doc, t.i, t.i + 1, label=labels[t.text]) for t in doc if t.text in labels]
    return doc


def test_spacy_tier_maps_ents_to_mentions() -> None:
    extensions.register()
    nlp = spacy.blank("de")
    nlp.add_pipe("test_fake_ner", name="ner")
    nlp.add_pipe("chronik_entities", config={"tier": "spacy"})
    text = "Schoigu traf in Minsk die Nato und die Deutschen beim Oscar."
    doc = nlp(text)
    got = [(m.text, m.type, m.start, m.end) for m in doc._.mentions]
    assert got == [
        ("Schoigu", "PER", 0, 7),
        ("Minsk", "LOC", 16, 21),
        ("Nato", "ORG", 26, 30),
        ("Deutschen", "LOC", 39, 48),
        ("Oscar", "OTH", 54, 59),
    ]
    assert [m.sub for m in doc._.mentions] == [None, None, None, "deriv", None]
    assert all(m.component == "entities:spacy" for m in doc._.mentions)


def test_spacy_tier_without_ner_pipe_is_a_config_error() -> None:
    from chronik.errors import ConfigError

    nlp = spacy.blank("de")
    with pytest.raises(ConfigError, match="ner"):
        nlp.add_pipe("chronik_entities", config={"tier": "spacy"})


def test_ministry_with_its_place_is_an_organisation_and_says_which_rule(fast_nlp) -> None:
    text = "Das Verteidigungsministerium in Moskau veröffentlichte Bilder. Das Verteidigungsministerium schwieg."
    found = mentions(fast_nlp, text)
    ministries = [m for m in found if m.text == "Verteidigungsministerium"]
    assert len(ministries) == 1 and ministries[0].start == 4 and ministries[0].type == "ORG"
    assert ministries[0].component.endswith("+rule:institution-in-place")
    assert any(m.text == "Moskau" and m.type == "LOC" for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


@pytest.fixture(scope="module")
def accurate_nlp():
    return pipeline.build(Settings(tier="accurate", disabled=("timex", "events", "claims")))


def test_accurate_tier_offsets_on_bad_input_and_its_model_name(accurate_nlp) -> None:
    text = (
        "🇺🇦🔥 Selenskyj\u200b trifft\u0007 <b>Olaf Scholz</b> in&nbsp;Kiew 😀.\r\n\x00"
        "<p>Die Nato &amp; die EU beraten in Brüssel.</p> RUSSLAND DROHT DER NATO"
    )
    found = mentions(accurate_nlp, text)
    assert_offsets(text, found)
    assert found and all(m.component.startswith("entities:e5lora-") for m in found)
    assert mentions(accurate_nlp, "") == []


def test_accurate_tier_on_the_example_report(accurate_nlp) -> None:
    text = EXAMPLE_REPORT.read_text(encoding="utf-8")
    found = mentions(accurate_nlp, text)
    assert_offsets(text, found)
    got = {(m.text, m.type, m.sub) for m in found}
    expected = {
        ("Lukaschenko", "PER", None),
        ("Minsk", "LOC", None),
        ("Ukraine", "LOC", None),
        ("Belarus", "LOC", None),
        ("Russland", "LOC", None),
        ("Moskau", "LOC", None),
        ("russischen", "LOC", "deriv"),
        ("belarussischen", "LOC", "deriv"),
        ("Sergei Shoigu", "PER", None),
        ("Alexander Lukaschenko", "PER", None),
        ("Schoigu", "PER", None),
        ("Viktor Chrenin", "PER", None),
        ("Verteidigungsministerium", "ORG", None),
    }
    assert expected <= got, expected - got


def test_surname_alone_later_in_the_report_is_the_same_person() -> None:
    from chronik.nlp.ner.decoding import names_in_report

    names = names_in_report(
        [
            ("Alexander Lukaschenko", "PER", None),
            ("Minsk", "LOC", None),
            ("russischen", "LOC", "deriv"),
            ("EU", "ORG", None),
            ("Der Spiegel", "ORG", None),
        ]
    )
    assert names == {"Lukaschenko": "PER", "Minsk": "LOC"}


def test_same_name_rule_tags_what_the_model_left_out(fast_nlp) -> None:
    text = EXAMPLE_REPORT.read_text(encoding="utf-8")
    found = mentions(fast_nlp, text)
    starts = {m.start for m in found}
    bare = [m for m in found if m.text == "Lukaschenko"]
    assert bare and all(m.type == "PER" for m in bare)
    assert len(starts) == len(found)  # no word is tagged twice


def test_currency_names_are_no_mentions_in_the_pipeline(accurate_nlp) -> None:
    """GermEval tags "Euro" OTH; the pipeline follows chronik's spec, where a currency is no name."""
    assert decoding.is_currency("Euro", "OTH", None)
    assert not decoding.is_currency("Euro", "OTH", "part") and not decoding.is_currency(
        "Eurofighter", "OTH", None
    )
    text = "Die Regierung stellt 26 Millionen Euro bereit, sagte Angela Merkel in Berlin."
    found = {(m.text, m.type) for m in mentions(accurate_nlp, text)}
    assert ("Angela Merkel", "PER") in found and ("Berlin", "LOC") in found
    assert not any(t == "Euro" for t, _ in found)
