"""Part of the exercise: the check always uses this copy, whatever yours says.

It makes pytest stop with a message until some test gets its files from a fixture
that you wrote in a test file and that uses pytest's tmp_path.
"""

import os

import pytest


def _defined_in_a_test_file(fixturedef: object) -> bool:
    # baseid is the node id of where the fixture is defined: "test_runs.py" for a fixture
    # in that file, "" for pytest's own (tmp_path) and a conftest.py at the root.
    baseid = str(getattr(fixturedef, "baseid", "") or "")
    return os.path.basename(baseid.split("::")[0]).startswith("test_")


def _own_fixtures_with_tmp_path(item: pytest.Item) -> list[str]:
    info = getattr(item, "_fixtureinfo", None)
    names = []
    for name, defs in (info.name2fixturedefs if info else {}).items():
        for fixturedef in defs:
            uses_tmp = set(fixturedef.argnames) & {"tmp_path", "tmp_path_factory"}
            if uses_tmp and _defined_in_a_test_file(fixturedef):
                names.append(name)
    return names


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if items and not any(_own_fixtures_with_tmp_path(item) for item in items):
        raise pytest.UsageError(
            "No test uses a fixture of yours built on tmp_path yet: write a "
            "@pytest.fixture in your test file that takes tmp_path and creates the "
            "runs, and request it in a test (see README.md)."
        )
