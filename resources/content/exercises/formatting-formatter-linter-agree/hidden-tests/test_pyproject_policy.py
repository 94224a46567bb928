"""The team's decisions, read from pyproject.toml: Ruff alone, one line length, no rule dropped."""

from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pip install tomli
    import tomli as tomllib

PYPROJECT = Path(__file__).with_name("pyproject.toml")
FAMILIES = ["E", "F", "W", "I", "Q", "B", "UP"]
CONFLICTING_RULES = ["E501", "I001", "Q000"]


def tool() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("tool", {})


def ruff() -> dict:
    return tool().get("ruff", {})


def lint() -> dict:
    return ruff().get("lint", {})


def test_black_and_isort_settings_are_gone() -> None:
    assert "black" not in tool(), "nothing runs Black any more: delete [tool.black]"
    assert "isort" not in tool(), "Ruff does not read [tool.isort]: move what matters to Ruff"


def test_the_line_length_is_set_once_to_100() -> None:
    assert ruff().get("line-length") == 100, "[tool.ruff] line-length must be 100"
    for table in (lint().get("pycodestyle", {}), ruff().get("pycodestyle", {})):
        assert table.get("max-line-length", 100) == 100, "a second line length disagrees"


def test_every_rule_family_is_still_selected() -> None:
    selected = [*lint().get("select", []), *lint().get("extend-select", [])]
    missing = [family for family in FAMILIES if family not in selected and "ALL" not in selected]
    assert not missing, f"[tool.ruff.lint] select no longer has {missing}"


def test_the_conflicting_rules_are_not_switched_off() -> None:
    tables = (ruff(), lint())
    ignored = [
        code for t in tables for key in ("ignore", "extend-ignore") for code in t.get(key, [])
    ]
    for rule in CONFLICTING_RULES:
        assert not any(rule.startswith(code) for code in ignored), f"{rule} is ignored"
    for table in tables:
        assert "per-file-ignores" not in table and "extend-per-file-ignores" not in table


def test_the_team_package_is_first_party() -> None:
    isort = lint().get("isort", {})
    assert "churn_common" in isort.get("known-first-party", [])
