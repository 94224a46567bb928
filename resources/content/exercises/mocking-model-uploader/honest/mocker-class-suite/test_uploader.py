import hashlib
import json

import pytest
from pytest_mock import MockerFixture

from object_store import ObjectStore
from uploader import AlreadyPublishedError, publish_model

RUN = "run-7"
FILES = {"weights.bin": b"\x00\x01\x02", "config.yaml": b"depth: 4\n", "b.txt": b"b"}


class TestPublishModel:
    @pytest.fixture(autouse=True)
    def store(self, mocker: MockerFixture) -> None:
        self.store = mocker.create_autospec(ObjectStore, instance=True)
        self.store.list_keys.return_value = []

    def publish(self, files: dict[str, bytes] = FILES) -> str:
        return publish_model(self.store, "ml-bucket", RUN, files)

    def put_keys(self) -> list[str]:
        return [c.args[1] for c in self.store.put.call_args_list]

    def test_returns_the_manifest_key(self) -> None:
        assert self.publish() == f"models/{RUN}/manifest.json"

    def test_artefacts_go_up_in_name_order_then_the_manifest(self) -> None:
        self.publish()
        assert self.put_keys() == [
            f"models/{RUN}/b.txt",
            f"models/{RUN}/config.yaml",
            f"models/{RUN}/weights.bin",
            f"models/{RUN}/manifest.json",
        ]

    def test_every_artefact_is_an_octet_stream_with_its_own_bytes(self) -> None:
        self.publish()
        for name, data in FILES.items():
            self.store.put.assert_any_call(
                "ml-bucket",
                f"models/{RUN}/{name}",
                data,
                content_type="application/octet-stream",
            )

    def test_the_manifest_is_json_with_sizes_and_hashes(self) -> None:
        self.publish()
        bucket, key, body = self.store.put.call_args.args
        assert (bucket, key) == ("ml-bucket", f"models/{RUN}/manifest.json")
        assert self.store.put.call_args.kwargs["content_type"] == "application/json"
        manifest = json.loads(body)
        assert manifest == {
            "run_id": RUN,
            "artefacts": [
                {"name": n, "bytes": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                for n, d in sorted(FILES.items())
            ],
        }

    def test_existing_run_is_refused_before_any_upload(self) -> None:
        self.store.list_keys.return_value = [f"models/{RUN}/manifest.json"]
        with pytest.raises(AlreadyPublishedError):
            self.publish()
        assert self.store.put.call_count == 0

    def test_it_asks_about_the_run_folder_with_a_trailing_slash(self) -> None:
        self.publish()
        self.store.list_keys.assert_called_once_with("ml-bucket", f"models/{RUN}/")

    def test_no_artefacts_is_a_value_error_and_no_store_calls(self) -> None:
        with pytest.raises(ValueError):
            self.publish({})
        assert not self.store.method_calls
