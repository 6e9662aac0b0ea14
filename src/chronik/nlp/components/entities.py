"""Named-entity mentions (GermEval 2014 classes, outer level) -> doc._.mentions.

Tiers: "fast" (CRF over word, affix, shape and gazetteer features: chronik.nlp.ner.fast),
"accurate", the default (multilingual-e5-small fine-tuned with low-rank adapters, CRF decoding,
run with int8 weights in onnxruntime: chronik.nlp.ner.accurate), "spacy" (the `ner` pipe of an
installed spaCy pipeline, mapped to GermEval classes). Each mention records the model that found it
in `component`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

from chronik.errors import ConfigError
from chronik.nlp.ner import decoding, gazetteers, germeval, tiers
from chronik.types import Mention

TIERS = ("fast", "accurate", "spacy")
SPACY_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "ORG": "ORG",
    "NORP": "LOCderiv",
}
UPPER_SHARE = 0.6  # a sentence this much in capitals is a headline: tag it with casing undone
MIN_HEADLINE_WORDS = 2  # one capitalised word is an acronym, not a headline
_INVISIBLE = r"\s\u00ad\u200b-\u200f\u2060\ufeff\x00-\x1f\x7f"
# invisible and control characters, markup left-overs ("</b", "&nbsp;") that the tokenizer kept on a
# word
_JUNK = re.compile(rf"[{_INVISIBLE}]|</?[A-Za-z][A-Za-z0-9]*>?|&[A-Za-z]+;|&#\d+;")
_JUNK_END = re.compile(
    rf"(?:[{_INVISIBLE}]|</?[A-Za-z][A-Za-z0-9]*>?|&[A-Za-z]+;?|&#\d+;?|\.(?=</?[A-Za-z]))+$"
)
_JUNK_START = re.compile(rf"^(?:[{_INVISIBLE}]|</?[A-Za-z][A-Za-z0-9]*>|&[A-Za-z]+;|&#\d+;)+")


@Language.factory("chronik_entities", default_config={"tier": "accurate"})
def make_entities(nlp: Language, name: str, tier: str) -> EntityTagger:
    if tier not in TIERS:
        raise ConfigError(f"entities tier {tier!r}: choose one of {', '.join(TIERS)}")
    if tier == "spacy" and "ner" not in nlp.pipe_names:
        raise ConfigError(
            "entities tier 'spacy' needs a spaCy pipeline with an 'ner' pipe (set spacy_model)"
        )
    return EntityTagger(tier)


class EntityTagger:
    """Needs sentence boundaries (doc.sents); sets doc._.mentions: list[chronik.types.Mention]."""

    def __init__(self, tier: str) -> None:
        self.tier = tier
        self.gaz = gazetteers.load()
        self._tagger = None
        if tier != "spacy":
            self._tagger = tiers.load(tier)
        self.component = f"entities:{self._tagger.name if self._tagger else 'spacy'}"

    def __call__(self, doc: Doc) -> Doc:
        found = self._from_ents(doc) if self._tagger is None else self._from_tagger(doc)
        known = {m.text for m in found if m.sub is None}
        for mention in found:
            mention.lemma = decoding.lemma(mention.text, mention.type, mention.sub, known, self.gaz)
        doc._.mentions = found
        return doc

    def _from_tagger(self, doc: Doc) -> list[Mention]:
        sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        runs = [
            tokens
            for tokens in ([t for t in sent if not t.is_space] for sent in sentences)
            if tokens
        ]
        tagged = tiers.tag_document(self._tagger, [_tagger_words(tokens) for tokens in runs])
        mentions: list[Mention] = []
        text = doc.text  # built anew on every access: fetch it once
        for tokens, tags in zip(runs, tagged):
            for start, end, label in germeval.chunks(tags):
                mentions.append(self._mention(text, tokens[start], tokens[end - 1], label))
            for i in decoding.institutions_in_places([t.text for t in tokens], tags):
                mention = self._mention(text, tokens[i], tokens[i], "ORG")
                mention.component = f"{self.component}+{decoding.INSTITUTION_RULE}"
                mentions.append(mention)
        mentions = [m for m in mentions if not decoding.is_currency(m.text, m.type, m.sub)]
        mentions.extend(self._same_names(text, runs, tagged, mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _same_names(
        self, text: str, runs: list, tagged: list, mentions: list[Mention]
    ) -> list[Mention]:
        """Words the model left untagged that it tagged as a name elsewhere in the same report."""
        names = decoding.names_in_report(
            [(m.text, m.type, m.sub) for m in mentions if "+rule:" not in m.component]
        )
        if not names:
            return []
        taken = {m.start for m in mentions}
        found = []
        for tokens, tags in zip(runs, tagged):
            for token, tag in zip(tokens, tags):
                kind = names.get(token.text) or names.get(
                    token.text[:-1] if token.text.endswith("s") else ""
                )
                if tag == "O" and kind and token.idx not in taken:
                    mention = self._mention(text, token, token, kind)
                    mention.component = f"{self.component}+{decoding.SAME_NAME_RULE}"
                    found.append(mention)
        return found

    def _from_ents(self, doc: Doc) -> list[Mention]:
        text = doc.text
        return [
            self._mention(text, ent[0], ent[-1], SPACY_LABELS.get(ent.label_, "OTH"))
            for ent in doc.ents
        ]

    def _mention(self, text: str, first: Token, last: Token, label: str) -> Mention:
        start, end = _trim(text, first.idx, last.idx + len(last.text))
        kind, sub = decoding.split_label(label)
        return Mention(
            start=start, end=end, text=text[start:end], type=kind, sub=sub, component=self.component
        )


def _title(word: str, gaz: gazetteers.Gazetteers) -> str:
    """Headline casing undone as far as the name lists allow: listed names in title case, listed
    acronyms as they are, every other word in lower case (German nouns lose their capital, which
    costs little)."""
    if not word.isupper():
        return word
    title = word.capitalize()
    if word in gaz.orgs:
        return word
    if any(title in names for names in (gaz.places, gaz.first, gaz.last, gaz.orgs)):
        return title
    return word.lower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Mention offsets without the junk at either end; never an empty span."""
    chunk = text[start:end]
    tail = _JUNK_END.search(chunk)
    if tail and tail.start() > 0:
        chunk = chunk[: tail.start()]
    head = _JUNK_START.match(chunk)
    lead = head.end() if head and head.end() < len(chunk) else 0
    return start + lead, start + len(chunk)


def _tagger_words(tokens: Sequence[Token]) -> list[str]:
    """Token texts without invisible characters and markup left-overs; an all-caps headline is given
    in title case, which the model saw in training."""
    words = [_JUNK.sub("", t.text) or t.text for t in tokens]
    letters = [w for w in words if any(c.isalpha() for c in w)]
    upper = [w for w in letters if w.isupper() and len(w) > 1]
    if len(letters) >= MIN_HEADLINE_WORDS and len(upper) >= UPPER_SHARE * len(letters):
        gaz = gazetteers.load()
        return [_title(w, gaz) for w in words]
    return words
