"""Turn raw account activity into model features."""


def activity_ratio(logins_last_30d: int, logins_prev_30d: int) -> float:
    """Logins this month relative to last month; 1.0 when both are zero."""
    if logins_prev_30d == 0:
        return 1.0 if logins_last_30d == 0 else float(logins_last_30d)
    return logins_last_30d / logins_prev_30d
