"""NER models built by `python -m chronik.nlp.ner.train`; metrics.json holds their held-out figures."""
