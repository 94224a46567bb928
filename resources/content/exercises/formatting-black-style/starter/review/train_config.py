'''Hyper-parameters and helpers for the churn gradient-boosting model.'''
from dataclasses import dataclass, field


@dataclass( frozen=True )
class TrainConfig:
    learning_rate : float = 0.05
    n_estimators  : int   = 800
    max_depth     : int   = 6
    subsample     : float = 0.5
    features      : tuple[str, ...] = field(default_factory=lambda: ('tenure', 'monthly_charges',
                                                                      'total_charges', 'contract_type',
                                                                      'payment_method'))
    seed          : int   = 7


def learning_rate_schedule(config: TrainConfig, n_rounds: int) -> list[float]:
    '''Linear decay from the configured rate to a tenth of it.'''
    start = config.learning_rate
    end   = config.learning_rate / 10
    if n_rounds <= 1: return [start]
    return [start + (end - start) * i / (n_rounds - 1)
            for i in range(n_rounds)]


def describe(config: TrainConfig) -> str:
    return 'lr=%s trees=%d depth=%d' % (config.learning_rate, config.n_estimators, config.max_depth)
