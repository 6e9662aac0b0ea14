"""The repairs after Viterbi (listed organisations, ORG span bounds) and one label per name in a
report (chronik.nlp.ner.decoding). Sentences written for these tests."""

from __future__ import annotations

from chronik.nlp.ner import decoding, gazetteers, tiers

ORGS = frozenset(("Weltbank", "Vereinten Nationen", "Barcelona"))
PLACES = frozenset(("Barcelona", "Wien"))


def words(text: str) -> list[str]:
    return text.split(" ")


def test_an_untagged_listed_organisation_becomes_org_the_longest_name_first() -> None:
    w = words("Die Vereinten Nationen und die Weltbank zahlen")
    tags = decoding.listed_organisations(w, ["O"] * len(w), ORGS, PLACES)
    assert tags == ["O", "B-ORG", "I-ORG", "O", "O", "B-ORG", "O"]


def test_listed_names_leave_the_models_names_and_one_word_places_alone() -> None:
    w = words("Weltbank in Barcelona")
    tags = decoding.listed_organisations(w, ["B-LOC", "O", "O"], ORGS, PLACES)
    assert tags == ["B-LOC", "O", "O"]


def test_a_listed_name_inside_a_longer_tagged_name_is_not_cut_out() -> None:
    w = words("Weltbank Gruppe")
    assert decoding.listed_organisations(w, ["O", "I-ORG"], ORGS, PLACES) == ["O", "I-ORG"]


def test_an_org_ending_in_a_joiner_runs_on_over_the_capitalised_words() -> None:
    w = words("des Instituts für Nationales Gedenken in Prag")
    tags = ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-LOC"]
    assert decoding.org_bounds(w, tags) == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-LOC"]


def test_an_org_ending_in_a_joiner_with_nothing_after_it_loses_the_joiner() -> None:
    w = words("die Kammer für alle")
    assert decoding.org_bounds(w, ["O", "B-ORG", "I-ORG", "O"]) == ["O", "B-ORG", "O", "O"]


def test_an_org_starting_with_a_joiner_takes_the_noun_before_it() -> None:
    w = words("die Kommission für Frieden und Arbeit tagt")
    tags = ["O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    assert decoding.org_bounds(w, tags) == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]


def test_an_org_starting_with_und_loses_it() -> None:
    w = words("Handels- und Arbeiterkammer")
    assert decoding.org_bounds(w, ["O", "B-ORG", "I-ORG"]) == ["O", "O", "B-ORG"]


def test_an_org_ending_in_an_isch_adjective_takes_the_noun_after_it() -> None:
    w = words("vom Arabischen Bund verurteilt")
    assert decoding.org_bounds(w, ["O", "B-ORG", "O", "O"]) == ["O", "B-ORG", "I-ORG", "O"]
    # other labels and other adjectives are left as they are
    assert decoding.org_bounds(w, ["O", "B-LOC", "O", "O"]) == ["O", "B-LOC", "O", "O"]
    w = words("der Grünen Partei")
    assert decoding.org_bounds(w, ["O", "B-ORG", "O"]) == ["O", "B-ORG", "O"]


def test_a_name_gets_the_label_most_of_its_occurrences_got_in_a_report() -> None:
    sentences = [words("Kowalski sprach"), words("Kowalski ging"), words("Lob für Kowalski")]
    tagged = [["B-PER", "O"], ["B-PER", "O"], ["O", "O", "B-LOC"]]
    assert decoding.consistent_report(sentences, tagged) == [
        ["B-PER", "O"],
        ["B-PER", "O"],
        ["O", "O", "B-PER"],
    ]


def test_a_tie_changes_no_label() -> None:
    sentences = [words("Jordan kam"), words("nach Jordan")]
    tagged = [["B-PER", "O"], ["O", "B-LOC"]]
    assert decoding.consistent_report(sentences, tagged) == tagged


class Fixed:
    """A tagger that tags every capitalised word as a place, except those in `people`."""

    name = "fixed"

    def __init__(self, people: set[tuple[int, int]]) -> None:
        self.people = people

    def tag_many(self, sentences):
        return [
            [
                ("B-PER" if (s, i) in self.people else "B-LOC") if w[:1].isupper() else "O"
                for i, w in enumerate(words)
            ]
            for s, words in enumerate(sentences)
        ]


def test_tag_document_tags_then_makes_the_report_consistent() -> None:
    sentences = [["Novak", "lacht"], ["Novak", "weint"], ["mit", "Novak"]]
    tagger = Fixed({(0, 0), (1, 0)})
    assert tiers.tag_sentences(tagger, sentences)[2] == ["O", "B-LOC"]
    assert tiers.tag_document(tagger, sentences)[2] == ["O", "B-PER"]


def test_the_organisation_lists_are_read_without_headers() -> None:
    names = gazetteers.organisations()
    assert "Weltbank" in names and "Vereinten Nationen" in names
    assert not any(n.startswith("#") for n in names)
