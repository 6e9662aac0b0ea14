"""Word-shape tests for noun phrases without a parser: articles, inflected adjectives, adverbs
before them, Saxon-genitive names and genitive prepositions (used by events.phrases)."""

from __future__ import annotations

from spacy.tokens import Doc

from chronik.nlp.lang import de

ARTICLES = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}
)


def second_article(doc: Doc, j: int) -> bool:
    """ "in dem der Diplomat": an article right before another one belongs to no noun phrase of
    the second (here it is a relative pronoun after its preposition)."""
    return j + 1 < len(doc) and doc[j].lower_ in ARTICLES and doc[j + 1].lower_ in ARTICLES


GENITIVE_PREPS = frozenset({"während"})
ADVERB_ENDINGS = ("isch", "lich", "ig", "bar", "sam", "haft", "ös", "iv", "ell", "end")


def adverb(doc: Doc, j: int) -> bool:
    """ "bei politisch motivierten Angriffen": an uninflected adverb before an adjective."""
    word = doc[j].lower_
    return doc[j].text[:1].islower() and doc[j].is_alpha and word.endswith(ADVERB_ENDINGS)


def genitive_prep(doc: Doc, j: int, start: int) -> bool:
    return (
        j >= 0
        and j + 1 < start
        and doc[j].lower_ in GENITIVE_PREPS
        and doc[j + 1].lower_ in ("des", "eines")
    )


def saxon_name(doc: Doc, j: int) -> bool:
    """ "Krikets" in "Krikets Wohnung": a capitalised genitive name right before its noun."""
    tok = doc[j]
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and tok.text.endswith("s")
        and tok.text not in de.FUNCTION_CAPS
        and tok.lower_ not in de.DETERMINERS
    )


def adjective(doc: Doc, j: int) -> bool:
    word = doc[j].lower_
    return (
        doc[j].text[:1].islower()
        and doc[j].is_alpha
        and word not in de.PREPOSITIONS
        and word not in de.AUX
        and (word.endswith(("e", "en", "er", "es", "em")))
        and word not in {"und", "oder", "aber", "sowie", "wie"}
    )


def strong_genitive(doc: Doc, j: int, start: int) -> bool:
    """ "Angaben lokaler Medien", "Kämpfer verfeindeter Milizen": a genitive plural without article
    opens with an adjective in -er right after the noun it modifies."""
    return (
        not doc[j - 1].is_sent_start
        and not doc[j - 1].text.endswith("s")  # "Hubers älterer Bruder": a Saxon genitive
        and doc[j].lower_.endswith("er")
        and adjective(doc, j)
        and all(adjective(doc, k) for k in range(j, start))
    )


def is_noun_like(tok_text: str) -> bool:
    """Capitalised, not a function word or number, and not the first half of "Staats- und
    Regierungschefs"."""
    return (
        tok_text[:1].isupper()
        and tok_text not in de.FUNCTION_CAPS
        and tok_text not in de.STOP_NOUNS
        and (tok_text.replace("-", "").isalpha())
        and not tok_text.endswith("-")
        and tok_text.lower() not in de.DETERMINERS
        and (tok_text.lower() not in de.NUMBERS)
    )


def object_ihr(doc: Doc, i: int, end: int) -> bool:
    """ "wirft ihr vor", "half ihr": "ihr" as a dative pronoun, not the possessive before a noun
    ("ihr Land", "ihr jährliches Manöver")."""
    if i == 0 or (doc[i - 1].text[:1].isupper() and doc[i - 1].text not in de.FUNCTION_CAPS):
        return False
    nxt = doc[i + 1] if i + 1 < end else None
    if nxt is None or not nxt.is_alpha:
        return True
    return not (
        is_noun_like(nxt.text)
        or (
            nxt.text[:1].islower()
            and nxt.lower_.endswith(("e", "en", "er", "es", "em"))
            and i + 2 < end
            and is_noun_like(doc[i + 2].text)
        )
    )


def before_modifiers(doc: Doc, j: int, lowest: int) -> int:
    """Step left from j over articles and inflected adjectives ('den jüngsten', 'die'), not below
    lowest: what stands there may be the preposition that governs the noun phrase."""
    while j >= lowest and (
        doc[j].lower_ in de.DETERMINERS
        or (
            doc[j].text[:1].islower()
            and doc[j].is_alpha
            and doc[j].lower_.endswith(("e", "en", "er", "es", "em"))
            and doc[j].lower_ not in de.PREPOSITIONS
        )
    ):
        j -= 1
    return j
