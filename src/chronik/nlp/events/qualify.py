"""Negation and modality of a trigger, decided inside its clause.

A verb is negated by "nicht", "nie" or a "kein" anywhere in its clause (German puts "nicht" late,
far from the finite verb); a noun only by a "kein" that heads it or by a negated clause without a
verb trigger. Ruling out an action ("hat ein Eingreifen ausgeschlossen", "schließt aus, ...
anzugreifen") negates it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from chronik.dates import PartialDate
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.phrases import DocIndex
from chronik.nlp.lang import de

VERIFY = re.compile(r"^(überprüf|bestätig|verifizier|belegen|belegt)")
NOT_NEGATING_NEXT = {"nur", "zuletzt", "mehr als", "weniger"}
RULE_OUT = re.compile(r"^(ausgeschlossen|auszuschließen|ausschließen|ausschloss|ausschlossen)$")
RULE_OUT_SPLIT = {"schließt", "schließen", "schloss", "schlossen"}
PLANNED = re.compile(
    r"^(plan|geplant|beabsichtig|vorgesehen|will$|wollen$|wollte|angekündigt|kündigt|bereitet|"
    r"vorbereit|erwäg|beschloss|beschlossen|entschied|entschieden)"
)
FUTURE_WORDS = re.compile(
    r"^(bevorstehend|kommend|nächst|künftig|morgen|übermorgen|demnächst|bald)"
)


def is_negated(doc: Doc, trigger: Trigger, all_triggers: list[Trigger]) -> bool:
    clause = trigger.clause
    if trigger.entry.requires is not None and "nicht" in trigger.entry.requires.pattern:
        return False  # "erkennt ... nicht an" is a rejection, not a negated event
    if _ruled_out(doc, clause):
        return True
    if trigger.is_verb:
        return any(_negator(doc, i) for i in range(*clause))
    if _kein_heads(doc, trigger.token, clause[0]):
        return True
    verbs_in_clause = any(t.is_verb and t.clause == clause for t in all_triggers)
    words = [doc[i].lower_ for i in range(*clause)]
    if verbs_in_clause or any(VERIFY.match(w) for w in words):
        return (
            False  # "Die Angaben zu den Festnahmen lassen sich nicht überprüfen" negates no arrest
        )
    return any(
        _negator(doc, i) and doc[i].lower_ in ("nicht", "nie", "niemals") for i in range(*clause)
    )


def ruled_out_clause(doc: Doc, clause: tuple[int, int]) -> bool:
    return _ruled_out(doc, clause)


def _ruled_out(doc: Doc, clause: tuple[int, int]) -> bool:
    words = [doc[i].lower_ for i in range(*clause)]
    if any(RULE_OUT.match(w) for w in words):
        return True
    return any(w in RULE_OUT_SPLIT for w in words) and words[-1] == "aus"


def _negator(doc: Doc, i: int) -> bool:
    word = doc[i].lower_
    if word not in de.NEGATORS:
        return False
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return nxt not in NOT_NEGATING_NEXT


def _kein_heads(doc: Doc, token: int, clause_start: int) -> bool:
    """ "keine (neuen) Angriffe": only adjectives between the negator and the noun."""
    if token - 1 >= clause_start and doc[token - 1].lower_ == "ohne":
        return True  # "ohne Einigung"
    j = token - 1
    while (
        j >= clause_start
        and doc[j].text[:1].islower()
        and doc[j].lower_ not in de.NEGATORS
        and (
            doc[j].lower_ not in de.PREPOSITIONS
            and doc[j].lower_.endswith(("e", "en", "er", "es", "em"))
        )
    ):
        j -= 1
    return (j >= clause_start and doc[j].lower_ in de.NEGATORS and doc[j].lower_ != "nicht") or (
        j >= clause_start and doc[j].lower_ == "nicht" and j == token - 1
    )


def modality(
    doc: Doc,
    trigger: Trigger,
    index: DocIndex,
    report_date: PartialDate | None,
    host: tuple[int, int] | None = None,
) -> str:
    """`host` is the clause a zu-infinitive depends on ("plant, ... zu verlegen")."""
    clause = trigger.clause
    words = [doc[i].lower_ for i in range(*clause)] + (
        [doc[i].lower_ for i in range(*host)] if host else []
    )
    if any(PLANNED.match(w) for w in words):
        return "planned"
    infinitive = trigger.entry.lemma.replace("|", "").lower()
    if (
        trigger.is_verb
        and doc[trigger.token].lower_ == infinitive
        and any(w in de.FUTURE_AUX for w in words)
    ):
        return "future"
    if any(FUTURE_WORDS.match(w) for w in words):
        return "future"
    if report_date is not None and _later_timex(index, clause, report_date):
        return "future"
    return "actual"


def _later_timex(index: DocIndex, clause: tuple[int, int], report_date: PartialDate) -> bool:
    for start, _end, timex in index.timexes:
        if (
            not clause[0] <= start < clause[1]
            or timex.type != "DATE"
            or not timex.value[:4].isdigit()
        ):
            continue
        value = timex.value[: len(report_date.iso)]
        if len(value) == len(report_date.iso) and value > report_date.iso:
            return True
    return False
