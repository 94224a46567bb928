from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def readings_json() -> bytes:
    """What the sensor API answered for north-bridge one morning, saved as a test fixture."""
    return (DATA / "readings.json").read_bytes()
