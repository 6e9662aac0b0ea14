"""Data files for German NER (see each file's header for source and licence)."""
