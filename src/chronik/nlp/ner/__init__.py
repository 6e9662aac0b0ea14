"""German named-entity recognition (GermEval 2014 classes): features, models, decoding, training.

The spaCy component in chronik.nlp.components.entities wraps what lives here; `chronik eval ner`
scores it.
"""
