"""Part of the exercise: the check always uses this copy, whatever yours says.

It makes pytest stop with a message when no test is parametrized yet.
"""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if items and not any(item.get_closest_marker("parametrize") for item in items):
        raise pytest.UsageError(
            "No test is parametrized yet: decorate at least one test function "
            "with @pytest.mark.parametrize (see README.md)."
        )
