"""The name-list builder (training.gazetteers) and the lists the package ships."""

from __future__ import annotations

from importlib import resources

from chronik.nlp.ner import gazetteers
from training.gazetteers import HEADERS


def test_each_shipped_list_starts_with_the_header_its_builder_writes() -> None:
    folder = resources.files(gazetteers.RESOURCE_PACKAGE)
    for name, header in HEADERS.items():
        text = folder.joinpath(gazetteers.FILES[name]).read_text(encoding="utf-8")
        assert text.startswith(header), name
        assert "Built by training.gazetteers" in HEADERS["places"]


def test_the_runtime_loader_reads_the_lists_without_their_headers() -> None:
    gaz = gazetteers.load()
    assert "Berlin" in gaz.places and "russisch" in gaz.deriv
    assert not any(line.startswith("#") for line in gaz.places | gaz.first | gaz.last)
