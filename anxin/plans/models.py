"""A programme plan: what differs between authorities, held as validated configuration.

The plan's YAML (presets/*.yaml or an authority's own file) is validated by `loader.py`
and stored whole in `config`; the columns repeat what queries need (authority, period,
k). Other apps read the plan through the typed accessors below, never through raw keys.
"""

from datetime import date
from functools import cached_property
from typing import TypeVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.kanon import DEFAULT_K
from anxin.core.measures import measure, pair_measures
from anxin.people.models import Employee
from anxin.plans import config as c

T = TypeVar("T")


class ProgramPlan(models.Model):
    slug = models.SlugField(_("preset"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    authority = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("authority"),
    )
    period_start = models.DateField(_("period start"), default=timezone.localdate)
    period_end = models.DateField(
        _("period end"), null=True, blank=True, help_text=_("Empty: until amended.")
    )
    k_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown in statistics"), default=DEFAULT_K
    )
    config = models.JSONField(_("configuration"), default=dict)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("programme plan")
        verbose_name_plural = _("programme plans")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=F("period_start")),
                name="plan_period_ordered",
            ),
            models.CheckConstraint(condition=Q(k_threshold__gte=2), name="plan_k_threshold_min"),
        ]
        indexes = [
            models.Index(fields=["authority", "period_start"], name="plan_authority_period"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.slug])

    # --- period -----------------------------------------------------------------------

    def is_in_force(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.period_start <= on and (self.period_end is None or on <= self.period_end)

    # --- reading the configuration ------------------------------------------------------
    # Every accessor below builds its typed section from `config` (config/build.py); the
    # register of which plan key each one reads, and which keys are shown only, is
    # plans/keys.py (tested against every preset).

    def _section(self, cls: type[T], key: str) -> T:
        return c.build(cls, self.config.get(key))

    def _items(self, cls: type[T], key: str) -> list[T]:
        return [c.build(cls, item) for item in self.config.get(key, [])]

    @property
    def authority_name(self) -> str:
        """The authority's name as the plan writes it (certificates print it)."""
        return self.config.get("authority", {}).get("name", "")

    # --- who is served ----------------------------------------------------------------

    @property
    def names_staff_categories(self) -> bool:
        """Does the plan name the staff categories it serves? Pingtung's guidelines name
        none: such a plan serves every category of its roster (decision 0041)."""
        return "staff_categories" in self.config.get("eligibility", {})

    @property
    def staff_categories(self) -> list[str]:
        """The staff categories served: those the plan names, else every category."""
        if not self.names_staff_categories:
            return list(Employee.StaffCategory.values)
        return list(self.config["eligibility"]["staff_categories"])

    def serves_category(self, staff_category: str) -> bool:
        return staff_category in self.staff_categories

    def staff_category_rows(self) -> list[tuple[str, bool]]:
        """Every staff category and whether this plan serves it, for the plan page."""
        served = set(self.staff_categories)
        return [(label, value in served) for value, label in Employee.StaffCategory.choices]

    # --- counselling ------------------------------------------------------------------

    @cached_property
    def counselling_quota(self) -> c.CounsellingQuota:
        return self._section(c.CounsellingQuota, "counselling_quota")

    @property
    def free_counselling_hours(self) -> int | None:
        """Free counselling hours per person per year; None when the plan sets no quota."""
        return self.counselling_quota.hours_per_year

    def quota_counts(self, channel: str) -> bool:
        """Does the yearly quota count the time of this channel? Sessions always; "calls"
        and "email_replies" unless the plan lists only one or none (decision 0009)."""
        if channel == "sessions":
            return True
        counted = self.counselling_quota.counts
        return counted is None or channel in counted

    @property
    def quota_email_reply_minutes(self) -> int:
        """The counselling time one e-mail station reply stands for (default 30)."""
        return self.counselling_quota.email_reply_minutes

    @property
    def coordinator_reads_records(self) -> bool:
        """May the intake coordinator read the session records of cases in his or her
        scope? Only where the plan says so (`session_records.coordinator_reads`)."""
        return bool(self.config.get("session_records", {}).get("coordinator_reads"))

    @property
    def booking_rules(self) -> c.BookingRules:
        """Cancellation and no-show rules of booked sessions; defaults when absent."""
        return self._section(c.BookingRules, "booking")

    @property
    def certificate_settings(self) -> c.CertificateSettings:
        """Issuer, seal and completion share of event certificates; defaults when absent."""
        return self._section(c.CertificateSettings, "certificates")

    @property
    def service_model(self) -> str:
        return self.config.get("service_model", {}).get("model", "")

    def get_service_model_label(self) -> str:
        return c.label_of(c.ServiceModel, self.service_model)

    @cached_property
    def channels(self) -> list[c.Channel]:
        return self._items(c.Channel, "channels")

    def channel(self, key: str) -> c.Channel | None:
        """The channel with this key ("hotline", "email_station", ...), or None."""
        return next((channel for channel in self.channels if channel.key == key), None)

    @property
    def email_reply_days(self) -> int | None:
        station = self.channel("email_station")
        return station.reply_days if station else None

    @property
    def hotline_call_minutes(self) -> int | None:
        hotline = self.channel("hotline")
        return hotline.call_minutes if hotline else None

    @cached_property
    def crisis_lines(self) -> list[c.CrisisLine]:
        return self._items(c.CrisisLine, "crisis_lines")

    @cached_property
    def case_flows(self) -> list[c.CaseFlow]:
        return self._items(c.CaseFlow, "case_flows")

    def case_flow(self, key: str) -> c.CaseFlow | None:
        """The flow with this key ("general", "non_voluntary", "crisis"), or None."""
        return next((flow for flow in self.case_flows if flow.key == key), None)

    def drawn_case_flows(self) -> dict[str, dict]:
        """The plan's own flows that have steps, by key, as the plan file writes them: a
        case started on one keeps this definition (counseling/flows/definitions.py)."""
        items = self.config.get("case_flows", [])
        return {item["key"]: item for item in items if item.get("steps")}

    # --- self-tests and questionnaires ------------------------------------------------

    @cached_property
    def self_test(self) -> c.SelfTest:
        return self._section(c.SelfTest, "self_test")

    @property
    def self_test_cadence_months(self) -> int | None:
        """Months between self-test invitations; None: self-tests only on demand."""
        return self.self_test.cadence_months

    @property
    def self_test_instruments(self) -> tuple[str, ...]:
        """The instrument keys the plan offers; empty: every instrument."""
        return self.self_test.instruments

    @cached_property
    def new_hire_survey_windows(self) -> list[c.SurveyWindow]:
        windows = self.config.get("new_hire_survey", {}).get("windows", [])
        return [c.build(c.SurveyWindow, item) for item in windows]

    def new_hire_survey_dates(self, hire_date: date) -> list[tuple[date, date]]:
        """The (first day, last day) spans in which a new hire answers the questionnaire."""
        return [window.dates_for(hire_date) for window in self.new_hire_survey_windows]

    @cached_property
    def surveys(self) -> list[c.Survey]:
        return self._items(c.Survey, "surveys")

    # --- groups, services, resources --------------------------------------------------

    @cached_property
    def target_groups(self) -> list[c.TargetGroup]:
        return self._items(c.TargetGroup, "target_groups")

    def target_group(self, key: str) -> c.TargetGroup | None:
        return next((group for group in self.target_groups if group.key == key), None)

    @cached_property
    def service_areas(self) -> list[c.ServiceArea]:
        return self._items(c.ServiceArea, "service_areas")

    @property
    def zone_public(self) -> bool:
        """May anyone reach the EAP zone without signing in (default: no)?"""
        return bool(self.config.get("zone", {}).get("public", False))

    @cached_property
    def topic_channels(self) -> list[c.TopicChannel]:
        return self._items(c.TopicChannel, "topic_channels")

    @cached_property
    def resource_categories(self) -> list[c.ResourceCollection]:
        return self._items(c.ResourceCollection, "resource_categories")

    @property
    def care_workers(self) -> dict:
        """The `care_workers` section as written (shown only, see keys.py)."""
        return dict(self.config.get("care_workers", {}))

    @cached_property
    def care_worker_settings(self) -> c.CareWorkers | None:
        """The plan's care-worker set-up, typed; None when absent."""
        data = self.config.get("care_workers")
        return c.build(c.CareWorkers, data) if data else None

    @property
    def care_worker_trainings(self) -> tuple[c.Training, ...]:
        settings = self.care_worker_settings
        return settings.trainings if settings else ()

    @property
    def care_worker_min_per_department(self) -> int:
        """How many active care workers each department should have (004 §參.三.(二)1:
        at least one); 1 when the plan is silent, since a department with none is a gap
        under any plan."""
        settings = self.care_worker_settings
        return (settings.min_per_department or 1) if settings else 1

    @property
    def care_worker_minimum_is_set(self) -> bool:
        """Does the plan itself set the minimum (for the coverage page's wording)?"""
        settings = self.care_worker_settings
        return bool(settings and settings.min_per_department)

    @property
    def care_worker_term_years(self) -> int:
        """A care worker's term of office in years, renewable; two when the plan is
        silent (the public rule the issue cites: two-year renewable terms)."""
        settings = self.care_worker_settings
        return (settings.term_years or 2) if settings else 2

    @property
    def care_worker_meeting_months(self) -> int:
        """How often the care-worker group meets, in months; six when the plan is silent
        (the public rule the issue cites: the group meets every six months)."""
        settings = self.care_worker_settings
        return (settings.meeting_months or 6) if settings else 6

    @property
    def care_worker_commendation_rule(self) -> c.Commendation | None:
        """The rule of the yearly commendation list; None: the plan sets none."""
        settings = self.care_worker_settings
        return settings.commendation if settings else None

    def care_worker_training_rows(self) -> list[tuple[c.Training, list[str]]]:
        """Each training with the names of those it requires, for the plan page."""
        names = {training.key: training.name for training in self.care_worker_trainings}
        return [
            (training, [names.get(key, key) for key in training.requires])
            for training in self.care_worker_trainings
        ]

    # --- mentoring and interviews with personnel heads (care app) ---------------------

    @cached_property
    def mentoring(self) -> c.Mentoring | None:
        """The plan's mentoring of new hires (decision 0045); None: the plan has none."""
        data = self.config.get("mentoring")
        return c.build(c.Mentoring, data) if data else None

    @cached_property
    def personnel_interviews(self) -> c.PersonnelInterviews | None:
        """The counselling room's yearly interviews with personnel heads (decision 0046);
        None: the plan has none."""
        data = self.config.get("personnel_interviews")
        return c.build(c.PersonnelInterviews, data) if data else None

    # --- governance -------------------------------------------------------------------

    @cached_property
    def governance_bodies(self) -> list[c.GovernanceBody]:
        return self._items(c.GovernanceBody, "governance_bodies")

    def governance_body(self, key: str) -> c.GovernanceBody | None:
        return next((body for body in self.governance_bodies if body.key == key), None)

    @cached_property
    def reward_rules(self) -> list[c.RewardRule]:
        return self._items(c.RewardRule, "rewards")

    # --- rules and thresholds ---------------------------------------------------------

    @property
    def case_code_prefix(self) -> str:
        """Letters before the ROC year in case codes: the plan's `case_code_prefix`, or the
        first letters of the slug, upper-cased (docs/decisions/0004)."""
        if prefix := self.config.get("case_code_prefix"):
            return prefix
        letters = "".join(ch for ch in self.slug if ch.isascii() and ch.isalpha())
        return (letters[: c.CASE_CODE_PREFIX_LETTERS] or "EAP").upper()

    @property
    def leave_rule(self) -> str:
        return self.config.get("leave_rule", {}).get("text", "")

    @property
    def counselling_records_retention_years(self) -> int:
        """Years a closed case's records are kept (FACTS.md: at least 10)."""
        return self.config.get("retention", {}).get(
            "counselling_records_years", c.DEFAULT_RETENTION_YEARS
        )

    @property
    def emergency_access_hours(self) -> int:
        """Hours a coordinator's break-glass opening of a case stays valid."""
        return self.config.get("emergency_access", {}).get(
            "hours", c.DEFAULT_EMERGENCY_ACCESS_HOURS
        )

    @property
    def overtime_thresholds(self) -> c.OvertimeThresholds:
        """The overtime-care signal, read by the care network's outreach."""
        return self._section(c.OvertimeThresholds, "overtime_care")

    @property
    def outreach_settings(self) -> c.OutreachSettings:
        """The life events and family-care leave the care network's outreach acts on."""
        return self._section(c.OutreachSettings, "outreach")

    @property
    def outreach_life_event_labels(self) -> list[str]:
        """The plan's life events in words, for the plan page."""
        labels = c.life_event_labels()
        return [str(labels[event]) for event in self.outreach_settings.life_events]

    @property
    def open_answer_words(self) -> c.OpenAnswerWords:
        return self._section(c.OpenAnswerWords, "open_answers")

    @property
    def outcome_settings(self) -> c.OutcomeSettings:
        """The well-being questionnaire of a counselling case (decisions 0072, 0079):
        WHO-5 when the plan has no `outcomes` section."""
        return self._section(c.OutcomeSettings, "outcomes")

    @property
    def outcome_measure_name(self) -> str:
        """The name of the plan's outcome measure for the plan page (its key when no app
        provides it); empty when the plan offers none."""
        settings = self.outcome_settings
        if not settings.offered:
            return ""
        found = pair_measures().get(settings.instrument) or measure(settings.instrument)
        return found.name if found is not None else settings.instrument

    @property
    def advice_settings(self) -> c.AdviceSettings:
        """Advice at fixed times: which channels' schedules become bookable slots, the
        slot length and how many weeks ahead; no services when absent."""
        return self._section(c.AdviceSettings, "advice")

    def advice_channels(self) -> list[c.Channel]:
        """The channels named in `advice.services`, in that order (unknown keys left out:
        the loader refuses them)."""
        by_key = {channel.key: channel for channel in self.channels}
        return [by_key[key] for key in self.advice_settings.services if key in by_key]

    @cached_property
    def sources(self) -> list[c.Source]:
        return self._items(c.Source, "sources")

    @cached_property
    def forms(self) -> list[c.Form]:
        return self._items(c.Form, "forms")

    @cached_property
    def ethics(self) -> list[c.Statement]:
        return self._items(c.Statement, "ethics")
