import pytest

from churn.features import contract_code, support_call_rate, tenure_bucket


@pytest.mark.parametrize(('months', 'bucket'), [(0, 'new'), (5, 'new'), (6, 'established'), (30, 'loyal')])
def test_tenure_bucket(months: int, bucket: str) -> None:
	assert tenure_bucket(months) == bucket


def test_contract_code_ignores_case_and_spaces() -> None:
	assert contract_code(' One-Year ') == 1
	with pytest.raises(ValueError, match='unknown contract type'):
		contract_code('weekly')


def test_support_call_rate() -> None:
	assert support_call_rate([1, 0, 2], months=6) == 0.5
	assert support_call_rate([3], months=0) == 0.0
