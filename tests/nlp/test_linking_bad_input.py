"""Bad input to the linker: other scripts, diacritics, headlines in capitals, names split by a line
break, quotes and HTML in a name. Nothing crashes, and nothing is linked to a far place by chance."""

from __future__ import annotations

from chronik.nlp.linking import Linker, MentionInput


def _link(text: str, names: list[tuple[str, str]]) -> list[tuple[str, dict]]:
    mentions, pos = [], 0
    for name, type_ in names:
        start = text.index(name, pos)
        mentions.append(MentionInput(start, start + len(name), name, type_))
        pos = start + 1
    linker = Linker()
    linked = linker.link_report(mentions, text, "2016-05-01")
    entities = [linker.index.entities[x.entity_id] for x in linked]
    return [(e.best_name(), e.info) for e in entities]


def test_cyrillic_names_link_to_their_latin_entity() -> None:
    got = _link("Владимир Путин и Шойгу.", [("Владимир Путин", "PER"), ("Шойгу", "PER")])
    assert [name for name, _ in got] == ["Vladimir Putin", "Sergei Shoigu"]


def test_arabic_names_stay_names_and_ground_nowhere() -> None:
    got = _link("محمود عباس في رام الله", [("محمود عباس", "PER"), ("رام الله", "LOC")])
    assert [name for name, _ in got] == ["محمود عباس", "رام الله"]
    assert all("lat" not in info for _, info in got)


def test_diacritics_are_kept_and_ground_in_their_country() -> None:
    got = _link("Lech Wałęsa in Gdańsk.", [("Lech Wałęsa", "PER"), ("Gdańsk", "LOC")])
    assert got[0][0] == "Lech Wałęsa"
    assert got[1][1]["iso2"] == "PL"


def test_all_caps_headline_names_join_the_names_in_the_body() -> None:
    text = "LUKASCHENKO DROHT KIEW. Alexander Lukaschenko sprach in Kiew."
    got = _link(
        text,
        [
            ("LUKASCHENKO", "PER"),
            ("KIEW", "LOC"),
            ("Alexander Lukaschenko", "PER"),
            ("Kiew", "LOC"),
        ],
    )
    assert got[0][0] == got[2][0] == "Alexander Lukashenko"
    assert got[1][0] == got[3][0] == "Kyiv"


def test_a_name_split_by_a_line_break_is_one_name() -> None:
    text = "Sergej\nSchoigu sprach in Sankt\nPetersburg."
    got = _link(text, [("Sergej\nSchoigu", "PER"), ("Sankt\nPetersburg", "LOC")])
    assert [name for name, _ in got] == ["Sergei Shoigu", "Saint Petersburg"]


def test_quotes_and_html_around_a_name_are_not_part_of_it() -> None:
    text = 'Die "Weiße Rose", <b>Hamas</b> und „Kiew“.'
    got = _link(text, [('"Weiße Rose"', "ORG"), ("<b>Hamas</b>", "ORG"), ("„Kiew“", "LOC")])
    assert [name for name, _ in got] == ["Weiße Rose", "Hamas", "Kyiv"]


def test_foreign_alternate_names_of_far_cities_are_not_grounded() -> None:
    got = _link(
        "Er traf Para und Kerns in Oslo.", [("Para", "LOC"), ("Kerns", "LOC"), ("Oslo", "LOC")]
    )
    assert [info.get("iso2") for _, info in got] == [None, None, "NO"]


def test_empty_and_punctuation_only_mentions_do_not_crash() -> None:
    got = _link("'' und ... ", [("''", "PER"), ("...", "LOC")])
    assert len(got) == 2 and got[0][1].get("lat") is None


def test_a_person_span_over_a_missed_sentence_end_keeps_only_the_name() -> None:
    got = _link(
        "König Abdullah II. Bei dem Treffen sprach Abdullah II. lange.",
        [("Abdullah II. Bei", "PER"), ("Abdullah II.", "PER")],
    )
    assert got[0][0] == got[1][0] == "Abdullah II."
