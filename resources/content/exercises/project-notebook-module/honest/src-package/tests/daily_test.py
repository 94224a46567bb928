from meters.daily import kwh_per_day


def test_two_days():
    daily = kwh_per_day([("2026-11-02T07:30", 1.0), ("2026-11-03T08:00", 2.0), ("2026-11-03T09:00", 0.5)])
    assert daily == {"2026-11-02": 1.0, "2026-11-03": 2.5}
