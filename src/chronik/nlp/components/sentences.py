"""Sentence boundaries for German news.

spaCy's German tokenizer already keeps abbreviations ("z.", "B.", "Nr.", "u.a.") and ordinals ("5.")
as single tokens, so a boundary can be placed after every token that is only terminal punctuation,
with closing quotes and brackets kept on the sentence they close, and after every blank line.

The tokenizer also keeps a year's full stop on the year ("seit 1945. Danach ..."): such a token
ends a sentence before a capitalised word, unless an article makes it an ordinal ("die 1000.
Sitzung") or a month name follows. In the 10kGNAD benchmark all 49 such places are sentence ends.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

TERMINALS = {".", "!", "?", "…", "...", "?!", "!?"}
YEAR_END = re.compile(r"^(?:1[89]|20)\d\d\.$")
ORDINAL_BEFORE = {
    "am",
    "beim",
    "dem",
    "den",
    "der",
    "des",
    "die",
    "das",
    "im",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "sein",
    "seine",
    "seinem",
    "seinen",
    "seiner",
    "vom",
    "zum",
    "zur",
    "jede",
    "jeder",
}
MONTHS = {
    "januar",
    "jänner",
    "februar",
    "feber",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
}
CLOSERS = {"“", "”", '"', "«", "»", "'", "’", ")", "]", "‘"}


@Language.component("chronik_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Runs first: later components rely on doc.sents.

    The starts are written in one array: setting `token.is_sent_start` one token at a time makes
    spaCy re-check the whole doc for a parse on each assignment (quadratic in report length)."""
    if len(doc) == 0:
        return doc
    starts = numpy.asarray(sentence_starts(doc), dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], starts)
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """1 for a token that starts a sentence, -1 for one that does not (spaCy's SENT_START)."""
    out = [1]
    pending = False
    prev = doc[0]
    for token in doc[1:]:
        blank = prev.is_space and prev.text.count("\n") >= 2
        if prev.text in TERMINALS or blank or _year_ends_sentence(prev, token):
            pending = True
        if not pending or token.is_space:
            out.append(-1)
        elif token.text in TERMINALS or (token.text in CLOSERS and not prev.whitespace_):
            out.append(-1)  # "…nicht.“" and "?!" stay with the sentence they close
        else:
            out.append(1)
            pending = False
        prev = token
    return out


def _year_ends_sentence(year: Token, nxt: Token) -> bool:
    """'seit 1945. Danach': a year token carrying the full stop, before a capitalised word."""
    if not year.whitespace_ or not nxt.text[:1].isupper() or not YEAR_END.match(year.text):
        return False
    if nxt.lower_ in MONTHS:
        return False
    return year.i == 0 or year.nbor(-1).lower_ not in ORDINAL_BEFORE
