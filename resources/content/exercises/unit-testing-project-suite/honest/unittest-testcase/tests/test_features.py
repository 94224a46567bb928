import unittest

from churn.features import customer_features, normalise_plan, spend_per_month, tenure_bucket


class TenureBucketTest(unittest.TestCase):
    def test_edges(self) -> None:
        for months, bucket in [(0, "new"), (5, "new"), (6, "settled"), (23, "settled"), (24, "loyal")]:
            with self.subTest(months=months):
                self.assertEqual(tenure_bucket(months), bucket)

    def test_negative(self) -> None:
        with self.assertRaises(ValueError):
            tenure_bucket(-3)


class SpendPerMonthTest(unittest.TestCase):
    def test_average(self) -> None:
        self.assertAlmostEqual(spend_per_month(99.0, 3), 33.0)

    def test_first_month(self) -> None:
        self.assertEqual(spend_per_month(12.5, 0), 12.5)


class NormalisePlanTest(unittest.TestCase):
    def test_legacy_names(self) -> None:
        self.assertEqual(normalise_plan("  Business"), "team")
        self.assertEqual(normalise_plan("premium"), "pro")

    def test_unknown_names_are_kept_lower_case(self) -> None:
        self.assertEqual(normalise_plan("Enterprise "), "enterprise")


class CustomerFeaturesTest(unittest.TestCase):
    def test_record(self) -> None:
        record = {"customer_id": "c-7", "tenure_months": "30", "total_spend": "900", "plan": "basic"}
        features = customer_features(record)
        self.assertEqual(features["tenure_bucket"], "loyal")
        self.assertEqual(features["plan"], "free")
        self.assertAlmostEqual(float(features["spend_per_month"]), 30.0)


if __name__ == "__main__":
    unittest.main()
