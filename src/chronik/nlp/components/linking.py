"""Report-level entity linking as a spaCy component: sets `canonical` on doc._.mentions.

Within one report only (names grounded by the alias table, gazetteer and demonyms get their English
Wikipedia title; a bare surname takes the full name it has in the report). Linking across reports
happens in the store (chronik.kb.entities) or over a whole file
(chronik.nlp.linking.link_documents). Needs: doc._.mentions (chronik_entities). Sets:
Mention.canonical.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronik.nlp.linking import Linker, MentionInput

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
            m.canonical = linker.index.entities[link.entity_id].best_name()
        return doc
