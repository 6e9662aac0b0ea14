"""Argument filling over clauses: actor, target, place and time of one trigger, from its own
sentence.

Without a parser the roles come from German word order (see chronik.nlp.events.phrases and
.segment): the prefield of a main clause holds the subject, the subject of an inverted clause
("unterzeichnete Schoigu") follows the finite verb, a passive moves the actor into a von/durch
phrase, and a zu-infinitive takes its actor from the clause it depends on ("wirft Russland vor, ...
anzugreifen": Russland attacks).
"""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.events import phrases, segment
from chronik.nlp.events.detect import Trigger
from chronik.nlp.events.frames import (  # ADDRESSEE_HEAD: claims.charges imports it from here
    ADDRESSEE_HEAD,  # noqa: F401
    ClauseContext,
    Roles,
    attributive_von,
    classifier,
    controller,
    may_be_subject,
    with_conjuncts,
)
from chronik.nlp.events.nominal import city_place, noun_roles
from chronik.nlp.events.participles import (
    HEADLINE_BREAKS,
    attributive_participle,
    is_passive,
    participle_roles,
)
from chronik.nlp.events.phrases import PLACE_KIND, Candidate
from chronik.nlp.events.places import places, relative_antecedent, relative_place
from chronik.nlp.events.targets import rejected_report, targets
from chronik.nlp.lang import de
from chronik.types import Span

FROM_PLACE = {"RETREAT"}
PRISON = ("Haft", "Gefängnis", "Freiheitsstrafe", "Lager", "Zuchthaus")  # "zehn Jahren Haft"
ADDRESSED = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"}  # events aimed at a party
DURING = {"bei", "beim", "während"}  # a noun in such a phrase is the clause's circumstance
TIME_PREPS = {"am", "im", "vom", "in", "an", "seit", "von"}
PARTICIPLE_ENDINGS = (
    "te",
    "ten",
    "tem",
    "ter",
    "tes",
    "ene",
    "enen",
    "enem",
    "ener",
    "enes",
)  # types whose event takes place where an aus-phrase points


def fill(trigger: Trigger, ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    skip = {trigger.token} | ({trigger.particle} if trigger.particle is not None else set())
    cands = phrases.candidates(ctx.index, trigger.clause[0], trigger.clause[1], skip)
    attributive = attributive_participle(doc, trigger) if trigger.is_verb else None
    if attributive is not None:
        # a modifier inside a noun phrase: its place and time are those inside the phrase, and it
        # does not stand for its clause ("demonstrierten am Samstag Mütter von eingezogenen
        # Soldaten")
        roles = participle_roles(trigger, cands, attributive)
        inside = [
            c for c in cands if attributive < c.start < trigger.token and c not in roles.actor
        ]
        roles.place = places(doc, inside, ctx.index, roles)
        roles.time = [
            _timex_span(t)
            for s, e, t in ctx.index.timexes
            if attributive < s < trigger.token and _event_time(doc, s, e, t)
        ]
        return roles
    roles = (
        noun_roles(trigger, cands, ctx) if not trigger.is_verb else verb_roles(trigger, cands, ctx)
    )
    roles.actor = [_main_subject(c, trigger.clause, ctx) for c in roles.actor]
    if trigger.entry.lemma in VISIT and trigger.is_verb:
        # "besuchte Japan", "besucht die Stadt": a visited place is the setting, a `place`
        # (conventions 4.3); a visited person or body stays the target
        visited = [c for c in roles.target if _visited_place(doc, c)]
        roles.target = [c for c in roles.target if c not in visited]
    else:
        visited = []
    taken = {id(c) for c in roles.actor + roles.target}
    free = [c for c in cands if id(c) not in taken]
    if trigger.is_verb or not any(v in ctx.verbs for v in range(*trigger.clause)):
        roles.place = places(
            doc, free, ctx.index, roles, trigger.token, addressed=trigger.type in ADDRESSED
        )
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
    roles.place = visited + [c for c in roles.place if c not in visited]
    if trigger.is_verb and not roles.place:
        roles.place = relative_place(doc, trigger.clause, ctx) or _there(ctx.index, trigger)
    if not trigger.is_verb and not roles.place:
        roles.place = city_place(ctx.index, trigger)
    if (
        trigger.is_verb
        or not any(v in ctx.verbs for v in range(*trigger.clause))
        or _circumstance(doc, trigger)
    ):
        roles.time = [
            _timex_span(t)
            for s, e, t in ctx.index.timexes
            if trigger.clause[0] <= s < trigger.clause[1] and _event_time(doc, s, e, t)
        ]
    else:
        roles.time = _own_time(doc, ctx.index, trigger)
    if not trigger.is_verb and not roles.place and _circumstance(doc, trigger):
        roles.place = places(doc, free, ctx.index, roles, trigger.token)
    if trigger.type not in FROM_PLACE:
        # "Beschuss aus Syrien", "Flüchtlinge aus Syrien": "aus" names where something comes from;
        # the event happens where it arrives (a retreat from a place is the exception)
        roles.place = [c for c in roles.place if c.prep != "aus"]
    ctx.previous.setdefault(trigger.clause, roles)
    ctx.previous_types.setdefault(trigger.clause, trigger.type)
    return roles


VISIT = {"besuchen", "bereisen"}


def _visited_place(doc: Doc, cand: Candidate) -> bool:
    if cand.mention is not None:
        return cand.mention.type == "LOC" and cand.mention.sub is None
    return not cand.pronoun and PLACE_KIND.search(doc[cand.head].lower_) is not None


def _timex_span(timex) -> Span:
    """The timex's own characters: "seit 1945." ends the timex before the full stop that the
    tokenizer may have kept with the number."""
    return Span(timex.start, timex.end, timex.text)


def _there(index: phrases.DocIndex, trigger: Trigger) -> list[Candidate]:
    """ "Die Gruppe plünderte dort Gebäude": "dort" stands for the place last named before its
    sentence (in the sentence before it at most)."""
    doc = index.doc
    if not any(doc[i].lower_ == "dort" for i in range(*trigger.clause)):
        return []
    sent = doc[trigger.token].sent
    if sent.start == 0:
        return []
    before = doc[sent.start - 1].sent
    named = [
        (s, e, m)
        for s, e, m in index.mentions
        if before.start <= s < sent.start and m.type == "LOC" and m.sub is None
    ]
    if not named:
        return []
    s, e, m = named[-1]
    return [Candidate(s, e, e - 1, mention=m)]


def _circumstance(doc: Doc, trigger: Trigger) -> bool:
    """ "Bei den Protesten im Oktober wurden 30 Menschen getötet": a noun in a bei/während phrase
    names the event during which the clause happened, so it shares the clause's time and place."""
    j = trigger.token - 1
    while j >= trigger.clause[0] and (
        doc[j].lower_ in de.DETERMINERS
        or (doc[j].text[:1].islower() and doc[j].lower_ not in de.PREPOSITIONS)
    ):
        j -= 1
    return j >= trigger.clause[0] and doc[j].lower_ in DURING


def _own_time(doc: Doc, index: phrases.DocIndex, trigger: Trigger) -> list:
    """ "seit den Angriffen am Donnerstag": a date right after the noun is the noun's own."""
    nxt = trigger.token + 1
    if nxt < len(doc) and doc[nxt].lower_ in TIME_PREPS:
        nxt += 1
    hit = index.timex_at.get(nxt)
    if hit is None or hit[0] != nxt or hit[2].type == "DURATION":
        return []
    return [_timex_span(hit[2])]


def _event_time(doc: Doc, start: int, end: int, timex) -> bool:
    """A timex says when (or how long) the event happened, not how long after or before something
    else ("nach fünf Wochen in Haft", "einige Monate vor Beginn des Krieges"), nor when something
    a participle describes happened ("des im November verstorbenen Generals")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if _in_participle_phrase(doc, start, end):
        return False
    if getattr(timex, "type", "") == "DURATION" and (
        before in ("zu", "und", "zwischen") or (end < len(doc) and doc[end].text.startswith(PRISON))
    ):
        return False  # a term or an age: "zu zehn Jahren Haft", "zwischen 16 und 21 Jahren"
    if getattr(timex, "type", "") != "DURATION":
        return True
    if before == "nach":
        return False
    anchored = (
        end + 1 < len(doc)
        and doc[end].lower_ in ("vor", "nach")
        and (doc[end + 1].lower_ in de.DETERMINERS or phrases.is_noun_like(doc[end + 1].text))
    )
    return not anchored


def _in_participle_phrase(doc: Doc, start: int, end: int) -> bool:
    """Article, preposition, timex, participle, noun: "des im November verstorbenen Generals"."""
    if start < 2 or end + 1 >= len(doc):
        return False
    if doc[start - 1].lower_ not in TIME_PREPS or doc[start - 2].lower_ not in de.DETERMINERS:
        return False
    word = doc[end]
    return (
        word.text[:1].islower()
        and word.lower_.endswith(PARTICIPLE_ENDINGS)
        and phrases.is_noun_like(doc[end + 1].text)
    )


def verb_roles(trigger: Trigger, cands: list[Candidate], ctx: ClauseContext) -> Roles:
    doc = ctx.index.doc
    kind = segment.clause_kind(doc, trigger.clause, ctx.sent_start)
    bare = [c for c in cands if c.prep is None and not c.genitive]
    if kind == "zu":
        actor = controller(trigger.clause, ctx)
        return Roles(actor=actor, target=targets(trigger, [c for c in cands if c not in actor]))
    finite = segment.finite_position(doc, trigger.clause, ctx.verbs | {trigger.token})
    if kind == "main" and _elliptical(doc, trigger, ctx, finite):
        # "..., eigene Soldaten aber nicht in die Ukraine geschickt": the subject of the clause
        # before
        actor = controller(trigger.clause, ctx, object_control=False)
        return Roles(actor=actor, target=targets(trigger, [c for c in cands if c not in actor]))
    if is_passive(doc, trigger) and not _finite_active(doc, trigger, ctx, kind, finite):
        lo, hi = _conjunct(doc, trigger, ctx)
        agents = [
            c
            for c in cands
            if c.prep in de.AGENT_PREPOSITIONS
            and not attributive_von(ctx.index, c)
            and not classifier(doc, c)
            and c.head not in ctx.nouns  # "durch Artilleriebeschuss verletzt": a means
            and not (c.end < len(doc) and doc[c.end].lower_ == "aus")  # "von dort aus": whence
            and c.start < hi  # "angeschossen und von der Polizei festgenommen": the second's
            and not _after_event_noun(doc, c, ctx)
        ]
        antecedent = relative_antecedent(trigger.clause, ctx) if kind == "rel" else []
        if antecedent:
            # "die Verdächtigen, die festgenommen wurden": the relative pronoun is the patient
            return Roles(actor=agents[:1], target=antecedent)
        nominative = [c for c in bare if may_be_subject(doc, c)]
        own = [c for c in nominative if lo <= c.np_start and c.start < hi]
        if (
            lo > trigger.clause[0] and own
        ):  # "Drei Soldaten seien getötet und zwei Flugzeuge beschädigt worden"
            return Roles(actor=agents[:1], target=with_conjuncts(doc, own[:1], bare))
        nominative = [c for c in nominative if c.start < hi]
        patient = [c for c in nominative if finite is None or c.start < finite][:1] or nominative[
            :1
        ]
        return Roles(actor=agents[:1], target=with_conjuncts(doc, patient, bare))
    if kind in ("sub", "rel"):
        subject = relative_antecedent(trigger.clause, ctx) if kind == "rel" else []
        rest = bare if subject else bare[1:]
        subject = subject or [c for c in bare if may_be_subject(doc, c)][:1]
        return Roles(
            actor=with_conjuncts(doc, subject, bare),
            target=targets(
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
        actor = with_conjuncts(doc, prefield[:1], bare)
    else:
        inverted = [
            c for c in bare if (finite is None or c.start > finite) and may_be_subject(doc, c)
        ]
        actor = with_conjuncts(doc, inverted[:1], bare)
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
    target = targets(trigger, rest)
    if not target and trigger.type == "REJECT":
        target = rejected_report(
            doc, max(lo, finite + 1 if finite is not None else lo), hi, trigger
        )
    return Roles(actor=actor, target=target)


def _finite_active(
    doc: Doc, trigger: Trigger, ctx: ClauseContext, kind: str, finite: int | None
) -> bool:
    """ "Der Papst traf in Quito ein und wurde von Correa empfangen": a main clause's finite verb
    with more words after it is active when its own conjunct has no passive auxiliary (a headline
    participle, "Vier Bauern bei Beschuss verletzt", ends its clause)."""
    if kind != "main" or finite != trigger.token or trigger.token == trigger.clause[0]:
        return False  # (the second place, after a prefield)
    word = doc[trigger.token].lower_
    nxt = trigger.token + 1
    if trigger.particle is None and (
        # "wodurch ein Haus zerstört und ... beschädigt wurden": maybe a participle; a weak past
        # plural ("sprengten sich") is none, unless a noun follows ("beschädigte Netze")
        word.endswith("t")
        or (word.endswith("en") and not word.endswith("ten"))
        or (
            word.endswith(("e", "en", "er", "es", "em"))
            and nxt < len(doc)
            and phrases.is_noun_like(doc[nxt].text)
        )
    ):
        return False
    lo, hi = _conjunct(doc, trigger, ctx)
    return segment.last_word(doc, trigger.clause) != trigger.token and not any(
        doc[i].lower_ in de.PASSIVE_AUX for i in range(lo, hi)
    )


def _after_event_noun(doc: Doc, cand: Candidate, ctx: ClauseContext) -> bool:
    """ "Während des Besuchs von Papst Franziskus wurden Dissidenten festgenommen": a von-phrase
    right after an event noun is that noun's own agent, not the passive's."""
    first = cand.np_start if cand.np_start >= 0 else cand.start
    return first >= 2 and doc[first - 1].lower_ in ("von", "vom") and first - 2 in ctx.nouns


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
    own conjunct; an "und" that a verb follows starts the next one (an "und" between nouns does
    not)."""
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
    finite = segment.finite_position(doc, first, ctx.verbs)
    subject = [
        c
        for c in phrases.candidates(ctx.index, *first)
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
    if doc[trigger.clause[0] - 1].text in HEADLINE_BREAKS:
        return False  # "Arbeiter vermisst – Drei Menschen verletzt": two headlines, two subjects
    has_aux = any(doc[i].lower_ in de.AUX for i in range(*trigger.clause))
    return (
        not has_aux
        and finite == trigger.token
        and segment.last_word(doc, trigger.clause) == trigger.token
    )


def _after_gemeinsam(doc: Doc, cand: Candidate) -> bool:
    """ "gemeinsam mit", "zusammen mit seinem Cousin": a co-actor, not an instrument."""
    return any(
        doc[j].lower_ in ("gemeinsam", "zusammen")
        for j in range(max(0, cand.start - 5), cand.start)
    )
