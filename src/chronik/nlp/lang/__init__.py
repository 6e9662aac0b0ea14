"""Language data: closed word classes of the languages chronik reads (German)."""
