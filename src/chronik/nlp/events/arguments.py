"""Argument filling over clauses: actor, target, place and time of one trigger, from its own
sentence.

Without a parser the roles come from German word order (see chronik.nlp.events.syntax): the prefield
of a
main clause holds the subject, the subject of an inverted clause ("unterzeichnete Schoigu") follows
the
finite verb, a passive moves the actor into a von/durch phrase, and a zu-infinitive takes its actor
from
the clause it depends on ("wirft Russland vor, ... anzugreifen": Russland attacks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from chronik.nlp.events import detect, lexicon, syntax
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.syntax import Candidate, DocIndex
from chronik.nlp.lang import de
from chronik.types import Span

TARGET_PREPS = {
    "ASSAULT": {"auf", "gegen"},
    "ACCUSE": {"gegen"},
    "REQUEST": {"an"},
    "CONSULT": {"mit"},
    "COOPERATE": {"mit", "an"},
    "AGREE": {"mit"},
    "SUPPORT": {"für"},
    "SANCTION": {"gegen"},
    "PROTEST": {"gegen"},
    "THREATEN": {"gegen"},
    "REJECT": set(),
    "AID": {"an", "für"},
    "COERCE": set(),
    "MOBILIZE": set(),
    "CONCEDE": set(),
    "RETREAT": set(),
}
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
CONTROLLER_OBJECT = {
    "ACCUSE",
    "REQUEST",
}  # "X wirft Y vor, ... zu tun": Y is the actor of the complement
OWN_ACTION_CUES = {"an|kündigen"}  # announcing one's own action: the speaker does it


@dataclass
class Roles:
    actor: list[Candidate] = field(default_factory=list)
    target: list[Candidate] = field(default_factory=list)
    place: list[Candidate] = field(default_factory=list)
    time: list[Span] = field(default_factory=list)


@dataclass
class ClauseContext:
    """What arguments of one trigger can see: its sentence's clauses and the roles found so far."""

    index: DocIndex
    sent_start: int
    sentence_clauses: list[tuple[int, int]]
    verbs: set[int]  # tokens that are verb triggers or verb cues, for finding the finite position
    previous: dict[tuple[int, int], Roles] = field(
        default_factory=dict
    )  # roles per clause, for zu-clauses
    previous_types: dict[tuple[int, int], str] = field(default_factory=dict)
    nouns: set[int] = field(default_factory=set)  # tokens that are noun triggers


def fill(trigger: Trigger, ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    skip = {trigger.token} | ({trigger.particle} if trigger.particle is not None else set())
    cands = syntax.candidates(ctx.index, trigger.clause[0], trigger.clause[1], skip)
    attributive = _attributive_participle(doc, trigger) if trigger.is_verb else None
    if attributive is not None:
        # a modifier inside a noun phrase: its place and time are those inside the phrase, and it
        # does not
        # stand for its clause ("demonstrierten am Samstag Mütter von eingezogenen Soldaten")
        roles = _participle_roles(trigger, cands, attributive)
        inside = [
            c for c in cands if attributive < c.start < trigger.token and c not in roles.actor
        ]
        roles.place = places(doc, inside, ctx.index, roles)
        roles.time = [
            syntax.token_span(doc, s, e)
            for s, e, t in ctx.index.timexes
            if attributive < s < trigger.token and _event_time(doc, s, e, t)
        ]
        return roles
    roles = (
        noun_roles(trigger, cands, ctx) if not trigger.is_verb else verb_roles(trigger, cands, ctx)
    )
    roles.actor = [_main_subject(c, trigger.clause, ctx) for c in roles.actor]
    taken = {id(c) for c in roles.actor + roles.target}
    free = [c for c in cands if id(c) not in taken]
    if trigger.is_verb or not any(v in ctx.verbs for v in range(*trigger.clause)):
        roles.place = places(doc, free, ctx.index, roles)
    else:
        roles.place = [
            c
            for c in free
            if trigger.token < c.start <= trigger.token + 8
            and c.mention is not None
            and c.mention.type == "LOC"
            and c.mention.sub is None
            and c.prep in de.LOCATIVE
            and c.prep != "von"
        ]
    if trigger.is_verb and not roles.place:
        roles.place = _relative_place(doc, trigger.clause, ctx)
    if trigger.is_verb or not any(v in ctx.verbs for v in range(*trigger.clause)):
        roles.time = [
            syntax.token_span(doc, s, e)
            for s, e, t in ctx.index.timexes
            if trigger.clause[0] <= s < trigger.clause[1] and _event_time(doc, s, e, t)
        ]
    ctx.previous.setdefault(trigger.clause, roles)
    ctx.previous_types.setdefault(trigger.clause, trigger.type)
    return roles


def _event_time(doc: Doc, start: int, end: int, timex) -> bool:
    """A timex says when (or how long) the event happened, not how long after or before something
    else
    ("nach fünf Wochen in Haft", "einige Monate vor Beginn des Krieges")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if getattr(timex, "type", "") != "DURATION":
        return True
    if before == "nach":
        return False
    anchored = (
        end + 1 < len(doc)
        and doc[end].lower_ in ("vor", "nach")
        and (doc[end + 1].lower_ in de.DETERMINERS or syntax.is_noun_like(doc[end + 1].text))
    )
    return not anchored


def verb_roles(trigger: Trigger, cands: list[Candidate], ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    kind = syntax.clause_kind(doc, trigger.clause, ctx.sent_start)
    bare = [c for c in cands if c.prep is None and not c.genitive]
    if kind == "zu":
        actor = controller(trigger.clause, ctx)
        return Roles(actor=actor, target=_targets(trigger, [c for c in cands if c not in actor]))
    finite = syntax.finite_position(doc, trigger.clause, ctx.verbs | {trigger.token})
    if kind == "main" and _elliptical(doc, trigger, ctx, finite):
        # "..., eigene Soldaten aber nicht in die Ukraine geschickt": the subject of the clause
        # before
        actor = controller(trigger.clause, ctx, object_control=False)
        return Roles(actor=actor, target=_targets(trigger, [c for c in cands if c not in actor]))
    if _is_passive(doc, trigger):
        agents = [c for c in cands if c.prep in ("von", "vom", "durch")]
        nominative = [c for c in bare if _may_be_subject(doc, c)]
        lo, hi = _conjunct(doc, trigger, ctx)
        own = [c for c in nominative if lo <= c.np_start and c.start < hi]
        if (
            lo > trigger.clause[0] and own
        ):  # "Drei Soldaten seien getötet und zwei Flugzeuge beschädigt worden"
            return Roles(actor=agents[:1], target=_with_conjuncts(doc, own[:1], bare))
        nominative = [c for c in nominative if c.start < hi]
        patient = [c for c in nominative if finite is None or c.start < finite][:1] or nominative[
            :1
        ]
        return Roles(actor=agents[:1], target=_with_conjuncts(doc, patient, bare))
    if kind in ("sub", "rel"):
        subject = _relative_antecedent(trigger.clause, ctx) if kind == "rel" else []
        rest = bare if subject else bare[1:]
        subject = subject or [c for c in bare if _may_be_subject(doc, c)][:1]
        return Roles(
            actor=_with_conjuncts(doc, subject, bare),
            target=_targets(
                trigger,
                [c for c in cands if c not in subject and (c in rest or c.prep is not None)],
            ),
        )
    prefield = [c for c in bare if finite is not None and c.end <= finite]
    comitative = [c for c in cands if c.prep == "mit" and c.start > 0 and _after_gemeinsam(doc, c)]
    fronted: list[Candidate] = []
    if prefield and _object_marked(doc, prefield[0]):
        fronted = prefield[
            :1
        ]  # "Den Vertrag unterzeichneten Schoigu und Chrenin": the object stands first
        prefield = []
    if prefield:
        actor = _with_conjuncts(doc, prefield[:1], bare)
    else:
        inverted = [
            c for c in bare if (finite is None or c.start > finite) and _may_be_subject(doc, c)
        ]
        actor = _with_conjuncts(doc, inverted[:1], bare)
    actor = actor + [c for c in comitative if c not in actor]
    lo, hi = _conjunct(doc, trigger, ctx)
    rest = [
        c
        for c in cands
        if c not in actor
        and (finite is None or c.start > finite)
        and lo <= c.np_start
        and (c.start < hi)
    ]
    if fronted:
        rest = fronted + [c for c in rest if c.prep is not None]
    target = _targets(trigger, rest)
    if not target and trigger.type == "REJECT":
        target = _rejected_report(
            doc, max(lo, finite + 1 if finite is not None else lo), hi, trigger
        )
    return Roles(actor=actor, target=target)


def _rejected_report(doc: Doc, start: int, end: int, trigger: Trigger) -> list[Candidate]:
    """ "dementierte den Bericht", "hat Berichte über einen Rückzug zurückgewiesen": what a denial
    rejects is
    often a report, a word no other rule takes as an argument."""
    for i in range(start, end):
        if i == trigger.token or doc[i].text not in de.REPORT_NOUNS:
            continue
        j = i - 1
        while j >= start and (
            doc[j].lower_ in de.DETERMINERS
            or (
                doc[j].text[:1].islower()
                and doc[j].is_alpha
                and doc[j].lower_.endswith(("e", "en", "er", "es", "em"))
                and doc[j].lower_ not in de.PREPOSITIONS
            )
        ):
            j -= 1
        if j >= 0 and doc[j].lower_ in de.PREPOSITIONS:
            continue  # "nach Angaben", "laut Berichten": an attribution, not the object
        return [Candidate(i, i + 1, i, np_start=j + 1)]
    return []


def _object_marked(doc: Doc, cand: Candidate) -> bool:
    """An accusative or dative article ("den", "dem", "einen", "einem") cannot open a subject."""
    start = cand.np_start if cand.np_start >= 0 else cand.start
    return (
        cand.prep is None
        and (doc[start].lower_ in de.OBJECT_ARTICLES or doc[start].lower_ == "den")
        and (not cand.pronoun)
    )


def _conjunct(doc: Doc, trigger: Trigger, ctx: ClauseContext) -> tuple[int, int]:
    """ "verurteilte die Festnahme und forderte ihre Freilassung": the objects of a verb stay in its
    own
    conjunct; an "und" that a verb follows starts the next one (an "und" between nouns does not)."""
    lo, hi = trigger.clause
    for k in range(*trigger.clause):
        if doc[k].lower_ not in de.CONJUNCTIONS or k + 1 >= trigger.clause[1]:
            continue
        if not (
            k + 1 in ctx.verbs or _verb_like(doc, k + 1, trigger.clause[1]) or k - 1 in ctx.verbs
        ):
            continue  # "und forderte ...", or "Brücken gesprengt und Teile ... zerstört"
        if k < trigger.token:
            lo = k + 1
        elif k > trigger.token:
            hi = k
            break
    return lo, hi


def _verb_like(doc: Doc, i: int, end: int) -> bool:
    tok = doc[i]
    word = tok.lower_
    if (
        not tok.is_alpha
        or not tok.text[:1].islower()
        or word in de.DETERMINERS
        or word in de.PREPOSITIONS
    ):
        return False
    if word in de.NOT_FINITE or word in de.PRONOUNS:
        return False
    adjective = (
        word.endswith(("e", "en", "er", "es", "em"))
        and i + 1 < end
        and doc[i + 1].text[:1].isupper()
    )
    return not adjective or (word.endswith("te") and not word.endswith(("ische", "liche")))


def _may_be_subject(doc: Doc, cand: Candidate) -> bool:
    """ "einen Pilzsucher", "dem Minister": an accusative or dative article rules out the
    subject."""
    start = cand.np_start if cand.np_start >= 0 else cand.start
    return doc[start].lower_ not in de.OBJECT_ARTICLES


def noun_roles(trigger: Trigger, cands: list[Candidate], ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    after = [c for c in cands if trigger.token < c.start <= trigger.token + 6]
    genitive = [
        c
        for c in after
        if c.start <= trigger.token + 3 and c.prep is None and _genitive_after(doc, trigger, c)
    ]
    by_agent = [c for c in after if c.prep in ("von", "durch")]
    preps = TARGET_PREPS.get(trigger.type, set())
    targets = [c for c in after if c.prep in preps][:1]
    actor: list[Candidate] = []
    if genitive and trigger.type in GENITIVE_IS_TARGET:
        targets = targets or genitive[:1]
    elif genitive:
        actor = genitive[:1]
    actor = (
        actor
        or by_agent[:1]
        or _derived_modifier(ctx.index, trigger)
        or _clause_subject(trigger, cands, ctx)
    )
    if not actor and syntax.clause_kind(doc, trigger.clause, ctx.sent_start) == "zu":
        actor = controller(trigger.clause, ctx)  # "warf Polen vor, Angriffe ... vorzubereiten"
    return Roles(actor=actor, target=[c for c in targets if c not in actor])


def _clause_subject(
    trigger: Trigger, cands: list[Candidate], ctx: ClauseContext
) -> list[Candidate]:
    """A noun after the finite verb of a main clause without a verb trigger ("Belarus hat ein
    Eingreifen
    ausgeschlossen", "Russland startete eine Offensive") is done by the clause's subject."""
    doc = ctx.index.doc
    if syntax.clause_kind(doc, trigger.clause, ctx.sent_start) != "main" or any(
        v in ctx.verbs and not _coordinated_after(doc, trigger.token, v)
        for v in range(*trigger.clause)
    ):
        return []
    finite = syntax.finite_position(doc, trigger.clause, ctx.verbs)
    if finite is not None and finite > trigger.token and _fronted_object(doc, trigger, finite):
        # "Einen Angriff auf Kiew hat Russland verübt": the subject follows the finite verb
        after = [
            c
            for c in cands
            if c.start > finite
            and c.prep is None
            and not c.genitive
            and not c.pronoun
            and _may_be_subject(doc, c)
        ]
        return _with_conjuncts(doc, after[:1], [c for c in cands if c.prep is None])
    if finite is None or finite > trigger.token:
        finite = _guess_finite(doc, trigger.clause[0], trigger.token)
    if finite is None or not _done_by_subject(doc, trigger, finite, ctx):
        return []
    bare = [c for c in cands if c.prep is None and not c.genitive and not c.pronoun]
    prefield = [c for c in bare if c.end <= finite]
    inverted = [
        c
        for c in bare
        if finite < c.start and c.end <= trigger.token and _np_start(c) < trigger.token
    ]
    subject = prefield[:1] or inverted[:1]
    if subject and subject[0].end == trigger.token:
        return []  # a noun right before the trigger belongs to its phrase, it is no subject
    return _with_conjuncts(doc, subject, bare)


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
    Schuld
    an den Angriffen") or sits in a circumstantial phrase ("trotz des Rückzugs", "nach dem
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
    j = token - 1
    while j > floor and (
        doc[j].lower_ in de.DETERMINERS
        or (
            doc[j].text[:1].islower()
            and doc[j].is_alpha
            and doc[j].lower_.endswith(("e", "en", "er", "es", "em"))
            and doc[j].lower_ not in de.PREPOSITIONS
        )
    ):
        j -= 1
    return doc[j].lower_ if j > floor and doc[j].lower_ in de.PREPOSITIONS else None


def _coordinated_after(doc: Doc, token: int, verb: int) -> bool:
    """ "nahm an dem Treffen teil und bat um ...": a verb of a later coordinated clause does not
    govern the noun."""
    return verb > token and any(doc[i].lower_ in de.CONJUNCTIONS for i in range(token + 1, verb))


def _guess_finite(doc: Doc, start: int, limit: int) -> int | None:
    """The finite verb of a main clause whose verb no list knows ("Die Nato hält ihr Manöver ab",
    "Biden
    kündigte Militärhilfe an"): the first lower-case word after the prefield that is no article,
    preposition,
    adjective before a noun or particle."""
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
    between = [doc[i].lower_ for i in range(trigger.token + 1, cand.start)]
    if not between:
        return cand.mention is not None and doc[cand.start].text.endswith("s")
    return between[0] in ("des", "der") and all(
        w in de.DETERMINERS or w.endswith(("en", "er", "e")) for w in between
    )


def _derived_modifier(index: DocIndex, trigger: Trigger) -> list[Candidate]:
    """ "russische Angriffe": the derived adjective just before the noun names its actor."""
    for j in (trigger.token - 1, trigger.token - 2):
        item = index.mention_at.get(j)
        if item is not None and item[2].sub == "deriv":
            return [Candidate(item[0], item[1], item[1] - 1, mention=item[2])]
        if j < 0 or not index.doc[j].text[:1].islower():
            break
    return []


def _main_subject(cand: Candidate, clause: tuple[int, int], ctx: ClauseContext) -> Candidate:
    """ "Die Luftwaffe teilte mit, sie habe ...": a pronoun in a later clause is the first clause's
    subject."""
    doc = ctx.index.doc
    if (
        not cand.pronoun
        or doc[cand.start].lower_ not in ("sie", "er", "es")
        or clause == ctx.sentence_clauses[0]
    ):
        return cand
    first = ctx.sentence_clauses[0]
    finite = syntax.finite_position(doc, first, ctx.verbs)
    subject = [
        c
        for c in syntax.candidates(ctx.index, *first)
        if c.prep is None
        and not c.genitive
        and not c.pronoun
        and (finite is None or c.end <= finite)
    ]
    return subject[0] if subject else cand


def _elliptical(doc: Doc, trigger: Trigger, ctx: ClauseContext, finite: int | None) -> bool:
    """A later main clause without a finite verb of its own, its participle at the end."""
    if trigger.clause == ctx.sentence_clauses[0] or not ctx.previous:
        return False
    has_aux = any(doc[i].lower_ in de.AUX for i in range(*trigger.clause))
    return (
        not has_aux
        and finite == trigger.token
        and syntax.last_word(doc, trigger.clause) == trigger.token
    )


def _targets(trigger: Trigger, rest: list[Candidate]) -> list[Candidate]:
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
    pick = direct[:1] or [c for c in rest if c.prep in preps][:1]
    recipient = [c for c in rest if c.prep in preps]
    if trigger.type == "AID" and recipient:
        pick = recipient[:1]  # "Drohnen an Russland geliefert": the target is who receives
    elif trigger.type in ("ASSAULT", "ACCUSE") and direct:
        marked = [c for c in rest if c.prep in preps and c.start > trigger.token]
        pick = direct[:1] if direct[0].start < trigger.token or not marked else marked[:1]
    if not pick and trigger.doc is not None:
        # "wirft ihm vor", "forderte ihn auf": an object pronoun is the target when nothing else is
        pick = [
            c
            for c in rest
            if c.pronoun and c.prep is None and trigger.doc[c.start].lower_ in de.OBJECT_PRONOUNS
        ][:1]
    if pick and trigger.doc is not None:
        pick = _with_conjuncts(trigger.doc, pick, [c for c in rest if c.prep == pick[0].prep])
    return pick


def _cand_text(trigger: Trigger, cand: Candidate) -> str:
    return trigger.doc[cand.start : cand.end].text.lower() if trigger.doc is not None else ""


def _with_conjuncts(doc: Doc, picked: list[Candidate], pool: list[Candidate]) -> list[Candidate]:
    """ "Shoigu und Lukaschenko": both are actors."""
    if not picked:
        return []
    out = list(picked)
    last = picked[-1]
    for cand in pool:
        if cand.start <= last.end or cand in out:
            continue
        between = [doc[i].lower_ for i in range(last.end, max(cand.np_start, last.end))]
        if between and between[0] in de.CONJUNCTIONS and len(between) == 1:
            out.append(cand)
            last = cand
        else:
            break
    return out


def _after_gemeinsam(doc: Doc, cand: Candidate) -> bool:
    return any(doc[j].lower_ == "gemeinsam" for j in range(max(0, cand.start - 5), cand.start))


def _is_passive(doc: Doc, trigger: Trigger) -> bool:
    """ "wurde unterzeichnet", and "ist von russischen Truppen besetzt" (a state passive with its
    agent)."""
    word = doc[trigger.token].lower_
    infinitive = trigger.entry.lemma.replace("|", "").lower()
    if word == infinitive:
        return False
    words = [doc[i].lower_ for i in range(*trigger.clause) if i != trigger.token]
    if any(w in de.PASSIVE_AUX for w in words):
        return True
    if _headline_participle(doc, trigger, word):
        return True
    return any(w in de.STATE_AUX for w in words) and any(w in ("von", "durch") for w in words)


def _headline_participle(doc: Doc, trigger: Trigger, word: str) -> bool:
    """ "Journalistin in Minsk festgenommen": a sentence without a finite verb that ends in a
    ge-participle
    is a passive whose auxiliary is left out."""
    sent = doc[trigger.token].sent
    if (
        syntax.last_word(doc, (sent.start, sent.end)) != trigger.token
        or trigger.particle is not None
    ):
        return False
    if not ("ge" in word[:-3] and word.endswith(("t", "en"))):
        return False
    return not any(
        doc[i].lower_ in de.AUX or doc[i].text in (",", ":")
        for i in range(sent.start, trigger.token)
    )


def _attributive_participle(doc: Doc, trigger: Trigger) -> int | None:
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
    if k >= trigger.clause[1] or not syntax.is_noun_like(doc[k].text):
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


def _participle_roles(trigger: Trigger, cands: list[Candidate], opener: int) -> Roles:
    """The noun an attributive participle modifies is what was done to it; "von X" inside is who did
    it."""
    head = [c for c in cands if c.start > trigger.token][:1]
    agents = [
        c for c in cands if opener < c.start < trigger.token and c.prep in ("von", "vom", "durch")
    ]
    return Roles(actor=agents[:1], target=head)


def _relative_place(doc: Doc, clause: tuple[int, int], ctx: ClauseContext) -> list[Candidate]:
    """ "reiste nach Warschau, wo er Duda traf", "die Region Transnistrien, in der Soldaten
    stationiert sind":
    a locative relative clause happens at the place named just before it."""
    first = doc[clause[0]].lower_
    locative = first == "wo" or (
        first in ("in", "an", "auf", "bei")
        and clause[0] + 1 < clause[1]
        and doc[clause[0] + 1].lower_ in ("der", "dem", "denen", "welcher", "welchem")
    )
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    if not locative or not before:
        return []
    cands = syntax.candidates(ctx.index, *before[-1])
    last = cands[-1] if cands else None
    if (
        last is None
        or last.mention is None
        or last.mention.type != "LOC"
        or last.mention.sub is not None
    ):
        return []
    return [last] if last.end >= before[-1][1] - 1 else []


def _relative_antecedent(clause: tuple[int, int], ctx: ClauseContext) -> list[Candidate]:
    """A relative pronoun as subject: the noun phrase that ends the clause before the comma."""
    doc = ctx.index.doc
    if doc[clause[0]].lower_ not in ("der", "die", "das", "welche", "welcher"):
        return []
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    if not before:
        return []
    prev = before[-1]
    cands = syntax.candidates(ctx.index, prev[0], prev[1])
    return cands[-1:]


def controller(
    clause: tuple[int, int], ctx: ClauseContext, object_control: bool = True
) -> list[Candidate]:
    """The actor of a zu-infinitive: the object of "vorwerfen"/"auffordern", else the subject before
    it."""
    before = [c for c in ctx.sentence_clauses if c[1] <= clause[0]]
    for prev in reversed(before):
        roles = ctx.previous.get(prev)
        if roles is None:
            continue
        if object_control and ctx.previous_types.get(prev) in CONTROLLER_OBJECT and roles.target:
            return list(roles.target)
        return list(roles.actor)
    if before:
        bare = [c for c in syntax.candidates(ctx.index, *before[-1]) if c.prep is None]
        return bare[:1]
    return []


def places(doc: Doc, cands: list[Candidate], index: DocIndex, roles: Roles) -> list[Candidate]:
    """Named places in a locative phrase of the clause, not those that only modify another noun
    ("Krieg in der Ukraine"), except along a chain of locative phrases ("an die Front in die
    Ukraine") or
    after the event's own argument ("Soldaten nach Belarus")."""
    own = {i for c in roles.actor + roles.target for i in range(c.start, c.end)}
    out = []
    for c in cands:
        if (
            c.mention is None
            or c.mention.type != "LOC"
            or c.mention.sub is not None
            or c.prep not in de.LOCATIVE
        ):
            continue
        if c.prep == "von" or not _attached_to_place(doc, c, index, own):
            continue
        out.append(c)
    return out


def _attached_to_place(doc: Doc, cand: Candidate, index: DocIndex, own: set[int]) -> bool:
    j = cand.start - 1
    while j >= 0 and doc[j].lower_ not in de.PREPOSITIONS:
        j -= 1
    k = j - 1
    if (
        k < 0
        or not doc[k].text[:1].isupper()
        or k in index.mention_at
        or doc[k].text in de.FUNCTION_CAPS
    ):
        return True
    if k in own or k in index.timex_at:
        return True
    m = k - 1
    while m >= 0 and (
        doc[m].lower_ in de.DETERMINERS
        or (
            doc[m].text[:1].islower()
            and doc[m].lower_ not in de.PREPOSITIONS
            and doc[m].is_alpha
            and doc[m].lower_.endswith(("e", "en", "er", "es", "em"))
        )
    ):
        m -= 1
    return m >= 0 and doc[m].lower_ in de.LOCATIVE
