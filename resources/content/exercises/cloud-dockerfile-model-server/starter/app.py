"""A small model server: a linear churn model behind an HTTP API.

GET  /health   -> {"status": "ok"} once the model is loaded
POST /predict  -> {"churn_probability": p} for {"features": {...}}

Configuration comes from the environment: MODEL_PATH (the model's JSON file),
PORT (default 8000) and API_KEY (callers send it in the X-API-Key header).
Only the standard library is used, so `python app.py` runs anywhere.
"""

import hmac
import json
import math
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def load_model(path: str) -> dict[str, float]:
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    return {name: float(w) for name, w in model["weights"].items()} | {"__bias__": float(model["bias"])}


def churn_probability(model: dict[str, float], features: dict[str, float]) -> float:
    z = model["__bias__"] + sum(w * float(features.get(name, 0.0)) for name, w in model.items() if name != "__bias__")
    return 1.0 / (1.0 + math.exp(-z))


class Handler(BaseHTTPRequestHandler):
    model: dict[str, float] = {}
    api_key = ""

    def _send(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path == "/health":
            self._send(200, {"status": "ok"})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:  # noqa: N802
        if self.path != "/predict":
            self._send(404, {"error": "not found"})
            return
        if not self.api_key or not hmac.compare_digest(self.headers.get("X-API-Key", ""), self.api_key):
            self._send(401, {"error": "missing or wrong X-API-Key"})
            return
        length = int(self.headers.get("Content-Length", "0"))
        try:
            features = json.loads(self.rfile.read(length))["features"]
            self._send(200, {"churn_probability": churn_probability(self.model, features)})
        except (ValueError, KeyError, TypeError) as e:
            self._send(400, {"error": f"bad request: {e}"})


def main() -> None:
    Handler.model = load_model(os.environ["MODEL_PATH"])
    Handler.api_key = os.environ["API_KEY"]
    port = int(os.environ.get("PORT", "8000"))
    print(f"Serving {os.environ['MODEL_PATH']} on port {port}", flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
