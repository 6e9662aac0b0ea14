"""[[chronik.sources]] in chronik.toml and CHRONIK_SOURCES: what `chronik watch` follows."""

from pathlib import Path

import pytest

from chronik.errors import ConfigError
from chronik.settings import load


def test_sources_from_the_file(tmp_path: Path) -> None:
    config = tmp_path / "chronik.toml"
    config.write_text(
        "[chronik]\n"
        '[[chronik.sources]]\nurl = "https://example.invalid/feed.xml"\nname = "Beispiel"\n'
        "interval = 600\n"
        '[[chronik.sources]]\npath = "inbox"\nlanguage = "de"\n',
        encoding="utf-8",
    )
    sources = load(config, environ={}).sources
    assert sources[0] == {
        "url": "https://example.invalid/feed.xml",
        "name": "Beispiel",
        "interval": 600,
    }
    assert sources[1] == {"path": "inbox", "language": "de"}


def test_sources_from_the_environment(tmp_path: Path) -> None:
    env = {"CHRONIK_SOURCES": "https://example.invalid/a.xml, inbox"}
    sources = load(tmp_path / "none.toml", environ=env).sources
    assert sources == ({"url": "https://example.invalid/a.xml"}, {"path": "inbox"})


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('url = "https://x.invalid/f"\npath = "inbox"', "exactly one of url or path"),
        ('name = "leer"', "exactly one of url or path"),
        ('url = "https://x.invalid/f"\nevery = 5', "unknown keys"),
        ('path = "inbox"\ninterval = -1', "interval must be a positive number"),
    ],
)
def test_bad_sources_are_clear_errors(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "chronik.toml"
    config.write_text(f"[chronik]\n[[chronik.sources]]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load(config, environ={})
