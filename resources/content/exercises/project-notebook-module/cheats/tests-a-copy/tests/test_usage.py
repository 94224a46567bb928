import usage


def kwh_per_day(readings):
    totals = {}
    for stamp, kwh in readings:
        totals[stamp[:10]] = totals.get(stamp[:10], 0.0) + kwh
    return totals


def test_module_is_there():
    assert usage.__doc__


def test_readings_of_one_day_are_summed():
    assert kwh_per_day([("2026-11-02T07:30", 0.5), ("2026-11-02T19:00", 1.5)]) == {"2026-11-02": 2.0}
