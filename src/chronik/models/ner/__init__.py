"""NER models built by `python -m training.ner_fast`; metrics.json holds their held-out figures."""
