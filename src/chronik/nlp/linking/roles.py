"""Role facts from appositions and titles, and bare role mentions resolved to their holder at a
date.

"Russlands Verteidigungsminister Sergei Shoigu", "der belarussische Präsident Alexander
Lukaschenko", "US-Verteidigungsminister Lloyd Austin", "Shoigu, der russische
Verteidigungsminister," -> stated facts (role, of, holder). "seinem Amtskollegen Viktor Chrenin"
takes the role said before and the other country of the report. "der russische
Verteidigungsminister" with no name -> a reference, resolved by `RoleBook.holder(role, of, date)`
from facts stated in earlier reports, else role_holders.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chronik.nlp.linking.cluster import days_apart
from chronik.nlp.linking.tables import RoleWord, role_holders, role_word

_WORD = re.compile(r"[\wÄÖÜäöüß][\w\-ÄÖÜäöüß]*")
_LINK_GAP = re.compile(r"^[\s,]{0,3}$")
# A holder stated in a report stays the holder for a year at most: offices change hands, and an
# older statement is no evidence about today.
STATED_HOLDER_DAYS = 365


@dataclass
class MentionView:
    start: int
    end: int
    text: str
    type: str
    sub: str | None
    canonical: str | None


@dataclass
class RoleFact:
    role: str
    of: str | None  # canonical of the country or organisation
    of_text: str | None
    start: int  # the role words in the text
    end: int
    text: str
    kind: str  # stated | resolved
    rule: str
    holder_index: int | None = None  # index of the holder's mention (stated)
    holder: str | None = None  # canonical of the holder


def _mention_at(mentions: Sequence[MentionView], start: int, end: int) -> int | None:
    for i, m in enumerate(mentions):
        if m.start < end and start < m.end:
            return i
    return None


def _mention_before(text: str, mentions: Sequence[MentionView], pos: int) -> int | None:
    for i, m in enumerate(mentions):
        if (
            m.end <= pos
            and re.fullmatch(r"\s{0,2}", text[m.end : pos])
            and m.type in ("LOC", "ORG")
        ):
            return i
    return None


def _of_after(text: str, mentions: Sequence[MentionView], pos: int) -> tuple[int | None, int]:
    """'Präsident der Ukraine', 'Außenminister Frankreichs': a genitive place after the role."""
    m = re.match(r"\s+(?:der|des)?\s*", text[pos : pos + 6])
    after = pos + (m.end() if m else 0)
    for i, x in enumerate(mentions):
        if (
            x.start == after
            and x.type in ("LOC", "ORG")
            and x.sub is None
            and x.text.endswith(("s", "e", "A"))
        ):
            return i, x.end
    return None, pos


def _holder_after(text: str, mentions: Sequence[MentionView], pos: int) -> int | None:
    for i, m in enumerate(mentions):
        if m.start >= pos and m.type == "PER" and _LINK_GAP.match(text[pos : m.start]):
            return i
    return None


def _holder_before(text: str, mentions: Sequence[MentionView], role_start: int) -> int | None:
    """'Shoigu, der russische Verteidigungsminister': an apposition after the name."""
    for i, m in enumerate(mentions):
        if m.type == "PER" and m.end <= role_start:
            gap = text[m.end : role_start]
            if re.fullmatch(r",\s+(?:der|die)\s+(?:\S+\s+){0,2}", gap) and "," not in gap[1:]:
                return i
    return None


def _article_before(text: str, pos: int) -> str:
    words = re.findall(r"\w+", text[max(0, pos - 40) : pos])
    for w in reversed(words):
        if w.lower() in (
            "der",
            "die",
            "das",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "einen",
            "sein",
            "seinem",
            "seinen",
            "seine",
            "ihr",
            "ihrem",
            "ihren",
        ):
            return w.lower()
        if w[0].isupper():
            return ""
    return ""


def find_roles(text: str, mentions: Sequence[MentionView]) -> list[RoleFact]:
    """Stated facts and bare references in one report, in text order."""
    out: list[RoleFact] = []
    for tok in _WORD.finditer(text):
        hit = role_word(tok.group())
        if hit is None or not tok.group()[0].isupper():
            continue
        word, prefix = hit
        fact = _one_role(text, mentions, tok.start(), tok.end(), word, prefix, out)
        if fact is not None:
            out.append(fact)
    return out


def _one_role(
    text: str,
    mentions: Sequence[MentionView],
    start: int,
    end: int,
    word: RoleWord,
    prefix: str | None,
    before: list[RoleFact],
) -> RoleFact | None:
    of_i = _mention_at(mentions, start, end)  # US-Verteidigungsminister (a part mention)
    if of_i is not None and mentions[of_i].type == "PER":
        return None
    span_start = start
    if of_i is None:
        of_i = _mention_before(text, mentions, start)
        if of_i is not None:
            span_start = mentions[of_i].start
    after_of, after_pos = _of_after(text, mentions, end)
    if of_i is None and after_of is not None:
        of_i = after_of
    holder = _holder_after(text, mentions, after_pos if after_of is not None else end)
    rule = "role:title"
    if holder is None:
        holder = _holder_before(text, mentions, span_start)
        rule = "role:apposition"
    of = mentions[of_i].canonical if of_i is not None else word.implied_of
    of_text = mentions[of_i].text if of_i is not None else prefix
    role = word.role
    if role == "=":
        if not before:
            return None
        prev = _colleague_of(text, mentions, start, holder, before)
        role, rule = prev.role, "role:amtskollege"
        if of_i is None:
            of = _other_country(text, mentions, start, prev.of)
            of_text = None
    if of is None and holder is None:
        prev = _antecedent(role, before)
        if prev is None:
            return None
        role, of, rule = prev.role, prev.of, "role:anaphor"
    if holder is not None:
        return RoleFact(
            role,
            of,
            of_text,
            span_start,
            end,
            text[span_start:end],
            "stated",
            rule,
            holder,
            mentions[holder].canonical,
        )
    if of is None or _plural(text[start:end], word, _article_before(text, span_start)):
        return None
    bare = rule if rule in ("role:amtskollege", "role:anaphor") else "role:bare"
    return RoleFact(role, of, of_text, span_start, end, text[span_start:end], "resolved", bare)


def _colleague_of(
    text: str, mentions: Sequence[MentionView], pos: int, holder: int | None, before: list[RoleFact]
) -> RoleFact:
    """'Gemeinsam mit seinem Amtskollegen Viktor Chrenin unterzeichnete Schoigu': the colleague
    shares the role of a person named in the same sentence, else of the role holder named last."""
    s0 = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    s1 = min([i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0] or [len(text)])
    in_sentence = {
        m.canonical
        for i, m in enumerate(mentions)
        if m.type == "PER" and i != holder and s0 <= m.start < s1 and m.canonical
    }
    for fact in reversed(before):
        if fact.kind == "stated" and fact.holder in in_sentence:
            return fact
    return before[-1]


def _antecedent(role: str, before: list[RoleFact]) -> RoleFact | None:
    """'der Minister' after 'der deutsche Verteidigungsminister': the last role of the report it
    names; a colleague ('seinen Amtskollegen') is the other party, so only the antecedent when
    nothing else fits."""
    fitting = [f for f in before if role.lower() in f.role.lower()]
    main = [f for f in fitting if not f.rule.startswith("role:amtskollege")]
    return (main or fitting or [None])[-1]


def _plural(token: str, word: RoleWord, article: str) -> bool:
    """'die Außenminister' (a masculine noun after 'die') and 'den Ministern' are plural: no one
    holder."""
    if word.word.endswith("in"):
        return False
    low = token.lower()
    return article == "die" or (
        article == "den" and word.word.endswith("er") and low.endswith("ern")
    )


def _other_country(
    text: str, mentions: Sequence[MentionView], pos: int, not_this: str | None
) -> str | None:
    """For 'Amtskollege': the country of the report, other than the first holder's, named nearest
    before."""
    found = [
        m.canonical
        for m in mentions
        if m.type == "LOC" and m.canonical and m.canonical != not_this and m.start < pos + 200
    ]
    before = [
        m.canonical
        for m in mentions
        if m.type == "LOC" and m.canonical and m.canonical != not_this and m.end <= pos
    ]
    return (before or found or [None])[-1]


@dataclass
class RoleBook:
    """Who held which role when: facts stated in reports, and the seed list for what no report
    says."""

    stated: dict[tuple[str, str], list[tuple[str, str]]] = field(
        default_factory=dict
    )  # (role, of) -> [(date, holder)]
    table: bool = True  # consult role_holders.tsv (off: only what the reports state)

    def add(self, role: str, of: str | None, holder: str | None, when: str | None) -> None:
        if of and holder and when:
            self.stated.setdefault((role, of), []).append((when, holder))

    def holder(
        self,
        role: str,
        of: str,
        when: str | None,
        lookup: Callable[[str, str], list[tuple[str, str]]] | None = None,
    ) -> tuple[str | None, str]:
        """The holder as of `when`: the list of known terms (role_holders.tsv) where it covers the
        date, else the latest holder stated in a report no more than a year before, else the nearest
        stated holder."""
        if when and self.table:
            for h in role_holders():
                if (
                    h.role == role
                    and h.of == of
                    and h.start <= when[:10]
                    and (h.end is None or when[:10] < h.end)
                ):
                    return h.holder, "seed"
        facts = sorted(self.stated.get((role, of), []) + (lookup(role, of) if lookup else []))
        if when:
            earlier = [(d, h) for d, h in facts if d[:10] <= when[:10]]
            if earlier and (days_apart(earlier[-1][0], when) or 0) <= STATED_HOLDER_DAYS:
                return earlier[-1][1], "stated-before"
        if facts:
            return facts[-1][1], "stated-nearest"
        return None, "unknown"
