"""Counter-accounts: claims that contradict an earlier claim of another source without a denial verb
(conventions 7.1), and the word tests that contradiction linking shares.

- "es gebe keinen Plan für Neuwahlen", "keine Hinweise auf einen Angriff", "unbeschädigt": the
  thing the other account tells is said not to exist or not to have happened;
- "Das Gegenteil sei der Fall", "nannte das absurd", "sprach von Propaganda": the source calls
  what was said before untrue; such a claim is a denial (6.1) once there is something to deny;
- figures that cannot both be true: 2.000 participants by the police, 10.000 by the organisers;
  25 dead by one source, twelve by another;
- blame turned round: the accused blames the accuser for the same kind of event.
"""

from __future__ import annotations

import re

from chronik.nlp.claims.build import Draft
from chronik.nlp.lang import de
from chronik.types import Event


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _words_in_order(text: str) -> list[str]:
    return text.split()


WINDOW_SENTENCES = 3
ACCUSATION_WINDOW = 6  # sentences back that a denial of the accused still reaches its accusation
ENDINGS = ("en", "em", "er", "es", "e")
MIN_HEAD_CHARS = 6  # "Ministerium" in "Innenministerium"; not "Amt" or "Rat"
FIGURE_WINDOW = 3  # sentences between two figures of one event: further apart, other events

# Words that call a statement untrue when said of it ("nannte das absurd", "sprach von
# Propaganda", "die Berichte seien eine Erfindung"). Not "lächerlich" or "falsch" alone: they
# judge policies as often as statements ("Es wäre falsch, die Steuern zu erhöhen").
REBUTTAL_WORDS = _words(
    """
    absurd absurde absurden erfindung erfindungen erfunden falschmeldung falschmeldungen fake
    fälschung haltlos haltlose haltlosen lüge lügen gelogen märchen propaganda propagandalüge
    unsinn unfug unwahr unwahrheit unwahrheiten unzutreffend unbegründet unbegründete
    verleumdung verleumdungen desinformation
    """
)
# What a rebuttal is said of: a pointer back or a noun for what someone said.
POINTERS = _words("das dies diese dieser solche solches")
SAID_NOUNS = _words(
    """
    vorwurf vorwürfe vorwürfen anschuldigung anschuldigungen beschuldigung beschuldigungen
    unterstellung unterstellungen behauptung behauptungen bericht berichte berichten meldung
    meldungen darstellung darstellungen angaben aussage aussagen äußerung äußerungen gerücht
    gerüchte spekulationen vorwurfs berichts
    """
)
# Nouns by which a denial names a report it denies ("wies die Berichte zurück"), and words that
# show a claim is such a report ("berichtete", "laut Medienberichten").
REPORT_NOUNS = _words("bericht berichte medienberichte meldung meldungen")
CHARGE_NOUNS = _words("vorwurf vorwürfe anschuldigung anschuldigungen kritik beschuldigungen")
CHARGING = _words("kritisieren verurteilen anprangern bemängeln")  # verbs of criticism (cues)
REPORTING = ("bericht", "meldung", "meldete", "berichtet", "zeitung", "magazin")
REBUTTAL_SPAN = 14  # words of a claim that only rebuts: longer ones say something of their own

# Counted nouns, by what they count; a generic one ("Menschen") counts what its verb says.
COUNTED = {
    "dead": "tote toten todesopfer todesopfern",
    "injured": "verletzte verletzten verwundete verwundeten schwerverletzte schwerverletzten",
    "participants": "teilnehmer teilnehmern teilnehmerinnen demonstranten demonstrantinnen",
}
COUNTED_WORDS = {w: kind for kind, words in COUNTED.items() for w in words.split()}
GENERIC_COUNTED = _words("menschen personen leute")
COUNTING_VERBS = {
    "dead": "getötet starben gestorben ums umgekommen tot getöteten",
    "injured": "verletzt verwundet",
    "participants": "teil teilgenommen beteiligten demonstrierten protestierten versammelten "
    "kundgebung demonstration",
}
COUNTING_WORDS = {w: kind for kind, words in COUNTING_VERBS.items() for w in words.split()}
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        _words_in_order("null ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf")
    )
}
NUMBER_WORDS.update({"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100})
_DIGITS = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")


def same_source(a: Draft, b: Draft) -> bool:
    """One speaker, also named in full and by a nearer mention ("das Innenministerium" ... "das
    Ministerium", "UN-Generalsekretär Ban" ... "der UN-Generalsekretär")."""
    if a.source is None or b.source is None:
        return False
    x, y = a.source.text.lower(), b.source.text.lower()
    if x == y or same_speaker(a, b):
        return True
    hx, hy = x.split()[-1], y.split()[-1]
    return min(len(hx), len(hy)) >= MIN_HEAD_CHARS and (hx.endswith(hy) or hy.endswith(hx))


def same_speaker(a: Draft, b: Draft) -> bool:
    """One person, named once by title and once by name: nobody denies their own claim."""
    return a.speaker is not None and a.speaker == b.speaker


def same_word(a: str, b: str) -> bool:
    return len(a) >= 5 and len(b) >= 5 and stem(a) == stem(b.lower())


def stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def rebuts(draft: Draft) -> bool:
    """ "Das Gegenteil sei der Fall", "Der Kreml nannte das absurd", "bezeichnete die Berichte als
    Propaganda", "sprach von Lügen": the claim says that what was said is untrue, and says nothing
    of its own."""
    words = [w for w in draft.tokens if w.isalpha()]
    lower = [w.lower() for w in words]
    if not lower or len(lower) > REBUTTAL_SPAN or draft.certainty == "denied":
        return False
    if "gegenteil" in lower and ("fall" in lower or "richtig" in lower or "wahr" in lower):
        return True
    hit = next((i for i, w in enumerate(lower) if w in REBUTTAL_WORDS), None)
    if hit is None or any(w in NEGATIONS for w in lower[max(0, hit - 3) : hit]):
        return False
    cue = draft.cue.entry.lemma if draft.cue is not None and draft.cue.entry is not None else ""
    if cue == "sprechen" and hit <= 2:
        return True  # "sprach von Propaganda": the span is the noun phrase itself
    if lower[:1] == ["es"] and "sich" in lower[:hit] and "um" in lower[:hit]:
        return True  # "Es handle sich um Propaganda"
    return any(_said_of(words, i) for i in range(max(0, hit - POINTER_REACH), hit))


POINTER_REACH = 5  # words before the rebuttal word that may name what it is said of
NEGATIONS = _words("nicht nie kein keine keinen keiner niemals")


def _said_of(words: list[str], i: int) -> bool:
    """ "die Vorwürfe", or "das"/"dies" standing alone (not the article of "das System")."""
    word = words[i].lower()
    if word in POINTERS:
        return i + 1 >= len(words) or not words[i + 1][:1].isupper()
    return word in SAID_NOUNS


# Predicates that call a statement untrue in a denial pattern ("Das ist falsch"), and where they
# judge a thing instead ("Die neue Regel sei falsch", "ist falsch abgebogen") the claim
# denies no statement.
UNTRUE = _words("falsch unwahr lüge gelogen erfunden haltlos")
NEGATED_REACH = 3  # words before a denial verb in which "nicht" takes the denial back


def no_denial(draft: Draft) -> bool:
    """A claim marked denied that denies no statement: "widersprechen" of things ("würde dem
    Vertrag widersprechen", "einander widersprechende Regeln", "die Angaben widersprechen sich"), a
    denial verb under "nicht" ("wollte den Bericht nicht dementieren"), "falsch" said of a thing."""
    cue = draft.cue
    lower = [w.lower() for w in draft.tokens]
    at = cue.start - draft.start if cue is not None else -1
    verb = cue is not None and cue.entry is not None and cue.entry.pos == "V"
    if verb and 0 <= at < len(lower):
        before = lower[max(0, at - NEGATED_REACH) : at]
        if "nicht" in before or "nie" in before:
            return True
        if cue.entry.lemma == "widersprechen" and _thing_contradicts(lower, at):
            return True
    if verb and cue.kind == "deny":
        return False
    hit = next((i for i, w in enumerate(lower) if w in UNTRUE), None)
    words = list(draft.tokens)
    return hit is not None and not any(
        _said_of(words, i) for i in range(max(0, hit - POINTER_REACH), hit)
    )


def _thing_contradicts(lower: list[str], at: int) -> bool:
    clause = lower[max(0, at - 8) : at + 3]
    return (
        "sich" in clause
        or not lower[at].startswith(("widersprech", "widersprich", "widersprach"))
        or bool({"würde", "würden", "könnte", "könnten"} & set(lower[:at]))
        or lower[at].endswith(("ende", "enden", "ender", "endes"))
    )


def figure(draft: Draft) -> tuple[str, int] | None:
    """ "nach Angaben der Polizei 25 Menschen getötet" -> ("dead", 25): what the claim counts and
    how many, if it counts one thing."""
    lower = [w.lower() for w in draft.tokens]
    found = []
    for i, word in enumerate(lower[:-1]):
        value = _number(word)
        if value is None:
            continue
        noun = next((w for w in lower[i + 1 : i + 3] if w.isalpha() and w not in ("mehr",)), "")
        kind = COUNTED_WORDS.get(noun)
        if kind is None and noun in GENERIC_COUNTED:
            kind = next((COUNTING_WORDS[w] for w in lower if w in COUNTING_WORDS), None)
        if kind is not None:
            found.append((kind, value))
    return found[0] if len(set(found)) == 1 else None


def _number(word: str) -> int | None:
    if _DIGITS.match(word):
        return int(word.replace(".", ""))
    return NUMBER_WORDS.get(word) if word not in ("ein", "null") else None


def differing_figure(drafts: list[Draft], n: int) -> list[int]:
    """The nearest earlier claim of another source that counts the same thing with another number:
    the two cannot both be true (7.1)."""
    claim = drafts[n]
    mine = figure(claim)
    if mine is None or claim.source is None:
        return []
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if claim.sentence - other.sentence > FIGURE_WINDOW:
            break
        if other.certainty == "denied" or other.source is None or same_source(other, claim):
            continue
        theirs = figure(other)
        if theirs is not None and theirs[0] == mine[0]:
            return [k] if theirs[1] != mine[1] else []
    return []


def turned_blame(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    """ "Kiew machte die Separatisten für den Beschuss verantwortlich. Die Separatisten
    beschuldigten die Armee, ...": the accused blames another for the same kind of event."""
    claim = drafts[n]
    if claim.certainty != "alleged" or claim.source is None:
        return []
    kinds = _event_types(claim, events)
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if claim.sentence - other.sentence > WINDOW_SENTENCES:
            break
        if other.certainty != "alleged" or same_source(other, claim) or other.source is None:
            continue
        if _accused(claim, other) and kinds & _event_types(other, events):
            return [k]
    return []


def _accused(claim: Draft, other: Draft) -> bool:
    """The claim's source is whom the other claim blames."""
    return other.source is not None and names_speaker(other, claim)


SPEAKER_HEADS = _words("sprecher sprecherin sprecherinnen angaben")  # name no side


def names_speaker(other: Draft, claim: Draft) -> bool:
    """The other claim names the claim's speaker besides its own: a name of its sentence, or the
    head noun of the source ("Die Separatisten", "das Innenministerium") among its words."""
    if claim.source_names & (other.names - other.source_names):
        return True
    if claim.source is None:
        return False
    head = claim.source.text.split()[-1].lower()
    own = {w.lower() for w in other.source.text.split()} if other.source is not None else set()
    return head not in SPEAKER_HEADS and any(same_word(head, w) for w in other.words - own)


SWAP_TYPES = frozenset({"ASSAULT", "COERCE"})  # who did it to whom: one can't be both sides


def swapped_roles(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    """ "Die Polizei erklärte, Y habe die Beamten angegriffen. Zeugen berichteten, Y sei von den
    Polizisten geschlagen worden": the nearest earlier claim of another source, within two
    sentences, whose attacker is this claim's victim or the other way round (7.1)."""
    claim = drafts[n]
    if claim.source is None:
        return []
    mine = _roles(claim, events)
    if not mine:
        return []
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if claim.sentence - other.sentence > 2:
            break
        if other.certainty == "denied" or other.source is None or same_source(other, claim):
            continue
        for kind, actors, targets in _roles(other, events):
            if any(
                kind == kind2 and (_meet(actors, targets2) or _meet(targets, actors2))
                for kind2, actors2, targets2 in mine
            ):
                return [k]
    return []


def _roles(draft: Draft, events: dict[str, Event]) -> list[tuple[str, set[str], set[str]]]:
    about = [events[e] for e in draft.events if e in events and events[e].type in SWAP_TYPES]
    return [
        (e.type, {_head(s.text) for s in e.actor}, {_head(s.text) for s in e.target})
        for e in about
        if not e.negated
    ]


def _head(text: str) -> str:
    return stem(text.split()[-1].lower()) if text.split() else ""


def _meet(a: set[str], b: set[str]) -> bool:
    return any(len(x) >= 4 and x in b for x in a)


def _event_types(draft: Draft, events: dict[str, Event]) -> set[str]:
    return {events[e].type for e in draft.events if e in events} - {"ACCUSE", "REJECT"}


def counter_account(drafts: list[Draft], n: int) -> list[int]:
    """Two accounts that cannot both be true: "es gebe keine Hinweise auf einen Angriff" after a
    claim of that attack, "zeigen das Flugzeug unbeschädigt" after "soll beschädigt worden sein",
    and a source that tells what happened "hingegen" otherwise than the one before."""
    claim = drafts[n]
    earlier = []
    for k in range(n - 1, -1, -1):  # drafts are in text order: stop once past the window
        if claim.sentence - drafts[k].sentence > ACCUSATION_WINDOW:
            break
        if (
            drafts[k].certainty != "denied"
            and not same_source(drafts[k], claim)
            and drafts[k].sentence < claim.sentence
        ):
            earlier.append(k)
    nothing = _there_is_no(claim.tokens)
    if nothing:
        # "Es gibt keinen Plan für Neuwahlen" after a report of such plans
        about = [
            k
            for k in earlier
            if any(same_word(noun, w) for noun in nothing for w in drafts[k].tokens)
        ]
        if about:
            claim.certainty = "denied"
            return about[:1]
    noun = _no_evidence_noun(claim.tokens)
    if noun is not None:
        about = [
            k
            for k in earlier
            if _no_evidence_noun(drafts[k].tokens) is None
            and any(same_word(noun, w) for w in drafts[k].words)
        ]
        alleged = [k for k in about if drafts[k].certainty == "alleged"]
        return (alleged or about)[:1]
    opposites = {stem(w.lower()[2:]) for w in claim.tokens if _negated_participle(w.lower())}
    if opposites:
        near = [k for k in earlier if claim.sentence - drafts[k].sentence <= WINDOW_SENTENCES + 1]
        hit = [k for k in near if opposites & _affirmed(drafts[k].tokens)]
        if hit:
            return hit[:1]
    if claim.source is not None and claim.contrast and not _ahead(claim):
        near = [
            k
            for k in earlier
            if drafts[k].source is not None and claim.sentence - drafts[k].sentence <= 2
        ]
        return [k for k in near[:1] if not _ahead(drafts[k])]
    return []


# Finite verbs of the future, of wishes and of conditions: "werde nicht zustimmen", "würde es
# begrüßen". Two sources that see what will or should happen differently disagree on a plan,
# and accounts that merely differ are not linked (7.1).
AHEAD = _words("werde werden würde würden wird könnte könnten sollte sollten solle")


def _ahead(draft: Draft) -> bool:
    return any(w.lower() in AHEAD for w in draft.tokens)


def no_losses(drafts: list[Draft], n: int, events: dict[str, Event]) -> list[int]:
    """ "Die Rebellen erklärten, sie hätten keine Verluste erlitten" after "drei Rebellen seien
    getötet worden": no casualties against another source's account of an attack (7.1)."""
    claim = drafts[n]
    lower = [w.lower() for w in claim.tokens]
    if claim.source is None or not any(
        w in de.NEGATING_DETERMINERS and any(x in de.CASUALTY_NOUNS for x in lower[i + 1 : i + 3])
        for i, w in enumerate(lower)
    ):
        return []
    for k in range(n - 1, -1, -1):
        other = drafts[k]
        if claim.sentence - other.sentence > WINDOW_SENTENCES:
            break
        if other.certainty == "denied" or same_source(other, claim) or other.source is None:
            continue
        if any(events[e].type == "ASSAULT" for e in other.events if e in events):
            return [k]
    return []


def _affirmed(tokens: tuple[str, ...]) -> set[str]:
    """Stems of the words a claim affirms: not those after "nicht" or "kein" ("nicht bezahlt"
    agrees with "unbezahlt")."""
    lower = [w.lower() for w in tokens]
    return {
        stem(w)
        for i, w in enumerate(lower)
        if not {"nicht", "nie", "kein", "keine"} & set(lower[max(0, i - 2) : i])
    }


def _negated_participle(word: str) -> bool:
    """ "unbeschädigt", "unverletzte": un- before a participle of something done to it (not
    "unverantwortlich", and not "unbestätigt"/"unbekannt", which qualify a report rather than state
    the opposite)."""
    if not word.startswith("un") or len(word) < 8:
        return False
    base = stem(word[2:])
    return (
        base.endswith("t")
        and base[:2] in ("be", "ge", "ve", "ze", "er", "en")
        and base not in de.NOT_OPPOSITES
    )


def _there_is_no(tokens: tuple[str, ...]) -> list[str]:
    """ "es gibt keinen Plan für Neuwahlen" -> ["plan", "neuwahlen"]: the nouns said not to exist
    (up to four words after the negating determiner)."""
    lower = [w.lower() for w in tokens]
    for i, word in enumerate(lower[:-1]):
        if word not in de.NEGATING_DETERMINERS:
            continue
        if not any(w in de.EXISTENCE_VERBS for w in lower[max(0, i - 4) : i]):
            continue
        return [
            lower[j]
            for j in range(i + 1, min(len(tokens), i + 5))
            if tokens[j][:1].isupper() and tokens[j].isalpha() and lower[j] not in de.EVIDENCE_NOUNS
        ]
    return []


def _no_evidence_noun(tokens: tuple[str, ...]) -> str | None:
    """ "keine Hinweise auf einen vorsätzlichen Angriff" -> "angriff": the noun whose evidence is
    missing."""
    lower = [w.lower() for w in tokens]
    for i, word in enumerate(lower):
        if (
            word not in de.NEGATING_DETERMINERS
            or i + 1 >= len(lower)
            or lower[i + 1] not in de.EVIDENCE_NOUNS
        ):
            continue
        if i + 2 < len(lower) and lower[i + 2] in de.EVIDENCE_PREPS:
            for j in range(i + 3, min(len(tokens), i + 7)):
                if tokens[j][:1].isupper() and tokens[j].isalpha():
                    return lower[j]
    return None
