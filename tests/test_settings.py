from pathlib import Path

import pytest

from chronik.errors import ConfigError
from chronik.settings import load


def test_environment_overrides_file(tmp_path: Path) -> None:
    config = tmp_path / "chronik.toml"
    config.write_text('[chronik]\ndb = "from-file.db"\nworkers = 3\n', encoding="utf-8")
    settings = load(config, environ={"CHRONIK_DB": "from-env.db"})
    assert settings.db == "from-env.db"
    assert settings.workers == 3


def test_unknown_setting_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "chronik.toml"
    config.write_text("[chronik]\ndatabase = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown settings"):
        load(config, environ={})


def test_bad_tier_and_bad_number_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="tier"):
        load(tmp_path / "none.toml", environ={"CHRONIK_TIER": "huge"})
    with pytest.raises(ConfigError, match="whole number"):
        load(tmp_path / "none.toml", environ={"CHRONIK_WORKERS": "two"})
