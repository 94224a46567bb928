"""Tests for settings.py. Run them with: python -m pytest -q"""

from pathlib import Path

import pytest

from settings import Settings, SettingsError, load_settings

KEY = "test-key-0123456789abcdef"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean environment with only the required variables set."""
    for name in ("MODEL_PATH", "API_KEY", "PORT", "LOG_LEVEL", "MAX_BATCH_SIZE", "ENABLE_GPU"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MODEL_PATH", "/models/churn.json")
    monkeypatch.setenv("API_KEY", KEY)
    return monkeypatch


def test_required_variables_and_defaults(env: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings == Settings(model_path=Path("/models/churn.json"), api_key=KEY, port=8000, log_level="INFO", max_batch_size=32, enable_gpu=False)


def test_port_is_read_as_an_integer(env: pytest.MonkeyPatch) -> None:
    env.setenv("PORT", "9090")
    assert load_settings().port == 9090


def test_missing_model_path_is_an_error_that_names_it(env: pytest.MonkeyPatch) -> None:
    env.delenv("MODEL_PATH")
    with pytest.raises(SettingsError, match="MODEL_PATH"):
        load_settings()


def test_the_api_key_is_not_in_the_repr(env: pytest.MonkeyPatch) -> None:
    assert KEY not in repr(load_settings())
