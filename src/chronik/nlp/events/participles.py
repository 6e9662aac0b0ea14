"""Participles: passive clauses ("wurde ... angegriffen"), participles in headlines, and attributive
participles ("die von Russland besetzten Gebiete") whose actor stands in the phrase they open."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.events import phrases, segment
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.frames import Roles
from chronik.nlp.events.phrases import Candidate
from chronik.nlp.lang import de

INSEPARABLE = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer")
PAST_WERDEN = frozenset({"wurde", "wurden", "worden", "wurdest", "wurdet"})


def is_passive(doc: Doc, trigger: Trigger) -> bool:
    """ "wurde unterzeichnet", and "ist von russischen Truppen besetzt" (a state passive with its
    agent)."""
    word = doc[trigger.token].lower_
    infinitive = trigger.entry.lemma.replace("|", "").lower()
    words = [doc[i].lower_ for i in range(*trigger.clause) if i != trigger.token]
    if word == infinitive:
        # "wurde empfangen", "ist verlassen worden": a participle that looks like the infinitive
        # (inseparable prefix, strong verb) is passive after a past form of "werden", which takes
        # no infinitive ("wird empfangen" may be the future and stays active)
        return word.startswith(INSEPARABLE) and any(w in PAST_WERDEN for w in words)
    if any(w in de.PASSIVE_AUX for w in words):
        return True
    if _headline_participle(doc, trigger, word):
        return True
    if not any(w in de.STATE_AUX for w in words):
        return False
    return any(w in ("von", "durch") for w in words) or _state_passive(doc, trigger, words)


# Trigger verbs whose perfect is formed with "sein": "die Truppen sind abgezogen" is active.
SEIN_PERFECT = frozenset(
    {
        "abziehen",
        "einmarschieren",
        "eintreffen",
        "einrücken",
        "einschlagen",
        "einziehen",
        "reisen",
        "vorrücken",
        "zusammenkommen",
    }
)


def _state_passive(doc: Doc, trigger: Trigger, words: list[str]) -> bool:
    """ "Zwei Polizisten sind verletzt", "Mehrere Verdächtige sind angeklagt": "sein" with the
    participle of a verb that forms its perfect with "haben" is a state passive; its subject is
    what was done to (a participle of motion, "sind abgereist", stays active)."""
    lemma = trigger.entry.lemma.replace("|", "")
    if lemma in SEIN_PERFECT or trigger.particle is not None or "haben" in words:
        return False
    if segment.last_word(doc, trigger.clause) != trigger.token:
        return False  # the participle closes its clause; a finite verb does not
    word = doc[trigger.token].lower_
    return word.endswith(("t", "en")) and not word.endswith("ieren") and word != lemma


def _headline_participle(doc: Doc, trigger: Trigger, word: str) -> bool:
    """ "Journalistin in Minsk festgenommen": a sentence without a finite verb that ends in a
    ge-participle is a passive whose auxiliary is left out."""
    sent = doc[trigger.token].sent
    start, end = sent.start, sent.end
    if trigger.clause[0] > start and doc[trigger.clause[0] - 1].text in HEADLINE_BREAKS:
        start, end = (
            trigger.clause
        )  # "AFP: Arbeiter vermisst – Drei Menschen bei Beschuss verletzt"
    if segment.last_word(doc, (start, end)) != trigger.token or trigger.particle is not None:
        return False
    if not ("ge" in word[:-3] and word.endswith(("t", "en"))) and not word.startswith("ver"):
        return False
    return not any(
        doc[i].lower_ in de.AUX or doc[i].text in (",", ":") for i in range(start, trigger.token)
    )


HEADLINE_BREAKS = ("–", "—", ":")  # a headline's parts after a dash or colon are sentences


def attributive_participle(doc: Doc, trigger: Trigger) -> int | None:
    """ "die dort stationierten Einheiten", "Mütter von eingezogenen Soldaten", "die vor drei Tagen
    festgenommene Journalistin": an inflected participle between an article (or a preposition right
    before it) and its noun. Returns the article's (or preposition's) position. Between article and
    participle stand only adverbs and prepositional phrases, never a bare noun ("Die Soldaten
    demonstrierten")."""
    i = trigger.token
    word = doc[i].lower_
    if (
        trigger.particle is not None
        or not doc[i].text[:1].islower()
        or (not word.endswith(("e", "en", "er", "es", "em")))
    ):
        return None
    k = i + 1
    while (
        k < trigger.clause[1]
        and doc[k].text[:1].islower()
        and doc[k].is_alpha
        and doc[k].lower_.endswith(("e", "en", "er", "es", "em"))
        and doc[k].lower_ not in de.AUX
    ):
        k += 1
    if k >= trigger.clause[1] or not phrases.is_noun_like(doc[k].text):
        return None
    if i - 1 >= trigger.clause[0] and doc[i - 1].lower_ in de.PREPOSITIONS:
        return i - 1
    in_phrase = False
    for j in range(i - 1, max(trigger.clause[0] - 1, i - 8), -1):
        tok = doc[j]
        if tok.lower_ in de.DETERMINERS and tok.lower_ not in de.NUMBERS and j < i - 1:
            return j if not in_phrase or _phrase_opened(doc, j + 1, i) else None
        if tok.lower_ in de.AUX or (not tok.is_alpha and not tok.text[:1].isdigit()):
            return None
        if tok.text[:1].isupper():
            in_phrase = True
    return None


def _phrase_opened(doc: Doc, start: int, end: int) -> bool:
    """Every noun between the article and the participle stands inside a prepositional phrase."""
    opened = False
    for j in range(start, end):
        if doc[j].lower_ in de.PREPOSITIONS:
            opened = True
        elif doc[j].text[:1].isupper() and not opened:
            return False
    return True


def participle_roles(trigger: Trigger, cands: list[Candidate], opener: int) -> Roles:
    """The noun an attributive participle modifies is what was done to it; "von X" inside is who did
    it."""
    head = [c for c in cands if c.start > trigger.token][:1]
    agents = [
        c for c in cands if opener < c.start < trigger.token and c.prep in de.AGENT_PREPOSITIONS
    ]
    return Roles(actor=agents[:1], target=head)
