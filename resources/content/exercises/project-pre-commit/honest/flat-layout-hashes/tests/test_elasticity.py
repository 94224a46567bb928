import unittest

from pricing.elasticity import arc_elasticity


class ArcElasticityTest(unittest.TestCase):
    def test_demand_falls_when_price_rises(self) -> None:
        self.assertLess(arc_elasticity(100, 80, 10, 12), 0)

    def test_unchanged_price(self) -> None:
        with self.assertRaises(ZeroDivisionError):
            arc_elasticity(100, 80, 10, 10)
