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


def test_a_year_with_its_full_stop_ends_a_sentence(nlp) -> None:
    text = "Die Brücke steht seit 1962. Nun wird sie erneuert. Bis 2015. März 2016 blieb es ruhig."
    assert _sentences(nlp, text) == [
        "Die Brücke steht seit 1962.",
        "Nun wird sie erneuert.",
        "Bis 2015. März 2016 blieb es ruhig.",
    ]
    assert _sentences(nlp, "Es war die 1999. Sitzung des Rates.") == [
        "Es war die 1999. Sitzung des Rates."
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


def test_long_runs_without_spaces_are_tokenised_in_bounded_pieces(nlp, monkeypatch) -> None:
    """spaCy's affix loop is quadratic in a run's length: no piece it sees has a longer run."""
    seen: list[str] = []
    tokenizer = nlp.tokenizer
    monkeypatch.setattr(nlp, "tokenizer", lambda text: seen.append(text) or tokenizer(text))
    text = "Erster Satz.  " + ")" * 20_000 + " Berlin meldete, " + "x" * 250 + "\n\nEnde."
    doc = pipeline.tokenise(nlp, text)
    assert doc.text == text
    assert max(len(run) for piece in seen for run in piece.split()) <= pipeline.MAX_RUN
    assert [t.text for t in doc if t.idx >= text.index("Berlin")][:3] == ["Berlin", "meldete", ","]
    assert doc[-1].idx == text.index("Ende.") + 4


def test_text_without_long_runs_is_tokenised_as_spacy_does(nlp) -> None:
    text = "Am 5. Dezember traf z. B. Dr. Müller (SPD) ein.\n\n  Dann: www.example.org/x?a=1."
    mine, theirs = pipeline.tokenise(nlp, text), nlp.make_doc(text)
    assert [(t.idx, t.text, t.whitespace_) for t in mine] == [
        (t.idx, t.text, t.whitespace_) for t in theirs
    ]


def test_runs_longer_than_the_cap_keep_their_offsets(nlp) -> None:
    text = "Vorher. " + "a" * 1000 + ". Nachher kam Müller."
    report = Report(id="t", text=text, date=parse_iso("2022-12-05"))
    annotations = pipeline.analyse(nlp, report)
    assert annotations.sentences[-1].text == "Nachher kam Müller."
    for span in annotations.sentences:
        assert text[span.start : span.end] == span.text


def test_sentence_starts_are_set_in_linear_time() -> None:
    """Setting starts token by token re-checked the whole doc each time (8,000 sentences: ~30 s)."""
    import time

    import spacy

    from chronik.nlp.components.sentences import set_sentence_starts

    blank = spacy.blank("de")
    doc = blank.make_doc("Die Polizei meldete am Montag einen Brand. " * 8000)
    started = time.perf_counter()
    set_sentence_starts(doc)
    assert time.perf_counter() - started < 3
    assert len(list(doc.sents)) == 8000


def test_pipeline_accepts_reports_up_to_the_report_length_limit(nlp) -> None:
    from chronik.types import MAX_REPORT_CHARS

    assert nlp.max_length == MAX_REPORT_CHARS
