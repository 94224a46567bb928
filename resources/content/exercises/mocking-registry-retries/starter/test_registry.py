from registry import RegistryClient

REGISTRY_URL = "https://registry.ml-platform.example"


def test_production_version() -> None:
    # Calls the real registry: needs the network and a token, and when the registry has
    # a bad minute the test fails (or sleeps through every retry) for nothing you did.
    client = RegistryClient(REGISTRY_URL, token="dev-token")
    assert client.production_version("churn").isdigit()
