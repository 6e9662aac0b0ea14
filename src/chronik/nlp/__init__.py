"""German NLP: a spaCy pipeline whose chronik components add mentions, timexes, events and
claims."""
