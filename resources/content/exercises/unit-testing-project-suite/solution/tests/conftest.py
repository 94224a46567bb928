import pytest


@pytest.fixture
def customer() -> dict[str, str]:
    """A raw customer record as it arrives from the CRM export."""
    return {"customer_id": "c-1042", "tenure_months": "18", "total_spend": "540.0", "plan": " Premium "}
