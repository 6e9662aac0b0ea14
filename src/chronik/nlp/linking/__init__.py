"""Entity linking: one entity, many names (German inflection, transliteration variants, aliases,
places, roles). Pure functions over mentions; chronik.kb.entities applies them to a store."""

from __future__ import annotations

from chronik.nlp.linking.link import Linker, MentionInput, link_documents

__all__ = ["Linker", "MentionInput", "link_documents"]
