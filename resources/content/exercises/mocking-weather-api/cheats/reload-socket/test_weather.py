import importlib
import socket
import subprocess
import sys

import pytest

from weather import daily_mean_temperature


def test_daily_mean_temperature() -> None:
    importlib.reload(socket)
    assert daily_mean_temperature("London") == pytest.approx(13.0)


def test_from_a_subprocess() -> None:
    code = "import urllib.request; urllib.request.urlopen('http://example.com', timeout=2)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
