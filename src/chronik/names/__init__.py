"""Names as keys: normalising, German inflection, transliteration, phonetic keys, the alias table
and the keys of a typed name. Pure and below both the linker (chronik.nlp.linking), which groups
mentions under these keys, and the store (chronik.store.lookup), which looks typed names up under
the same keys; it imports neither."""
