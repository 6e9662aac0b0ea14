import spacy

from chronik.nlp.extensions import doc_text


def test_doc_text_is_the_text_and_its_lower_case_in_either_order() -> None:
    nlp = spacy.blank("de")
    first_lower = nlp("Der Rat tagt in Wien.")
    assert doc_text(first_lower, lower=True) == "der rat tagt in wien."
    assert doc_text(first_lower) == "Der Rat tagt in Wien."
    first_text = nlp("Die Ministerin sprach  lange.")
    assert doc_text(first_text) == "Die Ministerin sprach  lange."
    assert doc_text(first_text, lower=True) == "die ministerin sprach  lange."
