"""Name keys, transliteration, places, roles and cross-document linking as pure functions."""

from __future__ import annotations

import pytest

from chronik.names.aliases import Alias, AliasError, build_alias_table
from chronik.names.keys import first_names_compatible, genitive_candidates, phonetic_keys
from chronik.names.translit import cyrillic_to_latin
from chronik.nlp.linking import link_documents
from chronik.nlp.linking.analyse import country_of_adjective
from chronik.nlp.linking.roles import MentionView, RoleBook, find_roles
from chronik.nlp.linking.tables import gazetteer


def record(rid: str, day: str, text: str, names: list[tuple]) -> dict:
    ents, pos = [], 0
    for i, (name, type_, *sub) in enumerate(names, 1):
        start = text.index(name, pos)
        ents.append(
            {
                "id": f"m{i}",
                "start": start,
                "end": start + len(name),
                "text": name,
                "type": type_,
                "sub": sub[0] if sub else None,
            }
        )
        pos = start + 1
    return {"id": rid, "date": day, "text": text, "entities": ents}


def canon(records: list[dict]) -> dict[tuple[str, str], str]:
    return {
        (r["id"], m["text"]): m["canonical"] for r in link_documents(records) for m in r["entities"]
    }


@pytest.mark.parametrize(
    "a,b",
    [
        ("Schoigu", "Shoigu"),
        ("Peskow", "Peskov"),
        ("Selenskyj", "Zelensky"),
        ("Chrenin", "Khrenin"),
        ("Prigoschin", "Prigozhin"),
        ("Sergej", "Sergey"),
        ("Wolodymyr", "Volodymyr"),
        ("Шойгу", "Shoigu"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert phonetic_keys(a) & phonetic_keys(b)


@pytest.mark.parametrize("a,b", [("Müller", "Miller"), ("Scholz", "Schulz"), ("Peskow", "Pesko")])
def test_different_names_do_not_share_a_key(a: str, b: str) -> None:
    assert not phonetic_keys(a) & phonetic_keys(b)


def test_cyrillic_gets_german_and_english_spellings() -> None:
    assert cyrillic_to_latin("Сергей Шойгу") == ("Sergej Schoigu", "Sergey Shoygu")
    assert cyrillic_to_latin("Дмитрий Песков") == ("Dmitri Peskow", "Dmitry Peskov")


def test_genitive_forms_are_candidates_and_names_ending_in_s_stay_first() -> None:
    assert genitive_candidates("Russlands", "LOC") == ["Russlands", "Russland"]
    assert genitive_candidates("Belarus", "LOC")[0] == "Belarus"


def test_first_names() -> None:
    assert first_names_compatible(("Alexander",), ("Aleksandr",))
    assert first_names_compatible(("S.",), ("Sergei",))
    assert not first_names_compatible(("Thomas",), ("Gerd",))


@pytest.mark.parametrize(
    "word,country",
    [
        ("russischen", "Russia"),
        ("belarussische", "Belarus"),
        ("Ukrainer", "Ukraine"),
        ("iranischer", "Iran"),
        ("syrischen", "Syria"),
        ("georgische", "Georgia (country)"),
    ],
)
def test_adjectives_and_demonyms_find_their_country(word: str, country: str) -> None:
    hit = country_of_adjective(word, gazetteer())
    assert hit is not None and hit[0] == country


def test_capital_has_coordinates_and_iso_code() -> None:
    kyiv = gazetteer().lookup("Kiew")
    assert kyiv is not None and kyiv.canonical == "Kyiv" and kyiv.capital_of == "UA"
    assert kyiv.lat == pytest.approx(50.45, abs=0.1)


def test_shoigu_variants_are_one_entity() -> None:
    c = canon(
        [
            record(
                "a",
                "2022-12-01",
                "Sergei Shoigu kam. Schoigus Rede.",
                [("Sergei Shoigu", "PER"), ("Schoigus", "PER")],
            ),
            record(
                "b", "2022-12-02", "Шойгу sprach mit Shoigu.", [("Шойгу", "PER"), ("Shoigu", "PER")]
            ),
        ]
    )
    assert len(set(c.values())) == 1


def test_unknown_person_variants_link_by_key_and_surname() -> None:
    c = canon(
        [
            record(
                "a",
                "2023-01-01",
                "Oleg Tschernyschow sagte etwas.",
                [("Oleg Tschernyschow", "PER")],
            ),
            record(
                "b",
                "2023-01-03",
                "Tschernyschows Sprecher und Oleg Chernyshov.",
                [("Tschernyschows", "PER"), ("Oleg Chernyshov", "PER")],
            ),
        ]
    )
    assert len(set(c.values())) == 1


def test_two_muellers_stay_apart_and_a_bare_mueller_is_not_forced() -> None:
    c = canon(
        [
            record(
                "a",
                "2019-01-01",
                "Gerd Müller sagte. Müller ging.",
                [("Gerd Müller", "PER"), ("Müller", "PER")],
            ),
            record(
                "b",
                "2021-06-01",
                "Thomas Müller traf. Müller traf.",
                [("Thomas Müller", "PER"), ("Müller", "PER")],
            ),
            record("c", "2020-03-01", "Müller schwieg.", [("Müller", "PER")]),
        ]
    )
    assert c[("a", "Gerd Müller")] != c[("b", "Thomas Müller")]
    assert c[("a", "Müller")] == c[("a", "Gerd Müller")]
    assert c[("b", "Müller")] == c[("b", "Thomas Müller")]
    assert c[("c", "Müller")] not in (c[("a", "Gerd Müller")], c[("b", "Thomas Müller")])


def test_georgia_state_and_country() -> None:
    c = canon(
        [
            record(
                "a",
                "2022-01-01",
                "In Georgia und in Georgien, georgische Truppen.",
                [("Georgia", "LOC"), ("Georgien", "LOC"), ("georgische", "LOC", "deriv")],
            )
        ]
    )
    assert c[("a", "Georgia")] == "Georgia (U.S. state)"
    assert c[("a", "Georgien")] == c[("a", "georgische")] == "Georgia (country)"


def test_one_letter_and_all_caps_names_are_matched_exactly() -> None:
    c = canon(
        [
            record(
                "a",
                "2022-01-01",
                "Herr K. traf die AfD und die AKP. K. ging. Q sprach.",
                [("K.", "PER"), ("AfD", "ORG"), ("AKP", "ORG"), ("K.", "PER"), ("Q", "PER")],
            )
        ]
    )
    assert c[("a", "AfD")] != c[("a", "AKP")]
    assert c[("a", "K.")] != c[("a", "Q")]


def test_names_in_scripts_without_rules_are_kept() -> None:
    out = link_documents(
        [
            record(
                "a",
                "2022-01-01",
                "Ein Gast: 習近平 und ⵜⴰⵎⴰⵣⵉⵖⵜ.",
                [("習近平", "PER"), ("ⵜⴰⵎⴰⵣⵉⵖⵜ", "ORG")],
            )
        ]
    )
    assert [m["canonical"] for m in out[0]["entities"]] == ["習近平", "ⵜⴰⵎⴰⵣⵉⵖⵜ"]


def test_capital_as_government() -> None:
    out = link_documents(
        [
            record(
                "a",
                "2022-01-01",
                "Moskau bestreitet das. In Moskau schneit es.",
                [("Moskau", "LOC"), ("Moskau", "LOC")],
            )
        ]
    )
    first, second = out[0]["entities"]
    assert first["canonical"] == second["canonical"] == "Moscow"
    assert first.get("government_of") == "Russia" and "government_of" not in second


def test_parts_link_to_the_name_inside() -> None:
    c = canon(
        [
            record(
                "a",
                "2022-01-01",
                "Der Nato-Gipfel und die Nato. Kremlsprecher sagte.",
                [("Nato-Gipfel", "ORG", "part"), ("Nato", "ORG"), ("Kremlsprecher", "LOC", "part")],
            )
        ]
    )
    assert c[("a", "Nato-Gipfel")] == c[("a", "Nato")] == "NATO"
    assert c[("a", "Kremlsprecher")] == "Moscow Kremlin"


def test_alias_cycle_and_conflict_are_errors() -> None:
    with pytest.raises(AliasError, match="cycle"):
        build_alias_table(
            [Alias("A-Land", "B-Land", "LOC", "t:1"), Alias("B-Land", "A-Land", "LOC", "t:2")]
        )
    with pytest.raises(AliasError, match="conflict"):
        build_alias_table(
            [Alias("A-Land", "B-Land", "LOC", "t:1"), Alias("A-Land", "C-Land", "LOC", "t:2")]
        )
    table = build_alias_table(
        [Alias("A-Land", "B-Land", "LOC", "t:1"), Alias("B-Land", "C-Land", "LOC", "t:2")]
    )
    assert table.lookup("A-Land", "LOC").canonical == "C-Land"


def test_role_facts_from_titles_appositions_and_amtskollege() -> None:
    text = (
        "Russlands Verteidigungsminister Sergei Shoigu traf den belarussischen Präsidenten. "
        "Gemeinsam mit seinem Amtskollegen Viktor Chrenin unterzeichnete Schoigu ein Dokument in Belarus."
    )
    spans = [
        ("Russlands", "LOC", None, "Russia"),
        ("Sergei Shoigu", "PER", None, "Sergei Shoigu"),
        ("belarussischen", "LOC", "deriv", "Belarus"),
        ("Viktor Chrenin", "PER", None, "Viktor Khrenin"),
        ("Schoigu", "PER", None, "Sergei Shoigu"),
        ("Belarus", "LOC", None, "Belarus"),
    ]
    views, pos = [], 0
    for name, type_, sub, c in spans:
        start = text.index(name, pos)
        views.append(MentionView(start, start + len(name), name, type_, sub, c))
        pos = start + 1
    facts = [(f.role, f.of, f.holder, f.kind) for f in find_roles(text, views)]
    assert ("Minister of Defence", "Russia", "Sergei Shoigu", "stated") in facts
    assert ("President", "Belarus", None, "resolved") in facts
    assert ("Minister of Defence", "Belarus", "Viktor Khrenin", "stated") in facts


def test_bare_role_resolves_by_date() -> None:
    book = RoleBook()
    assert book.holder("Minister of Defence", "Russia", "2022-12")[0] == "Sergei Shoigu"
    assert book.holder("Minister of Defence", "Russia", "2024-06-01")[0] == "Andrey Belousov"
    book.add("Mayor", "Minsk", "Someone Else", "2022-11-30")
    assert book.holder("Mayor", "Minsk", "2022-12-05")[0] == "Someone Else"
    assert (
        book.holder("Mayor", "Minsk", "2022-10-01")[0] == "Someone Else"
    )  # nearest when nothing earlier


def test_cyrillic_only_person_gets_an_international_latin_canonical() -> None:
    out = link_documents(
        [
            record(
                "a",
                "2022-01-01",
                "Иван Петров sagte. Петров ging.",
                [("Иван Петров", "PER"), ("Петров", "PER")],
            )
        ]
    )
    assert [m["canonical"] for m in out[0]["entities"]] == ["Ivan Petrov", "Ivan Petrov"]


def test_short_form_in_brackets_joins_its_long_form_across_reports() -> None:
    c = canon(
        [
            record("a", "2016-01-01", "Die VIG meldete Gewinne.", [("VIG", "ORG")]),
            record(
                "b",
                "2016-02-01",
                "Die Vienna Insurance Group (VIG) wächst.",
                [("Vienna Insurance Group", "ORG"), ("VIG", "ORG")],
            ),
            record("c", "2016-03-01", "VIG-Chefin sprach.", [("VIG-Chefin", "ORG", "part")]),
        ]
    )
    assert len(set(c.values())) == 1


def test_empty_and_punctuation_spans_do_not_crash_or_merge() -> None:
    text = "„“ und ... sowie „“."
    out = link_documents(
        [
            {
                "id": "a",
                "date": "2022",
                "text": text,
                "entities": [
                    {"start": 0, "end": 2, "text": "„“", "type": "PER"},
                    {"start": 7, "end": 10, "text": "...", "type": "ORG"},
                    {"start": 17, "end": 19, "text": "„“", "type": "PER"},
                ],
            }
        ]
    )
    assert all(m["canonical"] is not None for m in out[0]["entities"])


def test_derived_and_part_mentions_without_sub_still_link() -> None:
    c = canon(
        [
            record(
                "a",
                "2022-01-01",
                "russischen Truppen, Russland, Nato-Gipfel und Nato, Deutschlandfunk.",
                [
                    ("russischen", "LOC"),
                    ("Russland", "LOC"),
                    ("Nato-Gipfel", "ORG"),
                    ("Nato", "ORG"),
                    ("Deutschlandfunk", "ORG"),
                ],
            )
        ]
    )
    assert c[("a", "russischen")] == c[("a", "Russland")] == "Russia"
    assert c[("a", "Nato-Gipfel")] == c[("a", "Nato")] == "NATO"
    assert c[("a", "Deutschlandfunk")] == "Deutschlandfunk"
