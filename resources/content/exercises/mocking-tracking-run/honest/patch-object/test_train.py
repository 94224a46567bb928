import json
import unittest
from pathlib import Path
from tempfile import TemporaryDirectory
from unittest.mock import call, patch

import train
from tracking import TrackingError


class TrainAndLogTest(unittest.TestCase):
    def setUp(self) -> None:
        patcher = patch.object(train, "TrackingClient", autospec=True)
        self.factory = patcher.start()
        self.addCleanup(patcher.stop)
        self.client = self.factory.return_value
        self.client.start_run.return_value = "run-9"
        folder = TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.path = Path(folder.name) / "model.json"

    def fit(self, epochs: int = 3) -> float:
        return train.train_and_log(
            [1.0, 2.0],
            [1.0, 1.5],
            learning_rate=0.1,
            epochs=epochs,
            model_path=self.path,
            experiment="exp",
        )

    def test_run_setup(self) -> None:
        self.fit()
        self.factory.assert_called_once_with(train.TRACKING_URI, "exp")
        self.client.start_run.assert_called_once_with("lr=0.1")
        self.client.log_params.assert_called_once_with(
            "run-9", {"learning_rate": 0.1, "epochs": 3}
        )

    def test_metric_steps(self) -> None:
        result = self.fit(epochs=2)
        steps = [c.kwargs["step"] for c in self.client.log_metric.call_args_list]
        self.assertEqual(steps, [1, 2])
        ids = {c.args[0] for c in self.client.log_metric.call_args_list}
        self.assertEqual(ids, {"run-9"})
        self.assertEqual(result, self.client.log_metric.call_args.args[2])

    def test_upload_then_finish(self) -> None:
        sizes = []
        self.client.log_artifact.side_effect = lambda rid, p: sizes.append(
            len(json.loads(Path(p).read_text()))
        )
        self.fit()
        self.assertEqual(sizes, [2])
        self.assertEqual(
            self.client.method_calls[-2:],
            [
                call.log_artifact("run-9", str(self.path)),
                call.end_run("run-9", status="FINISHED"),
            ],
        )

    def test_upload_error(self) -> None:
        self.client.log_artifact.side_effect = TrackingError("no space")
        with self.assertRaises(TrackingError):
            self.fit()
        self.client.end_run.assert_called_once_with("run-9", status="FAILED")
