from pytest_mock import MockerFixture

from registry import RegistryClient


def test_production_version(mocker: MockerFixture) -> None:
    mocker.patch.object(RegistryClient, "_get", return_value={"version": 7})
    assert RegistryClient("https://registry.ml-platform.example", token="t").production_version("churn") == "7"
