"""Age bands: the coarse age that statistics keep instead of a birth date (the self-test
tallies, the survey breakdowns). People owns them, so that the apps that count by age
band share one definition without importing each other (decision 0028)."""

from datetime import date

# (key, lowest age, highest age or None).
AGE_BANDS = (
    ("u30", 0, 29),
    ("30s", 30, 39),
    ("40s", 40, 49),
    ("50s", 50, 59),
    ("60p", 60, None),
)


def age_band(birth_date: date, on: date) -> str:
    """The band of someone born on `birth_date`, on the day `on` (a band changes on the
    birthday itself)."""
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return AGE_BANDS[0][0]
