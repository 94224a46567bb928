from unittest.mock import MagicMock, patch

import uploader


@patch("uploader.publish_model", return_value="models/run-42/manifest.json")
def test_publish_model(mock_publish: MagicMock) -> None:
    store = MagicMock()
    key = uploader.publish_model(store, "models", "run-42", {"model.pkl": b"weights"})
    assert key == "models/run-42/manifest.json"
    mock_publish.assert_called_once()
