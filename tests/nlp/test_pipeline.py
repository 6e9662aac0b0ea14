from chronik.dates import parse_iso
from chronik.nlp import pipeline
from chronik.settings import Settings
from chronik.types import Report


def _sentences(nlp, text: str) -> list[str]:
    report = Report(id="t", text=text, date=parse_iso("2022-12-05"))
    return [s.text for s in pipeline.analyse(nlp, report).sentences]


def test_abbreviations_and_ordinal_dates_do_not_end_sentences(nlp) -> None:
    text = "Am 5. Dezember traf z. B. Dr. Müller ein. Nr. 12 folgte am 3. Januar. Dann kam Schluss."
    assert _sentences(nlp, text) == [
        "Am 5. Dezember traf z. B. Dr. Müller ein.",
        "Nr. 12 folgte am 3. Januar.",
        "Dann kam Schluss.",
    ]


def test_closing_quotes_stay_with_their_sentence(nlp) -> None:
    text = "Er sagte: „Das stimmt nicht.“ Die Regierung schwieg."
    assert _sentences(nlp, text) == ["Er sagte: „Das stimmt nicht.“", "Die Regierung schwieg."]


def test_blank_line_ends_a_headline_without_punctuation(nlp) -> None:
    assert _sentences(nlp, "Schoigu in Minsk\n\nDer Minister kam an.") == [
        "Schoigu in Minsk",
        "Der Minister kam an.",
    ]


def test_sentence_offsets_point_into_the_text(nlp) -> None:
    text = "  Erster Satz.  Zweiter Satz!\nDritter?"
    report = Report(id="t", text=text, date=None)
    for span in pipeline.analyse(nlp, report).sentences:
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()


def test_empty_text_gives_empty_annotations(nlp) -> None:
    annotations = pipeline.analyse(nlp, Report(id="e", text="", date=None))
    assert annotations.sentences == [] and annotations.mentions == []


def test_components_can_be_switched_off() -> None:
    nlp = pipeline.build(Settings(disabled=("events", "claims")))
    assert "chronik_events" not in nlp.pipe_names
    assert "chronik_timex" in nlp.pipe_names


def test_analyse_many_keeps_input_order(nlp) -> None:
    reports = [Report(id=str(i), text=f"Bericht {i}.", date=None) for i in range(7)]
    assert [r.id for r, _ in pipeline.analyse_many(nlp, reports, batch_size=3)] == [
        str(i) for i in range(7)
    ]
