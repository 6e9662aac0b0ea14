"""NER models built by `training.ner_fast` and `training.ner_accurate` (`make models`); metrics.json
holds their held-out figures."""
