"""The statistics of the analysis: the 95% interval of a mean (Student's t) and of a
share (Wilson), from the count, sum and sum of squares the tallies keep."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
# Student's t, 97.5% quantile, for 1–30 degrees of freedom.
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_critical(df: int) -> float:
    """The two-sided 95% critical value of Student's t with `df` degrees of freedom (a
    table up to 30, then the Cornish–Fisher expansion, within 0.001 of the exact value)."""
    if df < 1:
        raise ValueError("an interval needs at least one degree of freedom")
    if df <= len(T975):
        return T975[df - 1]
    z = Z95
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass(frozen=True)
class Moments:
    """Count, sum and sum of squares of a group's numeric answers (what SQL returns)."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    @property
    def sd(self) -> float | None:
        """The sample standard deviation (n - 1)."""
        if self.n < 2:
            return None
        variance = (self.squares - self.total * self.total / self.n) / (self.n - 1)
        return math.sqrt(max(variance, 0.0))

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval of the mean: mean ± t(n-1) · s / √n."""
        if self.n < 2:
            return None
        half = t_critical(self.n - 1) * self.sd / math.sqrt(self.n)
        return self.mean - half, self.mean + half

    def __add__(self, other: Moments) -> Moments:
        return Moments(self.n + other.n, self.total + other.total, self.squares + other.squares)


def wilson(part: int, whole: int) -> tuple[float, float] | None:
    """The 95% Wilson score interval of the share part / whole, as fractions."""
    if whole <= 0:
        return None
    p = part / whole
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * whole)) / (1 + z2 / whole)
    half = Z95 * math.sqrt(p * (1 - p) / whole + z2 / (4 * whole * whole)) / (1 + z2 / whole)
    return max(centre - half, 0.0), min(centre + half, 1.0)
