"""Report-level entity linking as a spaCy component: sets `canonical` on doc._.mentions.

Within one report only (names grounded by the alias table, gazetteer and demonyms get their English
Wikipedia title; a bare surname takes the full name it has in the report). Linking across reports
happens in the store (chronik.kb.entities) or over a whole file
(chronik.nlp.linking.link_documents). Needs: doc._.mentions (chronik_entities). Sets:
Mention.canonical, and Mention.type to its entity's type in the report (majority of its mentions,
a person's when named in full as one; an ORG for a compound whose head names a group).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronik.nlp.linking import Linker, MentionInput
from chronik.nlp.linking.link import LINKED_TYPES

COMPONENT = "linking:rules-1"


@Language.factory("chronik_linking", default_config={})
def make_linking(nlp: Language, name: str) -> ReportLinker:
    return ReportLinker()


class ReportLinker:
    def __call__(self, doc: Doc) -> Doc:
        mentions = list(doc._.mentions or [])
        if not mentions:
            return doc
        linker = Linker()
        when = doc._.report_date.iso if doc._.report_date is not None else None
        linked = linker.link_report(
            [MentionInput(m.start, m.end, m.text, m.type, m.sub) for m in mentions], doc.text, when
        )
        for m, link in zip(mentions, linked):
            entity = linker.index.entities[link.entity_id]
            m.canonical = entity.best_name()
            if m.type in LINKED_TYPES and entity.type in LINKED_TYPES:
                m.type = entity.type  # one entity, one type: the report's majority for it
        return doc
