"""chronik's spaCy components. Importing this package registers their factories."""

from chronik.nlp.components import claims, entities, events, linking, sentences, timex  # noqa: F401
