import pytest

import usage


class TestKwhPerDay:
    def test_sums_each_day(self):
        daily = usage.kwh_per_day([("2026-11-02T07:30", 0.5), ("2026-11-03T08:00", 2.0), ("2026-11-02T19:00", 0.25)])
        assert list(daily) == ["2026-11-02", "2026-11-03"]
        assert daily["2026-11-02"] == pytest.approx(0.75)

    @pytest.mark.parametrize("bad", [-0.01, -3.0])
    def test_refuses_negative_readings(self, bad):
        with pytest.raises(ValueError):
            usage.kwh_per_day([("2026-11-02T07:30", bad)])
