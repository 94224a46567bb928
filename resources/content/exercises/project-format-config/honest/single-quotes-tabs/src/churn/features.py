"""Customer features for the churn model."""

from collections.abc import Sequence

CONTRACT_CODES = {'month-to-month': 0, 'one-year': 1, 'two-year': 2}


def tenure_bucket(months: int) -> str:
	"""Coarse tenure groups: new customers churn far more often than loyal ones."""
	if months < 0:
		raise ValueError(f'tenure cannot be negative, got {months}')
	if months < 6:
		return 'new'
	if months < 24:
		return 'established'
	return 'loyal'


def contract_code(contract: str) -> int:
	"""The contract type as the integer code the model was trained with."""
	try:
		return CONTRACT_CODES[contract.strip().lower()]
	except KeyError:
		known = ', '.join(sorted(CONTRACT_CODES))
		raise ValueError(f'unknown contract type {contract!r}; expected one of {known}') from None


def support_call_rate(calls: Sequence[int], months: int) -> float:
	"""Support calls per month of tenure; 0.0 for a customer in their first month."""
	return sum(calls) / months if months > 0 else 0.0
