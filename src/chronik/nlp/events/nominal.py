"""Roles of a nominal trigger ("der Angriff Russlands auf ...", "Russlands Angriff"): genitive and
preposition attachment, and the subject of the clause the noun stands in."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from chronik.nlp.events import detect, lexicon, npwords, phrases, segment
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.frames import (
    AGENT_HEAD,
    TARGET_PREPS,
    ClauseContext,
    Roles,
    attributive_von,
    classifier,
    controller,
    may_be_subject,
    with_conjuncts,
)
from chronik.nlp.events.phrases import Candidate, DocIndex
from chronik.nlp.events.places import relative_antecedent
from chronik.nlp.lang import de

GENITIVE_IS_TARGET = {
    "COERCE",
    "CONCEDE",
    "SANCTION",
    "RETREAT",
    "MOBILIZE",
    "AID",
    "REJECT",
    "SUPPORT",
}


# "Bei einem Überfall haben Kämpfer ...", "hatten Rebellen die Stadt durch Sprengungen vom Strom
# getrennt" (in an active clause "durch" names the means, and the subject used it)
SHARED_FRAME = {"bei", "beim", "während", "durch"}
# Prepositions by which a relative clause's subject joins an event noun: "die sich zu dem Anschlag
# bekannte", "die zu einer Sitzung zusammentrat", "die am Angriff beteiligt waren"; not "bei" ("eine
# Sperre, die bei den Gipfeln stand") nor "über" ("die über die Angriffe berichtet hatten").
JOINED = {"zu", "zum", "zur", "an", "am"}
FRONTED_FRAME = {"zu", "zum"}  # "Zu Besuch in Sarajevo stellte Kurz klar"
AGENT_REACH = 8  # tokens after a trigger noun that its von/durch agent phrase may start at
OWN_ACTION_CUES = {"an|kündigen"}  # announcing one's own action: the speaker does it


def noun_roles(trigger: Trigger, cands: list[Candidate], ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    after = [c for c in cands if trigger.token < c.start <= trigger.token + 6]
    # "Kritik kam etwa von der Europäischen Union": an agent phrase may stand further off
    by_agent = [
        c
        for c in cands
        if trigger.token < c.start <= trigger.token + AGENT_REACH
        and c.prep in de.AGENT_PREPOSITIONS
        and _agent_like(ctx.index, c)
    ]
    genitive = [
        c
        for c in after
        if c.start <= trigger.token + 3 and c.prep is None and _genitive_after(doc, trigger, c)
    ]
    preps = TARGET_PREPS.get(trigger.type, set())
    pool = [c for c in after if c.head not in ctx.nouns]  # "Angriff auf X und die Flucht"
    targets = with_conjuncts(doc, [c for c in after if c.prep in preps][:1], pool)
    between = [c for c in after if c.prep == "zwischen"]
    if len(between) >= 2 and trigger.type not in GENITIVE_IS_TARGET:
        # "das Treffen zwischen Kerry und Lawrow", "Kämpfe zwischen Armee und Rebellen": the first
        # party is the actor, the other the partner or opponent
        return Roles(actor=between[:1], target=between[1:])
    if not targets and trigger.type == "ACCUSE":
        # "Gegen den Minister wurden Ermittlungen eingeleitet": the accused, also before the noun
        targets = [c for c in cands if c.prep == "gegen" and c.start < trigger.token][:1]
    actor: list[Candidate] = []
    if trigger.type == "ACCUSE" and CHARGE_NOUN.search(doc[trigger.token].lower_):
        # "der Vorwurf der Untreue", "wegen des Vorwurfs des Betrugs": a genitive that names no
        # party is what is alleged, neither accuser nor accused
        genitive = [c for c in genitive if _agent_like(ctx.index, c)]
    owner = _possessor(ctx.index, trigger)
    if genitive and (owner or trigger.type in GENITIVE_IS_TARGET or _object_genitive(doc, trigger)):
        targets = targets or genitive[:1]  # "Schmidts Kritik der Reform": the reform is the target
    elif genitive:
        actor = genitive[:1]
    actor = (
        actor
        or (owner if owner and not owner[0].pronoun else [])
        or by_agent[:1]
        or _derived_modifier(ctx.index, trigger)
        or _clause_subject(trigger, cands, ctx)
    )
    if owner and owner[0].pronoun:
        # "setzten die Minister ihre Beratungen fort": the phrase right before the possessive owns
        # it; else the clause's subject, else for "sein" the person that opens this sentence or
        # the one before (the topic)
        before = [
            c
            for c in cands
            if c.end == owner[0].start and c.prep is None and not c.genitive and not c.pronoun
        ]
        if before:
            actor = before
        elif not actor and doc[owner[0].start].lower_.startswith("sein"):
            actor = _topic_person(ctx.index, owner[0].start)
    if not actor and segment.clause_kind(doc, trigger.clause, ctx.sent_start) == "zu":
        actor = controller(trigger.clause, ctx)  # "warf Polen vor, Angriffe ... vorzubereiten"
    return Roles(actor=actor, target=[c for c in targets if c not in actor])


def _object_genitive(doc: Doc, trigger: Trigger) -> bool:
    """ "die Zerstörung eines Friedhofs", "die Bombardierung Aleppos", "die Verurteilung des
    Bloggers": the genitive of a nominalised transitive act of force or judgement is what it was
    done to ("der Angriff Russlands" is done by Russia)."""
    word = doc[trigger.token].lower_
    if trigger.type == "ASSAULT":
        return word.endswith(("ung", "ungen", "nahme", "nahmen"))
    return trigger.type == "ACCUSE" and word.endswith(("verurteilung", "verurteilungen"))


def _clause_subject(
    trigger: Trigger, cands: list[Candidate], ctx: ClauseContext
) -> list[Candidate]:
    """A noun after the finite verb of a main clause without a verb trigger ("Belarus hat ein
    Eingreifen ausgeschlossen", "Russland startete eine Offensive") is done by the clause's
    subject."""
    doc = ctx.index.doc
    kind = segment.clause_kind(doc, trigger.clause, ctx.sent_start)
    if kind == "main":
        shared = _shared_subject(doc, trigger, cands, ctx)
        if shared is not None:
            return shared
    if kind not in ("main", "rel") or any(
        v in ctx.verbs and not _coordinated_after(doc, trigger.token, v)
        for v in range(*trigger.clause)
    ):
        return []
    if kind == "rel":
        # "die Landesregierung, die zu einer Sitzung zusammentrat": the antecedent does it
        opener = trigger.clause[0] + 1
        if (
            opener >= trigger.token
            or phrases.is_noun_like(doc[opener].text)
            or _governing_preposition(doc, trigger.token, trigger.clause[0]) not in JOINED
            or not _done_by_subject(doc, trigger, trigger.clause[0], ctx)
        ):
            return []  # "meldete, der Abzug ... sei abgeschlossen": an article, not a relative
        return [c for c in relative_antecedent(trigger.clause, ctx) if _party(ctx.index, c)]
    finite = segment.finite_position(doc, trigger.clause, ctx.verbs)
    if finite is not None and finite > trigger.token and _fronted_object(doc, trigger, finite):
        # "Einen Angriff auf Kiew hat Russland verübt": the subject follows the finite verb
        after = _subjects_after(doc, cands, finite)
        return with_conjuncts(doc, after[:1], [c for c in cands if c.prep is None])
    if finite is None or finite > trigger.token:
        finite = _guess_finite(doc, trigger.clause[0], trigger.token)
    if finite is None or not _done_by_subject(doc, trigger, finite, ctx):
        return []
    if doc[finite].lower_ in de.STATE_AUX and not _participle_last(doc, trigger.clause):
        return []  # "Hintergrund seien die Demonstrationen": a copula names, nobody acts
    bare = [
        c
        for c in cands
        if c.prep is None and not c.genitive and not c.pronoun and c.head not in ctx.nouns
    ]  # "Lob gab es für die Entwicklungshilfe": an event noun does not act
    prefield = [c for c in bare if c.end <= finite]
    inverted = [
        c
        for c in bare
        if finite < c.start and c.end <= trigger.token and _np_start(c) < trigger.token
    ]
    subject = prefield[:1] or inverted[:1]
    if subject and subject[0].end == trigger.token:
        return []  # a noun right before the trigger belongs to its phrase, it is no subject
    return with_conjuncts(doc, subject, bare)


def _shared_subject(
    doc: Doc, trigger: Trigger, cands: list[Candidate], ctx: ClauseContext
) -> list[Candidate] | None:
    """ "Bei einem Überfall haben Kämpfer Geiseln genommen", "Russische Truppen sollen beim Abzug
    Brücken gesprengt haben", "Zu Besuch in Sarajevo stellte Kurz klar": the subject of the clause
    does what a bei/während noun (or a fronted zu noun) names; None where the rule does not apply,
    [] where nobody is named (a passive clause's subject is what was done to)."""
    prep = _governing_preposition(doc, trigger.token, trigger.clause[0] - 1)
    finite = segment.finite_position(doc, trigger.clause, ctx.verbs)
    fronted = finite is None or finite > trigger.token
    if prep not in SHARED_FRAME and not (fronted and prep in FRONTED_FRAME):
        return None
    if any(
        doc[i].lower_ in de.PASSIVE_AUX or doc[i].lower_ == "gewesen"
        for i in range(*trigger.clause)
    ):
        return []  # a passive's subject is what was done to; "sei die Sorge gewesen" names
    if not fronted:
        bare = [c for c in cands if c.prep is None and not c.genitive and not c.pronoun]
        prefield = [c for c in bare if c.end <= finite and may_be_subject(doc, c)]
        if not prefield or not _party(ctx.index, prefield[0]):
            return None
        return with_conjuncts(doc, prefield[:1], bare)
    finite = segment.finite_position(doc, (trigger.token + 1, trigger.clause[1]), ctx.verbs)
    if finite is None:
        finite = _guess_finite(doc, trigger.token, trigger.clause[1])
    if finite is None:
        return []
    after = _subjects_after(doc, cands, finite)
    if after and not _party(ctx.index, after[0]):
        return []  # "Bei einer Einigung wird sich der Termin verschieben": no party
    return with_conjuncts(doc, after[:1], [c for c in cands if c.prep is None])


def _party(index: DocIndex, cand: Candidate) -> bool:
    """A name, or a noun for people, groups, institutions or forces."""
    if cand.mention is not None or cand.pronoun:
        return True
    return AGENT_HEAD.search(index.doc[cand.head].lower_) is not None


def _agent_like(index: DocIndex, cand: Candidate) -> bool:
    """A von/durch phrase after an event noun names its doer when it names a party ("Kritik von
    den Vereinten Nationen"), not a place or thing ("in der Nähe von Damaskus", "vom Netz")."""
    if attributive_von(index, cand) or classifier(index.doc, cand):
        return False
    if cand.mention is not None:
        return cand.mention.sub is None
    return AGENT_HEAD.search(index.doc[cand.head].lower_) is not None


def _participle_last(doc: Doc, clause: tuple[int, int]) -> bool:
    """ "ist nach Minsk gereist": the clause ends in a ge-participle, so "ist" forms a perfect."""
    last = segment.last_word(doc, clause)
    if last is None:
        return False
    word = doc[last].lower_
    return doc[last].text[:1].islower() and "ge" in word[:-2] and word.endswith(("t", "en"))


def _fronted_object(doc: Doc, trigger: Trigger, finite: int) -> bool:
    """The noun trigger opens the clause with an object article, its phrase running up to the finite
    verb."""
    start = trigger.clause[0]
    if doc[start].lower_ not in de.OBJECT_ARTICLES and doc[start].lower_ != "den":
        return False
    return all(
        doc[i].text[:1].islower() and doc[i].lower_ not in de.AUX
        for i in range(start + 1, trigger.token)
    )


def _done_by_subject(doc: Doc, trigger: Trigger, finite: int, ctx: ClauseContext) -> bool:
    """The subject does what the noun names unless the noun is only reported, observed or confirmed
    ("Lukaschenko bestätigt Anschlag", "beobachten die Manöver"), hangs off another event noun ("die
    Schuld an den Angriffen") or sits in a circumstantial phrase ("trotz des Rückzugs", "nach dem
    Angriff")."""
    if any(n in ctx.nouns for n in range(finite + 1, trigger.token)):
        return False
    if _governing_preposition(doc, trigger.token, finite) in de.CIRCUMSTANTIAL:
        return False
    cue_lex = lexicon.cues()
    text = detect.clause_text(doc, trigger.clause)
    for i in range(trigger.clause[0], trigger.token):
        word = doc[i].lower_
        if word.startswith(de.PERCEIVING_STEMS):
            return False
        if doc[i].text[:1].islower() and word in cue_lex.verbs:
            cue = detect.verb_trigger(doc, cue_lex, i, trigger.clause, text)
            if cue is not None and cue.entry.lemma not in OWN_ACTION_CUES:
                return False
    return True


def _governing_preposition(doc: Doc, token: int, floor: int) -> str | None:
    j = npwords.before_modifiers(doc, token - 1, floor + 1)
    return doc[j].lower_ if j > floor and doc[j].lower_ in de.PREPOSITIONS else None


def _coordinated_after(doc: Doc, token: int, verb: int) -> bool:
    """ "nahm an dem Treffen teil und bat um ...": a verb of a later coordinated clause does not
    govern the noun."""
    return verb > token and any(doc[i].lower_ in de.CONJUNCTIONS for i in range(token + 1, verb))


def _guess_finite(doc: Doc, start: int, limit: int) -> int | None:
    """The finite verb of a main clause whose verb no list knows ("Die Nato hält ihr Manöver ab",
    "Biden kündigte Militärhilfe an"): the first lower-case word after the prefield that is no
    article, preposition, adjective before a noun or particle."""
    for i in range(start + 1, limit):
        tok = doc[i]
        word = tok.lower_
        if not tok.is_alpha or not tok.text[:1].islower():
            continue
        if word in de.DETERMINERS or word in de.PREPOSITIONS or word in de.NOT_FINITE:
            continue
        if (
            word.endswith(("e", "en", "er", "es", "em"))
            and i + 1 < limit
            and doc[i + 1].text[:1].isupper()
            and (not word.endswith("te") or word.endswith(("ische", "liche")))
        ):
            # an adjective before its noun ("jährliches Manöver"); "kündigte Militärhilfe" is a verb
            continue
        return i
    return None


def _np_start(cand: Candidate) -> int:
    return cand.np_start if cand.np_start >= 0 else cand.start


def _genitive_after(doc: Doc, trigger: Trigger, cand: Candidate) -> bool:
    first = max(cand.start if cand.np_start < 0 else min(cand.np_start, cand.start), 0)
    between = [doc[i] for i in range(trigger.token + 1, first)]
    title = range(first, cand.start)  # "des Bloggers Raif Badawi": the title is in the phrase
    if not between and not title:
        return cand.mention is not None and doc[cand.start].text.endswith("s")
    words = [t.lower_ for t in between] + [doc[i].lower_ for i in title]
    return words[0] in ("des", "der", "eines", "einer") and all(
        w in de.DETERMINERS or w.endswith(("en", "er", "e")) or doc[i].text[:1].isupper()
        for i, w in zip(list(range(trigger.token + 1, first)) + list(title), words)
    )


CHARGE_NOUN = re.compile(r"(vorwurf|vorwürfe|verdacht|anklage|beschuldigung)")


def _possessor(index: DocIndex, trigger: Trigger) -> list[Candidate]:
    """ "Schmidts Kritik" (a Saxon-genitive name right before the noun) or "nach seinen
    Gesprächen" (a possessive determiner, adjectives between; returned as a pronoun candidate)."""
    doc = index.doc
    j = trigger.token - 1
    while j >= 0 and trigger.token - j <= 3 and doc[j].text[:1].islower() and doc[j].is_alpha:
        word = doc[j].lower_
        if word in POSSESSIVES:
            return [Candidate(j, j + 1, j, pronoun=True)]
        if word in de.DETERMINERS or word in de.PREPOSITIONS or not word.endswith(ADJ_ENDINGS):
            return []
        j -= 1
    item = index.mention_at.get(trigger.token - 1)
    if item is None or item[1] != trigger.token or item[2].sub is not None:
        return []
    if item[2].type == "OTH" or not doc[trigger.token - 1].text.endswith("s"):
        return []
    return [Candidate(item[0], item[1], item[1] - 1, mention=item[2])]


def _topic_person(index: DocIndex, i: int) -> list[Candidate]:
    """The first person named in the sentence of token i (before it) or in the sentence before."""
    doc = index.doc
    start = i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    prev = start - 1
    while prev > 0 and not doc[prev].is_sent_start:
        prev -= 1
    for lo, hi in ((start, i), (max(prev, 0), start)):
        for m_start, m_end, mention in index.mentions:
            if m_start >= hi:
                break
            if lo <= m_start and mention.type == "PER" and mention.sub is None:
                return [Candidate(m_start, m_end, m_end - 1, mention=mention)]
    return []


POSSESSIVES = frozenset(
    {"sein", "seine", "seinem", "seinen", "seiner", "seines"}
    | {"ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres"}
)
ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def _derived_modifier(index: DocIndex, trigger: Trigger) -> list[Candidate]:
    """ "russische Angriffe": the derived adjective just before the noun names its actor."""
    for j in (trigger.token - 1, trigger.token - 2):
        item = index.mention_at.get(j)
        if item is not None and item[2].sub == "deriv":
            if city_adjective(item[2].text) or item[2].text.lower().startswith("anti"):
                return []  # "Pariser Anschläge" happened in Paris; "antiarabische" is a target
            return [Candidate(item[0], item[1], item[1] - 1, mention=item[2])]
        if j < 0 or not index.doc[j].text[:1].islower():
            break
    return []


def city_adjective(word: str) -> bool:
    """ "Pariser", "Wiener", "Moskauer": adjectives from a city are capitalised and end in -er
    whatever the case; those from a country are lower-case ("russische")."""
    return word[:1].isupper() and word.endswith("er") and "-" not in word


def city_place(index: DocIndex, trigger: Trigger) -> list[Candidate]:
    """The city adjective before a trigger noun is its place ("der Pariser Anschläge")."""
    for j in (trigger.token - 1, trigger.token - 2):
        item = index.mention_at.get(j)
        if item is not None and item[2].sub == "deriv" and city_adjective(item[2].text):
            return [Candidate(item[0], item[1], item[1] - 1, mention=item[2])]
        if j < 0 or not index.doc[j].text[:1].islower():
            break
    return []


def _subjects_after(doc: Doc, cands: list[Candidate], finite: int) -> list[Candidate]:
    """Bare noun phrases after the finite verb that may be its subject (the middle field)."""
    return [
        c
        for c in cands
        if c.start > finite
        and c.prep is None
        and not c.genitive
        and not c.pronoun
        and may_be_subject(doc, c)
    ]
