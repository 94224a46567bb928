from pathlib import Path
from unittest.mock import patch

import train


def test_train_and_log_is_called(tmp_path: Path) -> None:
    with patch("train.train_and_log", return_value=0.01) as fake:
        loss = train.train_and_log(
            [1.0], [2.0], learning_rate=0.1, epochs=2, model_path=tmp_path / "m.json"
        )
    fake.assert_called_once()
    assert loss == 0.01
