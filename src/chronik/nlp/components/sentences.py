"""Sentence boundaries for German news.

spaCy's German tokenizer already keeps abbreviations ("z.", "B.", "Nr.", "u.a.") and ordinals ("5.")
as single tokens, so a boundary can be placed after every token that is only terminal punctuation,
with closing quotes and brackets kept on the sentence they close, and after every blank line.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

TERMINALS = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {"“", "”", '"', "«", "»", "'", "’", ")", "]", "‘"}


@Language.component("chronik_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Runs first: later components rely on doc.sents."""
    if len(doc) == 0:
        return doc
    doc[0].is_sent_start = True
    pending = False
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        if prev.text in TERMINALS or (prev.is_space and prev.text.count("\n") >= 2):
            pending = True
        if not pending or token.is_space:
            token.is_sent_start = False
            continue
        if token.text in TERMINALS or (token.text in CLOSERS and not prev.whitespace_):
            token.is_sent_start = False  # "…nicht.“" and "?!" stay with the sentence they close
            continue
        token.is_sent_start = True
        pending = False
    return doc
