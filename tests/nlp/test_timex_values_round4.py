"""Values of the fourth round, found on unseen news text (10kGNAD articles judged by hand, report
date 2016-03-16). Sentences written for these tests (report date 2016-03-16, a Wednesday)."""

from __future__ import annotations

from chronik.dates import parse_iso
from chronik.nlp.timex import find_timexes

WEDNESDAY = "2016-03-16"


def values(text: str, date: str = WEDNESDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, parse_iso(date))}


def test_preterite_modal_with_a_passive_infinitive_tells_the_past():
    text = "Die Fähre war so beschädigt, dass sie im Oktober abgeschleppt werden musste."
    assert values(text)["Oktober"] == "2015-10"
    assert values("Der Verletzte konnte am Montag befreit werden.")["Montag"] == "2016-03-14"


def test_passive_infinitive_without_a_past_modal_still_looks_ahead():
    assert values("Die Halle soll im Oktober abgerissen werden.")["Oktober"] == "2016-10"
    assert values("Die Brücke wird im Mai erneuert werden.")["Mai"] == "2016-05"


def test_weekday_told_again_without_a_verb_is_the_day_already_named():
    text = (
        "Am Donnerstag stritten die Minister lange. Kritik am Donnerstag: So geht es nicht weiter."
    )
    found = [t.value for t in find_timexes(text, parse_iso(WEDNESDAY))]
    assert found == ["2016-03-10", "2016-03-10"]


def test_weekday_without_a_verb_and_not_named_before_still_looks_ahead():
    assert values("Neue Runde am Donnerstag: Gespräche in Wien.")["Donnerstag"] == "2016-03-17"


def test_a_story_long_past_stays_in_its_year_while_its_days_follow_each_other():
    filler = " Die Nachbarn halfen einander, wo sie nur konnten, und teilten ihr Wasser." * 4
    text = (
        "Am 3. Juli 1998 brach der Damm am Fluss."
        + filler
        + " Sein Bruder starb am selben Tag im Spital."
        + filler
        + " Am 12. Oktober kehrte er in das zerstörte Haus zurück."
    )
    assert values(text)["12. Oktober"] == "1998-10-12"


def test_a_number_before_a_sentence_opener_ends_the_sentence():
    text = "Sie verlor das Spiel mit 4 zu 6. Um weiterzukommen, muss sie am Donnerstag siegen."
    assert values(text)["Donnerstag"] == "2016-03-17"
    text = "Die Serie läuft am Sonntag um 21 Uhr 10. Ein Kommissar wurde am Montag entführt."
    found = values(text)
    assert found["Sonntag"] == "2016-03-20"
    assert found["Montag"] == "2016-03-14"


def test_an_ordinal_before_its_noun_ends_no_sentence():
    assert values("Er wurde am 3. Mai gewählt.")["3. Mai"] == "2015-05-03"


def test_adjectives_in_haft_and_wert_are_no_preterites():
    text = "Für ernsthafte Chancen muss die Mannschaft am Donnerstag gewinnen."
    assert values(text)["Donnerstag"] == "2016-03-17"
    text = "Eine bemerkenswerte Premiere gibt es am Freitag im Volkstheater."
    assert values(text)["Freitag"] == "2016-03-18"


def test_a_range_start_without_a_year_takes_the_year_of_its_end():
    text = "Von Februar bis September 2014 lag die Fabrik still."
    assert values(text)["Februar"] == "2014-02"
    assert values("Zwischen 4. Mai und 9. Juni 2013 blieb die Grenze zu.")["4. Mai"] == "2013-05-04"


def test_a_range_over_the_turn_of_the_year_starts_in_the_year_before():
    assert values("Von November bis Februar 2014 sank der Absatz.")["November"] == "2013-11"


def typed(text: str, date: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, parse_iso(date))]


def test_opening_hours_name_every_such_day_and_hour():
    text = "Abholung im Pfarrheim (Montag bis Freitag 8 bis 11 Uhr) möglich."
    assert typed(text) == [
        ("Montag", "SET", "XXXX-WXX-1"),
        ("Freitag", "SET", "XXXX-WXX-5"),
        ("8", "TIME", "XXXX-XX-XXT08:00"),
        ("11 Uhr", "TIME", "XXXX-XX-XXT11:00"),
    ]


def test_a_working_week_told_in_the_past_is_that_week():
    text = "Der Kurs lief von Montag bis Freitag, am Freitag um 17 Uhr gab es Zeugnisse."
    found = typed(text)
    assert found[0] == ("Montag", "DATE", "2016-03-14")
    assert found[-1] == ("17 Uhr", "TIME", "2016-03-11T17:00")


def test_vorjahr_compared_with_a_month_of_last_year_is_the_year_before_it():
    found = values("Strom wurde im November gegenüber dem Vorjahr billiger.")
    assert found["November"] == "2015-11"
    assert found["dem Vorjahr"] == "2014"


def test_vorjahr_without_a_comparison_counts_from_the_report():
    assert values("Im November kam er, im Vorjahr war er noch in Graz.")["Vorjahr"] == "2015"


class Token:
    """What sentence_bounds reads of a spaCy token."""

    def __init__(self, i: int, idx: int, start: bool) -> None:
        self.i, self.idx, self.is_sent_start = i, idx, start


def test_a_count_before_a_sentence_opener_ends_the_sentence():
    from chronik.nlp.timex.clauses import sentence_bounds

    text = "Im Februar kamen 3.517. Vor allem im Juni kann sich die Zahl noch ändern."
    assert sentence_bounds(text, [Token(0, 0, True)]) == [0, text.index("Vor")]


def test_a_sentence_does_not_end_after_an_abbreviation():
    from chronik.nlp.timex.clauses import sentence_bounds

    text = "Er hat am Sonntag gegen den Spieler (Nr. 221) im Finale gewonnen."
    cut = text.index("221")
    assert sentence_bounds(text, [Token(0, 0, True), Token(9, cut, True)]) == [0]


def test_a_present_perfect_after_a_story_long_past_comes_back_to_the_present():
    text = "Als sie 1968 in der Serie spielte, war das neu. Ende Februar ist ihr Kollege gestorben."
    assert values(text)["Ende Februar"] == "2016-02"
    text = "Als sie 1968 in der Serie spielte, war das neu. Im Mai kam ihr zweiter Film ins Kino."
    assert values(text)["Mai"] == "1968-05"


def test_a_clock_before_an_afternoon_is_in_the_afternoon():
    found = values("Es war kurz nach halb drei am Sonntagnachmittag.")
    assert found["halb drei"].endswith("T14:30")
    assert values("Um 7 Uhr am Morgen fuhr er los.")["7 Uhr"].endswith("T07:00")


def _offset(words: str, pattern: str, text: str) -> str:
    """The offset handler on an anaphoric phrase, with the day 3 May 2015 named before it."""
    import re
    from datetime import date

    from chronik.nlp.timex.context import Context
    from chronik.nlp.timex.lexicon import load
    from chronik.nlp.timex.relative import h_offset

    start = text.index(words)
    ctx = Context(text=text, anchor=parse_iso(WEDNESDAY), lex=load(), starts=[0])
    ctx.start, ctx.end, ctx.in_order = start, start + len(words), True
    ctx.reference, ctx.reference_at = date(2015, 5, 3), 3
    return h_offset(re.match(pattern, words), ctx).value


def test_diesem_and_jenem_tag_are_the_day_last_named():
    text = "Am 3. Mai brannte es. An diesem Tag kam niemand."
    assert _offset("diesem Tag", r"(?P<same>diesem)\s+(?P<sameunit>Tag)", text) == "2015-05-03"
    text = "Am 3. Mai brannte es. Am folgenden Tag kam die Polizei."
    assert _offset("folgenden Tag", r"(?P<same>folgenden)\s+Tag", text) == "2015-05-04"


def test_im_selben_jahr_is_the_year_last_named():
    text = "Am 3. Mai brannte es. Im selben Jahr kam er."
    assert _offset("selben Jahr", r"(?P<same>selben)\s+(?P<sameunit>Jahr)", text) == "2015"


def test_a_day_of_the_year_before_takes_that_year():
    found = values("Der Vertrag vom 2. Februar des Vorjahres gilt noch.")
    assert found["2. Februar des Vorjahres"] == "2015-02-02"


def test_a_range_told_in_the_past_ends_at_its_end_s_last_occurrence():
    found = values("Von Februar bis September herrschte dort Krieg.")
    assert (found["Februar"], found["September"]) == ("2015-02", "2015-09")


def test_a_range_end_without_a_year_follows_its_start():
    found = values("Von Oktober 2014 bis März stieg die Zahl der Anträge.")
    assert found["März"] == "2015-03"
    found = values("Vom 20. Dezember bis 6. Jänner blieb das Amt zu.")
    assert (found["20. Dezember"], found["6. Jänner"]) == ("2015-12-20", "2016-01-06")


def test_idioms_with_day_words_name_no_day():
    assert values("Für die Trainerin ist das Schnee von gestern.") == {}
    assert values("Die Partei will ihn lieber heute als morgen loswerden.") == {}
    assert values("Von heute auf morgen stand der Betrieb still.") == {}


def test_day_words_outside_idioms_stay_days():
    assert values("Die Zeitung von gestern lag noch im Flur.")["gestern"] == "2016-03-15"


def test_the_next_morning_of_a_story_is_not_tomorrow():
    text = "Am 3. Mai 2010 erreichten sie das Lager. Am nächsten Morgen brachen sie auf."
    assert values(text)["nächsten Morgen"] == "2010-05-04TMO"
    text = "Die Wanderer schliefen im Zelt. Am nächsten Morgen waren sie fort."
    assert values(text)["nächsten Morgen"] == "XXXX-XX-XXTMO"


def test_the_next_morning_told_ahead_is_tomorrow():
    assert values("Am nächsten Morgen wird gewählt.")["nächsten Morgen"] == "2016-03-17TMO"


def test_das_before_a_preterite_of_saying_is_the_pronoun_opening_the_sentence():
    text = "Das bestätigte Bürgermeisterin Huber am Dienstagvormittag der Zeitung."
    assert values(text)["Dienstagvormittag"] == "2016-03-15TMO"


def test_in_derselben_woche_is_the_week_of_the_day_last_named():
    text = "Am 3. Mai brannte es. In derselben Woche kam er."
    assert _offset("derselben Woche", r"(?P<same>derselben)\s+(?P<sameunit>Woche)", text) == (
        "2015-W18"
    )
