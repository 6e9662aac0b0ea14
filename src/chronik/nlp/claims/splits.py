"""Several claims in one sentence (conventions 5.2): a hedged subordinate clause after an attributed
main clause, indirect speech after an inverted cue clause, two cue verbs joined by "und"."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.claims import build, cues
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.lang import de

# What opens a part before "..., sagte X:" that is no statement of X: the journalist's question
# ("Auf die Frage, ob ..."), a circumstance ("Wenn er davon sprach, ...").
QUESTION_FRAME = {"frage", "nachfrage", "fragen", "ob"}

ATTRIBUTING = {"say", "report", "phrase", "so"}
OWN_SPEECH = {"say", "accuse", "deny"}
NESTED = "-nested"  # rule id suffix of a claim inside another's proposition


def attributed(draft: Draft) -> bool:
    """Told as a named speaker's words: after a verb of saying or a source phrase, or in direct
    speech going on without a cue."""
    if draft.cue is None:
        return draft.said_with is not None or draft.rule in ("quote-continuation", "so-colon")
    return draft.cue.kind in ATTRIBUTING and draft.source is not None


def hedged_clause(doc: Doc, sent: Sentence, draft: Draft, q: cues.Cue) -> Draft | None:
    """ "Die Justiz ermittelt Berichten zufolge gegen ihn, weil er ... angestiftet haben soll": a
    hearsay "soll" in a subordinate clause after the attributed main clause is a claim of its own,
    alleged, with the main clause's source."""
    if q.kind != "hearsay" or draft.cue is None or draft.cue.kind not in ATTRIBUTING:
        return None
    clause = next((c for c in sent.clauses if c[0] <= q.start < c[1]), None)
    if clause is None or clause[0] <= draft.start or clause[0] <= draft.cue.end:
        return None
    if doc[clause[0]].lower_ not in de.SUBORDINATORS:
        return None
    return Draft(
        clause[0],
        clause[1],
        "alleged",
        sent.index,
        q,
        draft.source,
        complement=True,
        rule="hedged-clause",
    )


def after_inverted(doc: Doc, sent: Sentence, drafts: list[Draft]) -> list[Draft]:
    """ "P1, sagten die Klubobleute, man habe P2": indirect speech after an inverted cue clause is a
    claim of its own of the same speaker (5.2)."""
    out = []
    for draft in drafts:
        cue = draft.cue
        if cue is None or not draft.complement or draft.end > cue.start:
            continue
        ci = next((n for n, c in enumerate(sent.clauses) if c[0] <= cue.start < c[1]), None)
        if ci is None or ci + 1 >= len(sent.clauses):
            continue
        rest = sent.clauses[ci + 1 :]
        if doc[rest[0][0]].lower_ in de.RELATIVE_PRONOUNS | de.SUBORDINATORS:
            continue  # "..., sagte X, der ...": about the speaker
        marks = cues.subjunctive_tokens(doc, rest[0][0], rest[-1][1])
        if marks:
            mark = cues.Cue("subjunctive", draft.certainty, marks[0], marks[0] + 1)
            out.append(
                Draft(
                    rest[0][0],
                    rest[-1][1],
                    draft.certainty,
                    sent.index,
                    mark,
                    draft.source,
                    complement=True,
                    rule="subjunctive",
                    continues=True,
                )
            )
    return out


def before_colon(doc: Doc, sent: Sentence, drafts: list[Draft]) -> list[Draft]:
    """ "P, sagte X: Q" and "P, so X: Q": the speaker says both; the colon opens more of the same
    speech, so P is a claim of its own beside Q (5.2), unless P is a question put to the speaker
    or a circumstance ("Auf die Frage, ob ..., sagte X: Q")."""
    out = []
    for draft in drafts:
        cue = draft.cue
        if cue is None or cue.kind not in ("say", "report") or draft.start <= cue.end:
            continue
        if draft.start == 0 or doc[draft.start - 1].text != ":":
            continue
        ci = next((n for n, c in enumerate(sent.clauses) if c[0] <= cue.start < c[1]), None)
        if not ci or (cue.start != sent.clauses[ci][0] and doc[sent.clauses[ci][0]].lower_ != "so"):
            continue  # not "..., sagte X:" with the speaker after an inverted verb
        start, end = sent.clauses[0][0], sent.clauses[ci - 1][1]
        if _not_a_statement(doc, start, end) or _names_speaker(doc, draft, start, end):
            continue
        out.append(
            Draft(
                start,
                end,
                draft.certainty,
                sent.index,
                cue,
                draft.source,
                complement=True,
                rule=f"{draft.rule}-before-colon",
            )
        )
    return out


def _names_speaker(doc: Doc, draft: Draft, start: int, end: int) -> bool:
    """ "Der Geschäftsführer der Organisation, Karl Bauer, erklärte: ...": the part before the
    verb is the speaker and his apposition, no statement."""
    source = draft.source
    return source is not None and doc[start].idx <= source.start < doc[end - 1].idx + 1


def _not_a_statement(doc: Doc, start: int, end: int) -> bool:
    words = [doc[i].lower_ for i in range(start, end) if not doc[i].is_space]
    if len(words) < 3 or words[0] in de.SUBORDINATORS or words[-1] == "?":
        return True
    return bool(QUESTION_FRAME & set(words))


def split_at_colon(doc: Doc, sent: Sentence, drafts: list[Draft]) -> list[Draft]:
    """ "X will den Vorwurf nicht stehen lassen: Wir ... ": a claim that runs on past a colon after
    its cue ends there; what follows is the speaker's own words in direct speech, asserted, with
    no cue (5.5) — a claim of its own (5.2). A list after the colon ("fand drei Dinge: Waffen,
    Geld und Drogen") has no verb and stays."""
    out = []
    for draft in drafts:
        if draft.cue is None:
            continue
        colon = next(
            (
                c
                for c in sent.clauses
                if draft.cue.end <= c[1] < draft.end - 1 and doc[c[1]].text == ":"
            ),
            None,
        )
        if colon is None or colon[1] < draft.start:
            continue
        if any(doc[i].text in ("–", "—") for i in range(draft.cue.end, colon[1])):
            continue  # "betonte, dass P – eine Anspielung auf X: ...": the report's aside
        rest = [c for c in sent.clauses if colon[1] < c[0] < draft.end]
        if rest and doc[rest[0][0]].lower_ == "wie":
            continue  # "...: Wie die Forscher schreiben, ..." names a speaker of its own
        if (
            not rest
            or not doc[rest[0][0]].text[:1].isupper()
            or not build.clause_like(doc, rest[0])
        ):
            continue
        if draft.cue.kind == "say" and _only_names_speaker(doc, sent, draft, colon):
            # "Dem Magazin sagte Y, Professorin in Z: Q": the cue's clause names the speaker; Q is
            # what the verb introduces
            draft.start = rest[0][0]
            continue
        out.append(
            Draft(
                rest[0][0],
                min(rest[-1][1], draft.end),
                "asserted",
                sent.index,
                None,
                draft.source,
                complement=True,
                rule="colon-quote",
                continues=True,
                said_with=draft,
            )
        )
        draft.end = colon[1]
        out[-1].source = draft.source  # None until a denial idiom's subject is found (tail)
    return out


def _only_names_speaker(doc: Doc, sent: Sentence, draft: Draft, colon: tuple[int, int]) -> bool:
    """Before the colon stand only the cue's clause and appositions to its speaker, no clause with
    a verb of its own."""
    if draft.cue is None or draft.start > draft.cue.start:
        return False
    clause = next((c for c in sent.clauses if c[0] <= draft.cue.start < c[1]), None)
    if (
        clause is None
        or clause[1] <= draft.cue.end
        or not all(
            doc[i].text[:1].isupper() or doc[i].lower_ in de.DETERMINERS
            for i in range(draft.cue.end, clause[1])
        )
    ):
        return False  # "Zu X sage er Ja, aber: ...": the cue's clause says something itself
    between = [c for c in sent.clauses if draft.cue.start < c[0] and c[1] <= colon[1]]
    return not any(build.clause_like(doc, c) for c in between)


def split_coordinated(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "Er bestritt die Existenz der Akten und sprach von einer Fälschung": two cue verbs of one
    subject joined by "und", each without a complement clause, make two claims, cut at the "und"."""
    for first, second in zip(drafts, drafts[1:]):
        a, b = first.cue, second.cue
        if first.complement or second.complement or a is None or b is None:
            continue
        if a.entry is None or b.entry is None or a.entry.pos != "V" or b.entry.pos != "V":
            continue
        joint = b.start - 1
        if a.end <= joint and doc[joint].lower_ in ("und", "sowie") and first.start <= joint:
            first.end = joint
            second.start = b.start
            second.complement = True
            second.source = second.source or first.source
            # "Moskau bestreitet das und spricht von einer Evakuierung": the denier's own account
            # goes on, against what the denial denies
            second.continues = first.certainty == "denied" and second.certainty != "denied"
    return drafts


def nested(doc: Doc, a: Draft, b: Draft) -> bool:
    """ "Laut den Staatsmedien gab der Student zu, [P]", "[Recherchen nährten den Verdacht, dass
    P], sagte X": a second attribution inside the proposition of the first, with a speaker of its
    own, is a claim of its own (5.2: different sources or certainties), not a twin of the outer
    one. The outer cue stands outside the inner proposition ("Wie X mitteilte, sollen nach
    Angaben Y ..." and "X sagte, laut Y sei ..." are one claim with two cues)."""
    outer, inner = (a, b) if a.end - a.start >= b.end - b.start else (b, a)
    (o_start, o_end), (i_start, i_end) = _trimmed(doc, outer), _trimmed(doc, inner)
    if (o_start, o_end) == (i_start, i_end) or inner.cue is None or not outer.complement:
        return False  # not inside a proposition: a cue verb's whole sentence, for want of one
    if inner.pronoun is not None:
        return False  # "X sagte, sie befürchte, dass P": the speaker's own words go on
    if not (o_start <= i_start and i_end <= o_end):
        return False
    if outer.cue is None or inner.start <= outer.cue.start < inner.end:
        return False
    if not outer.start <= inner.cue.start < outer.end:
        return False
    if not (_noun_inside(inner) or _speaker_inside(doc, outer, inner)):
        return False
    one, two = outer.source, inner.source
    if one is None or two is None or one.end <= two.start or two.end <= one.start:
        inner.rule += NESTED
        return True
    return False


def _noun_inside(inner: Draft) -> bool:
    """ "[Recherchen nährten den Verdacht, dass P], sagte X", "[..., wonach P], erläuterte X"."""
    cue = inner.cue
    return inner.rule.startswith("wonach") or (
        cue is not None and cue.entry is not None and cue.entry.pos == "N"
    )


def _speaker_inside(doc: Doc, outer: Draft, inner: Draft) -> bool:
    """ "Laut den Staatsmedien gab der Student zu, P": a built-in attribution before a named
    speaker's verb with its complement; not "P, sagte X laut Y" (the phrase attributes the
    saying), a passive ("wurde ... gemeldet") or a negated saying ("darf nicht mehr behaupten")."""
    if outer.cue is None or inner.cue is None or outer.cue.kind != "phrase":
        return False
    if inner.source is None or inner.cue.kind not in OWN_SPEECH or not inner.complement:
        return False
    if inner.source.text.split()[-1].lower() in de.ACCUSATION_NOUNS:
        return False  # "hat sich der Verdacht bestätigt": a suspicion says nothing
    if not outer.cue.start < inner.cue.start < inner.start:
        return False
    after = doc[inner.cue.end].lower_ if inner.cue.end < len(doc) else ""
    between = range(outer.start, inner.cue.start)
    return after not in de.PASSIVE_AUX and not any(doc[i].lower_ in de.NEGATORS for i in between)


def is_nested(draft: Draft) -> bool:
    """An attribution inside another's proposition, or to a document ("Berichte, wonach"): the
    speech going on after it is the outer speaker's ("Laut den Staatsmedien gab X zu, ... .
    Demnach ...")."""
    return draft.rule.endswith(NESTED) or draft.rule == "wonach"


def _trimmed(doc: Doc, draft: Draft) -> tuple[int, int]:
    start, end = draft.start, draft.end
    while end > start and doc[end - 1].text in build.TRIM:
        end -= 1
    return start, end


def speech_inside(draft: Draft) -> bool:
    """ "Laut den Staatsmedien gab X zu, P": the speaker's claim inside the report's; a denial or a
    counter-account answers the report, the outer claim (its links go there)."""
    cue = draft.cue
    return (
        draft.rule.endswith(NESTED)
        and cue is not None
        and cue.entry is not None
        and (cue.entry.pos == "V")
    )
