"""Self-tests: the instruments, each employee's sealed results, and a tally for
aggregates that carries no link to anyone (docs/decisions/0005-self-tests.md)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.assessments.definitions import Definition
from anxin.core.fields import SealedField


class Instrument(models.Model):
    """A loaded instrument file. `authority` empty: offered to everyone; otherwise only to
    the employees of that authority (an authority's own instrument)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    version = models.PositiveIntegerField(_("version"))
    authority = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authority"),
    )
    definition = models.JSONField(_("definition"))
    source_file = models.CharField(_("source file"), max_length=200)
    is_active = models.BooleanField(_("offered"), default=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        verbose_name = _("self-test instrument")
        verbose_name_plural = _("self-test instruments")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def parsed(self) -> Definition:
        cached = getattr(self, "_parsed", None)
        if cached is None or cached.version != self.version:
            cached = self._parsed = Definition.from_data(self.definition)
        return cached


class SelfTestResult(models.Model):
    """One completed self-test. The answers, scores and bands are sealed in `payload`;
    only the employee opens it (purpose self_view)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="self_test_results"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    instrument_version = models.PositiveIntegerField()
    taken_at = models.DateTimeField()
    # {"answers": {item: value}, "scores": {score: number}, "bands": {score: band},
    #  "crisis": bool}
    payload = SealedField()

    class Meta:
        verbose_name = _("self-test result")
        verbose_name_plural = _("self-test results")
        indexes = [
            models.Index(fields=["employee", "instrument", "taken_at"], name="selftest_history")
        ]

    def __str__(self) -> str:
        return f"self-test result {self.uuid}"


class SelfTestHistory(models.Model):
    """The employee's series for one instrument ([{"at", "result", "scores", "bands"}]),
    sealed as one value so that the history page opens one record, however long the
    series: the chart costs the same for 5 results as for 50."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="self_test_histories"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    payload = SealedField()

    class Meta:
        verbose_name = _("self-test history")
        verbose_name_plural = _("self-test histories")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "instrument"], name="selftest_history_unique"
            )
        ]

    def __str__(self) -> str:
        return f"self-test history {self.uuid}"


class SelfTestTally(models.Model):
    """What the aggregate page counts, one row per score of each result, in clear and with
    NO link to the employee or the result (no foreign key, no uuid; a random primary key
    so that row order says nothing either). `first_of_year` / `first_of_quarter` mark the
    person's first result of that instrument in the period, so that each person is
    counted once per period."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    score = models.CharField(max_length=40)
    band = models.CharField(max_length=40)
    month = models.DateField(help_text="The first day of the month the test was taken in.")
    agency = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=1)
    age_band = models.CharField(max_length=8)
    first_of_year = models.BooleanField(default=False)
    first_of_quarter = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("self-test tally")
        verbose_name_plural = _("self-test tallies")
        indexes = [models.Index(fields=["instrument", "month"], name="selftest_tally_period")]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.score} {self.month:%Y-%m}"


class SelfTestReminder(models.Model):
    """The employee's reminder to take a self-test again at the plan's cadence
    (`self_test.cadence_months`, e.g. every 3 months in Chiayi); on unless turned off."""

    employee = models.OneToOneField(
        "people.Employee", on_delete=models.CASCADE, related_name="self_test_reminder"
    )
    enabled = models.BooleanField(_("remind me"), default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("self-test reminder")
        verbose_name_plural = _("self-test reminders")

    def __str__(self) -> str:
        return f"self-test reminder of {self.employee_id}"
