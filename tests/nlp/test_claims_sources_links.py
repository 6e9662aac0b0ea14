"""Contradiction links treat a speaker named in full and by a shorter mention as one source:
nobody denies their own claim. Sentences written for this test."""

from __future__ import annotations

from tests.nlp.events_helpers import analyse

REPORT = "Die Grenze zu Kroatien sei seit Montag geschlossen, teilte das Innenministerium mit. "


def _claims(second: str):
    claims = analyse(REPORT + second, [("Kroatien", "LOC")])._.claims
    assert len(claims) == 2, [c.text for c in claims]
    return claims


def test_a_shorter_mention_of_the_speaker_does_not_deny_its_own_claim() -> None:
    account, denial = _claims("Das Ministerium wies die Darstellung zurück.")
    assert denial.certainty == "denied"
    assert account.contradicts == [] and denial.contradicts == []


def test_another_source_still_denies_the_account() -> None:
    account, denial = _claims("Die Opposition wies die Darstellung zurück.")
    assert denial.certainty == "denied"
    assert account.contradicts == [denial.id] and denial.contradicts == [account.id]


def test_the_deniers_account_after_a_colon_contradicts_the_accusation() -> None:
    text = (
        "Bürgermeisterin Anna Berger kritisierte den Verein scharf: Er habe die Fördergelder "
        "verschwendet. Den Vorwurf der Verschwendung will Vereinsobmann Karl Huber nicht stehen "
        "lassen: Wir haben jeden Euro offengelegt."
    )
    claims = analyse(text, [("Anna Berger", "PER"), ("Karl Huber", "PER")])._.claims
    accusation = next(c for c in claims if c.text.startswith("Er habe"))
    account = next(c for c in claims if c.text.startswith("Wir haben"))
    assert account.id in accusation.contradicts and accusation.id in account.contradicts
