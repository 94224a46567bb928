"""Price elasticity of demand from two observations."""


def arc_elasticity(q1: float, q2: float, p1: float, p2: float) -> float:
    """The midpoint (arc) elasticity: relative change in quantity over relative change in price."""
    dq = (q2 - q1) / ((q1 + q2) / 2)
    dp = (p2 - p1) / ((p1 + p2) / 2)
    if dp == 0:
        raise ZeroDivisionError("the price did not change")
    return dq / dp
