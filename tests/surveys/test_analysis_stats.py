"""The statistics of the analysis against worked examples."""

from django.test import SimpleTestCase

from anxin.surveys.analysis import Moments, t_critical, wilson


def moments(values: list[float]) -> Moments:
    return Moments(len(values), sum(values), sum(v * v for v in values))


class MeanIntervalTests(SimpleTestCase):
    def test_it_gives_the_mean_and_sample_sd(self):
        """1..5: mean 3, s = √2.5."""
        m = moments([1, 2, 3, 4, 5])
        self.assertEqual(m.mean, 3)
        self.assertAlmostEqual(m.sd, 2.5**0.5)

    def test_it_uses_students_t_for_small_groups(self):
        """1..5: 3 ± 2.776 · 1.5811 / √5 = 3 ± 1.963 (t with 4 degrees of freedom)."""
        low, high = moments([1, 2, 3, 4, 5]).interval
        self.assertAlmostEqual(low, 1.0368, places=3)
        self.assertAlmostEqual(high, 4.9632, places=3)

    def test_a_large_group_comes_close_to_the_normal_196(self):
        """400 answers, half 4 and half 2: mean 3, s = 1.0013, half-width ≈ 1.966 · s / 20."""
        low, high = moments([4] * 200 + [2] * 200).interval
        self.assertAlmostEqual(high - 3, t_critical(399) * 1.0012523 / 20, places=5)
        self.assertAlmostEqual(high - 3, 0.0984, places=3)
        self.assertAlmostEqual(3 - low, high - 3)

    def test_the_t_table_and_its_expansion_agree_with_published_values(self):
        for df, expected in ((1, 12.706), (4, 2.776), (30, 2.042), (40, 2.021), (60, 2.000),
                             (120, 1.980), (1000, 1.962)):  # fmt: skip
            self.assertAlmostEqual(t_critical(df), expected, places=3, msg=df)

    def test_one_answer_has_a_mean_but_no_interval(self):
        m = moments([7])
        self.assertEqual(m.mean, 7)
        self.assertIsNone(m.interval)

    def test_equal_answers_have_a_zero_width_interval(self):
        self.assertEqual(moments([4, 4, 4, 4, 4]).interval, (4.0, 4.0))


class WilsonTests(SimpleTestCase):
    def test_it_matches_newcombes_worked_example(self):
        """8 of 10: 0.490 to 0.943 (Newcombe 1998, method 3)."""
        low, high = wilson(8, 10)
        self.assertAlmostEqual(low, 0.4902, places=4)
        self.assertAlmostEqual(high, 0.9433, places=4)

    def test_it_stays_within_zero_and_one(self):
        self.assertEqual(wilson(0, 10)[0], 0.0)
        self.assertAlmostEqual(wilson(0, 10)[1], 0.2775, places=4)
        self.assertAlmostEqual(wilson(10, 10)[1], 1.0)
        self.assertIsNone(wilson(0, 0))
