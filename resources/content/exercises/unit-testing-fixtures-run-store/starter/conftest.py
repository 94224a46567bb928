"""Part of the exercise: the check always uses this copy, whatever yours says.

It makes pytest stop with a message until some test gets its files from a fixture
that you wrote in a test file and that uses pytest's tmp_path.
"""

import pytest


def _own_fixtures_with_tmp_path(item: pytest.Item) -> list[str]:
    info = getattr(item, "_fixtureinfo", None)
    names = []
    for name, defs in (info.name2fixturedefs if info else {}).items():
        for fixturedef in defs:
            module = getattr(fixturedef.func, "__module__", "") or ""
            requested = set(fixturedef.argnames)
            uses_tmp = requested & {"tmp_path", "tmp_path_factory"}
            if module.split(".")[-1].startswith("test_") and uses_tmp:
                names.append(name)
    return names


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if items and not any(_own_fixtures_with_tmp_path(item) for item in items):
        raise pytest.UsageError(
            "No test uses a fixture of yours built on tmp_path yet: write a "
            "@pytest.fixture in your test file that takes tmp_path and creates the "
            "runs, and request it in a test (see README.md)."
        )
