"""The target of a verb event among the phrases its clause leaves after the actor: the direct
object, else a phrase with the preposition the event type takes ("Sanktionen gegen Iran"), the
addressee of a demand, the recipient of aid, and for a denial the report it rejects."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.events import npwords
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.frames import ADDRESSEE_HEAD, TARGET_PREPS, with_conjuncts
from chronik.nlp.events.phrases import Candidate
from chronik.nlp.lang import de


def rejected_report(doc: Doc, start: int, end: int, trigger: Trigger) -> list[Candidate]:
    """ "dementierte den Bericht", "hat Berichte über einen Rückzug zurückgewiesen": what a denial
    rejects is often a report, a word no other rule takes as an argument."""
    for i in range(start, end):
        if i == trigger.token or doc[i].text not in de.REPORT_NOUNS:
            continue
        j = npwords.before_modifiers(doc, i - 1, start)
        if j >= 0 and doc[j].lower_ in de.PREPOSITIONS:
            continue  # "nach Angaben", "laut Berichten": an attribution, not the object
        return [Candidate(i, i + 1, i, np_start=j + 1)]
    return []


def targets(trigger: Trigger, rest: list[Candidate]) -> list[Candidate]:
    preps = TARGET_PREPS.get(trigger.type, set())
    needed = trigger.entry.requires
    if (
        needed is not None
    ):  # "verhängte Sanktionen gegen Iran": the target is Iran, not the sanctions
        marked = [c for c in rest if c.prep in preps]
        rest = [
            c
            for c in rest
            if not (
                c.mention is None
                and c.prep is None
                and marked
                and needed.search(_cand_text(trigger, c))
            )
        ]
    direct = [c for c in rest if c.prep is None and not c.genitive and not c.pronoun]
    if trigger.type == "REQUEST" and trigger.doc is not None:
        # the target of a demand is its addressee, not what is demanded ("forderte Neuwahlen")
        direct = [c for c in direct if _addressee(trigger.doc, c)]
    pick = direct[:1] or [c for c in rest if c.prep in preps][:1]
    recipient = [c for c in rest if c.prep in preps]
    dative = _dative(trigger.doc, rest) if trigger.doc is not None else []
    if trigger.type == "AID" and (recipient or dative):
        # "Drohnen an Russland geliefert", "hat dem Verdächtigen Geld überwiesen", "lieferte ihnen
        # Waffen": the target is who receives, the dative object
        pick = dative[:1] or recipient[:1]
    elif trigger.type in ("ASSAULT", "ACCUSE") and direct:
        marked = [c for c in rest if c.prep in preps and c.start > trigger.token]
        pick = direct[:1] if direct[0].start < trigger.token or not marked else marked[:1]
    if not pick and trigger.doc is not None:
        # "wirft ihm vor", "forderte ihn auf": an object pronoun is the target when nothing else is
        pick = [
            c
            for c in rest
            if c.pronoun
            and c.prep is None
            and trigger.doc[c.start].lower_ in de.OBJECT_PRONOUNS | {"mich", "mir"}
        ][:1]
    if pick and trigger.doc is not None:
        pick = with_conjuncts(trigger.doc, pick, [c for c in rest if c.prep == pick[0].prep])
    return pick


DATIVE = frozenset({"dem", "einem", "diesem", "ihm", "ihnen"})  # unambiguous dative openers


def _dative(doc: Doc, rest: list[Candidate]) -> list[Candidate]:
    return [c for c in rest if c.prep is None and not c.genitive and _dative_opener(doc, c)]


def _dative_opener(doc: Doc, cand: Candidate) -> bool:
    if cand.pronoun:
        return doc[cand.start].lower_ in DATIVE
    first = cand.np_start if 0 <= cand.np_start < cand.start else cand.start
    return any(doc[i].lower_ in DATIVE for i in range(first, cand.start))


def _addressee(doc: Doc, cand: Candidate) -> bool:
    """A named party or a noun for people or institutions ("die Bewohner", "die Regierung")."""
    if cand.mention is not None:
        # a name, or a demonym noun ("Israelis und Palästinenser"): a party that can be addressed
        return cand.mention.sub is None or (
            cand.mention.sub == "deriv" and cand.mention.text[:1].isupper()
        )
    return ADDRESSEE_HEAD.search(doc[cand.head].lower_) is not None


def _cand_text(trigger: Trigger, cand: Candidate) -> str:
    return trigger.doc[cand.start : cand.end].text.lower() if trigger.doc is not None else ""
