"""Several claims in one sentence (conventions 5.2): a hedged subordinate clause after an attributed
main clause, indirect speech after an inverted cue clause, two cue verbs joined by "und"."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.claims import cues
from chronik.nlp.claims.build import Draft, Sentence
from chronik.nlp.lang import de

# What opens a part before "..., sagte X:" that is no statement of X: the journalist's question
# ("Auf die Frage, ob ..."), a circumstance ("Wenn er davon sprach, ...").
QUESTION_FRAME = {"frage", "nachfrage", "fragen", "ob"}

ATTRIBUTING = {"say", "report", "phrase", "so"}


def attributed(draft: Draft) -> bool:
    return draft.cue is not None and draft.cue.kind in ATTRIBUTING and draft.source is not None


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
