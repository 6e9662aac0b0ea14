"""Who brings a charge is the source of its content claim when an active clause names them as
subject; passives and charge nouns without a verb of bringing them keep a null source.
Sentences written for this test."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse


def _charge(text: str, names=()):
    claims = [c for c in analyse(text, names)._.claims if c.text.startswith("wegen")]
    assert len(claims) == 1, [c.text for c in analyse(text, names)._.claims]
    return claims[0]


def test_the_prosecutors_who_open_an_investigation_are_its_source() -> None:
    claim = _charge(
        "Die Staatsanwaltschaft hat Ermittlungen wegen Betrugs gegen den Wirt eingeleitet."
    )
    assert claim.certainty == "alleged"
    assert claim.source is not None and claim.source.text == "Die Staatsanwaltschaft"


def test_a_named_plaintiff_is_the_source_of_klagt_an() -> None:
    claim = _charge(
        "Die Firma Holzbau Rieder klagt den Lieferanten wegen Vertragsbruchs an.",
        [("Holzbau Rieder", "ORG")],
    )
    assert claim.source is not None and "Holzbau Rieder" in claim.source.text


def test_a_passive_investigation_names_no_accuser() -> None:
    claim = _charge("Gegen den Wirt wurden Ermittlungen wegen Betrugs eingeleitet.")
    assert claim.source is None


def test_who_disputes_a_charge_does_not_bring_it() -> None:
    claim = _charge("Der Wirt bestreitet die Anklage wegen Betrugs.")
    assert claim.source is None
