"""Build the German pipeline from settings and turn a Report into Annotations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import chronik.nlp.components  # noqa: F401  (registers the factories)
from chronik import __version__
from chronik.errors import ConfigError
from chronik.nlp import extensions
from chronik.settings import Settings
from chronik.types import MAX_REPORT_CHARS, Annotations, Report, Span

FACTORIES = {
    "entities": "chronik_entities",
    "linking": "chronik_linking",
    "timex": "chronik_timex",
    "events": "chronik_events",
    "claims": "chronik_claims",
}

# Characters without white space tokenised as one piece. spaCy strips prefixes and suffixes one at
# a time, re-searching the rest of the run each time, so a run costs the square of its length
# (20 KB of ")" took 66 s); no word or link of a news text is this long.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def build(settings: Settings | None = None) -> Language:
    """A blank German pipeline (or an installed spaCy pipeline by name) plus chronik's
    components."""
    settings = settings or Settings()
    extensions.register()
    if settings.spacy_model:
        try:
            nlp = spacy.load(settings.spacy_model)
        except OSError as exc:
            raise ConfigError(
                f"spaCy pipeline {settings.spacy_model!r} is not installed: {exc}"
            ) from None
    else:
        nlp = spacy.blank("de")
    nlp.max_length = MAX_REPORT_CHARS  # the one report length limit, the one ingest applies
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("chronik_sentences", first=True)
    for key, factory in FACTORIES.items():
        if key in settings.disabled:
            continue
        config = {"tier": settings.tier} if key == "entities" else {}
        nlp.add_pipe(factory, config=config)
    return nlp


def version(nlp: Language) -> str:
    """Stored with each analysed report, so `reanalyse` can find stale ones: the release, each
    component, and the model a component runs where it says ("chronik_entities=entities:e5lora-…"),
    so a report tagged by another NER tier counts as analysed by another pipeline."""
    parts = [f"chronik-{__version__}"]
    for name, component in nlp.pipeline:
        model = getattr(component, "component", None)
        parts.append(f"{name}={model}" if isinstance(model, str) and model else name)
    return "+".join(parts)


def make_doc(nlp: Language, report: Report) -> Doc:
    doc = tokenise(nlp, report.text)
    doc._.report_date = report.date
    doc._.report_id = report.id
    return doc


def tokenise(nlp: Language, text: str) -> Doc:
    """nlp.make_doc, with runs longer than MAX_RUN tokenised in pieces of MAX_RUN characters: the
    doc's text and every offset stay those of `text`, and the cost stays linear."""
    if not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    if len(text) > nlp.max_length:
        return nlp.make_doc(text)  # raises spaCy's own error about the length
    pieces, pos = [], 0
    for run in _LONG_RUN.finditer(text):
        pieces.append(text[pos : run.start()])
        pieces.extend(
            text[i : min(i + MAX_RUN, run.end())] for i in range(run.start(), run.end(), MAX_RUN)
        )
        pos = run.end()
    pieces.append(text[pos:])
    docs = [nlp.tokenizer(piece) for piece in pieces if piece]
    return Doc.from_docs(docs, ensure_whitespace=False)


def to_annotations(doc: Doc, pipeline_version: str = "") -> Annotations:
    """Collect what the components set, and number the facts as the annotation format does."""
    text = doc.text  # spaCy joins every token anew on each access: once per doc
    sentences = [_trimmed(s.start_char, s.end_char, text) for s in doc.sents] if len(doc) else []
    ann = Annotations(
        sentences=[s for s in sentences if s.text],
        mentions=list(doc._.mentions or []),
        timexes=list(doc._.timexes or []),
        events=list(doc._.events or []),
        claims=list(doc._.claims or []),
        pipeline=pipeline_version,
    )
    _number(ann)
    return ann


def _trimmed(start: int, end: int, text: str) -> Span:
    """Sentence spans without their surrounding white space (spaCy keeps it on the last token)."""
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    return Span(start + lead, start + lead + len(body), body)


def _number(ann: Annotations) -> None:
    for prefix, items in (
        ("m", ann.mentions),
        ("t", ann.timexes),
        ("v", ann.events),
        ("c", ann.claims),
    ):
        for i, item in enumerate(items, start=1):
            if not item.id:
                item.id = f"{prefix}{i}"


def analyse(nlp: Language, report: Report) -> Annotations:
    """Pure: the same report and pipeline give the same annotations; nothing is stored."""
    return to_annotations(nlp(make_doc(nlp, report)), version(nlp))


def analyse_many(
    nlp: Language, reports: Iterable[Report], batch_size: int = 64
) -> Iterator[tuple[Report, Annotations]]:
    """Streams through nlp.pipe so components can batch; yields in input order."""
    pipeline_version = version(nlp)
    pending: list[Report] = []

    def docs() -> Iterator[Doc]:
        for report in reports:
            pending.append(report)
            yield make_doc(nlp, report)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield pending.pop(0), to_annotations(doc, pipeline_version)
