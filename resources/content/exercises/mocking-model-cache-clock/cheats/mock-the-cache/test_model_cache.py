from datetime import timedelta
from unittest.mock import MagicMock, patch

from model_cache import ModelCache


@patch("model_cache.ModelCache.get", return_value="churn v2")
def test_reloaded_after_the_ttl(mock_get: MagicMock) -> None:
    cache = ModelCache(MagicMock(), ttl=timedelta(minutes=5))
    assert cache.get("churn") == "churn v2"
    mock_get.assert_called_once_with("churn")
