"""Scorers for the formats in ../shared/spec; `chronik eval ...` calls them."""
