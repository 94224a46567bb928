"""A small client for the team's experiment-tracking server (MLflow-like), over HTTP."""

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


class TrackingError(RuntimeError):
    """The tracking server refused a request or could not be reached."""


class TrackingClient:
    """Runs, parameters, metrics and artifacts of one experiment on the tracking server."""

    def __init__(
        self, tracking_uri: str, experiment: str, timeout: float = 10.0
    ) -> None:
        self.tracking_uri = tracking_uri.rstrip("/")
        self.experiment = experiment
        self._timeout = timeout

    def start_run(self, run_name: str) -> str:
        """Create a run in the experiment and return its id."""
        body = {"experiment": self.experiment, "run_name": run_name}
        run_id: str = self._post("runs/create", body)["run_id"]
        return run_id

    def log_params(self, run_id: str, params: dict[str, Any]) -> None:
        """Record the run's hyper-parameters (once per run: the server refuses changes)."""
        self._post("runs/log-params", {"run_id": run_id, "params": params})

    def log_metric(self, run_id: str, key: str, value: float, *, step: int) -> None:
        """Record one value of a metric at a step (an epoch, a batch...)."""
        body = {"run_id": run_id, "key": key, "value": value, "step": step}
        self._post("runs/log-metric", body)

    def log_artifact(self, run_id: str, local_path: str) -> None:
        """Upload a file to the run's artifact store; TrackingError if the upload fails."""
        data = Path(local_path).read_bytes()
        name = Path(local_path).name
        self._post(
            f"artifacts/{run_id}/{name}", {"size": len(data), "data": data.hex()}
        )

    def end_run(self, run_id: str, *, status: str = "FINISHED") -> None:
        """Close the run as FINISHED or FAILED."""
        self._post("runs/update", {"run_id": run_id, "status": status})

    def _post(self, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.tracking_uri}/api/{endpoint}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                answer: dict[str, Any] = json.load(response)
        except urllib.error.URLError as err:
            raise TrackingError(f"{endpoint}: {err.reason}") from err
        return answer
