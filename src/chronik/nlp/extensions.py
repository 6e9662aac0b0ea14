"""Doc extensions the chronik components read and write.

`report_date` is set before the pipeline runs (timex resolution needs it); each component fills
one list.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("report_date", "report_id", "mentions", "timexes", "events", "claims")


def register() -> None:
    """Idempotent: spaCy raises if an extension is set twice without force."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc, lower: bool = False) -> str:
    """doc.text (or its lower case), kept in doc.user_data: spaCy joins every token anew on each
    access, and the rule components ask for it per sentence or per claim."""
    key = "chronik_lower" if lower else "chronik_text"
    if key not in doc.user_data:
        text = doc.user_data.get("chronik_text") or doc.text
        doc.user_data["chronik_text"] = text
        doc.user_data[key] = text.lower() if lower else text
    return doc.user_data[key]


register()
