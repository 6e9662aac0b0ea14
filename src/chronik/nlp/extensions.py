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


register()
