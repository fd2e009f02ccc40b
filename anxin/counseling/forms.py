"""Counselling forms: they only validate; the views call services with what they clean."""

import re
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.roc import ROC_OFFSET, RocDateField, RocTimeField
from anxin.counseling.models import Case, CounsellingRequest, Mode, SessionRecord

_PHONE = re.compile(r"^\+?[0-9][0-9\-\s()#]{5,24}$")

# 001 §捌 (倫理責任): voluntariness, no effect on one's career, confidentiality and its limits.
STATEMENT = _(
    "Asking for help is your own free decision. Using counselling will not affect your "
    "work, promotion or performance appraisal. Everything you tell us and every record of "
    "your sessions is kept confidential under the law and professional ethics, and is "
    "given to no unit or person without legal process or your written consent. Your "
    "agency's personnel office and your supervisor are not told that you applied."
)


class ApplicationForm(forms.Form):
    """The online application (附表一)."""

    concern = forms.ChoiceField(label=_("Kind of concern"))
    details = forms.CharField(
        label=_("What would you like help with? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the intake coordinator and your counsellor can read this."),
    )
    # No urgency is preselected (a default of "urgent" filled the urgent queue with
    # requests whose senders never chose it); the self-test link sets it in the view.
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=[("", "—"), *CounsellingRequest.Urgency.choices],
        error_messages={"required": _("Please choose how urgent your need for help is.")},
    )
    mode = forms.ChoiceField(label=_("Preferred mode"), choices=Mode.choices)
    preferred_times = forms.CharField(
        label=_("Times that suit you (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example: weekday afternoons, or Tuesday after 17:00."),
    )
    gender_preference = forms.ChoiceField(
        label=_("Would you prefer a counsellor who is"),
        choices=CounsellingRequest.GenderPreference.choices,
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=CounsellingRequest.ContactMethod.choices,
    )
    contact_value = forms.CharField(
        label=_("Telephone number or e-mail address"),
        max_length=120,
        help_text=_("A personal number or address is best if you share your work one."),
    )
    accept = forms.BooleanField(
        label=_("I have read the statement above on voluntariness and confidentiality."),
        error_messages={
            "required": _("Please confirm that you have read the statement to send the request.")
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].choices = [("", "—")] + [
            (area.key, area.name) for area in plan.service_areas
        ]

    def clean(self):
        cleaned = super().clean()
        method, value = cleaned.get("contact_method"), (cleaned.get("contact_value") or "").strip()
        if method and value:
            if method == CounsellingRequest.ContactMethod.EMAIL:
                try:
                    validate_email(value)
                except ValidationError:
                    self.add_error(
                        "contact_value",
                        ValidationError(_("Enter a valid e-mail address."), code="email"),
                    )
            elif not _PHONE.match(value):
                self.add_error(
                    "contact_value",
                    ValidationError(
                        _("Enter a telephone number, such as 02-2720-8889 or 0912-345-678."),
                        code="phone",
                    ),
                )
            cleaned["contact_value"] = value
        return cleaned


def _availability_label(user) -> str:
    return _("%(name)s — %(cases)s open cases, %(free)s free times in the next two weeks") % {
        "name": user.display_name or user.username,
        "cases": user.open_cases,
        "free": user.free_slots,
    }


class AssignForm(forms.Form):
    counselor = forms.ModelChoiceField(
        label=_("Counsellor"),
        queryset=None,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the counsellors listed.")},
    )

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["counselor"]
        field.queryset = counselors
        if "free_slots" in counselors.query.annotations:
            field.label_from_instance = _availability_label


class SessionRecordForm(forms.Form):
    """A session record (附表二)."""

    held_on = RocDateField(label=_("Date"))
    held_time = RocTimeField(label=_("Time"), help_text=_("For example 14:30."))
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=1, max_value=480)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    presenting_concern = forms.CharField(
        label=_("Presenting concern"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    assessment = forms.CharField(
        label=_("Assessment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    intervention = forms.CharField(
        label=_("Intervention"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up = forms.CharField(
        label=_("Follow-up plan"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=SessionRecord.RiskLevel.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("held_on"), cleaned.get("held_time")
        if day and time:
            held_at = timezone.make_aware(datetime.combine(day, time))
            if held_at > timezone.now():
                self.add_error(
                    "held_on",
                    ValidationError(_("A session record is written after the session."), "future"),
                )
            cleaned["held_at"] = held_at
        return cleaned

    def clinical(self) -> dict:
        return {field: self.cleaned_data.get(field, "") for field in SessionRecord.SEALED}


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices)
    closed_on = RocDateField(label=_("Closing date"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_closed_on(self):
        value = self.cleaned_data["closed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The closing date cannot be in the future."), code="future")
        if value < timezone.localtime(self.case.opened_at).date():
            raise ValidationError(
                _("The closing date cannot be before the case was opened."), code="before_open"
            )
        return value


class CaseFilterForm(forms.Form):
    """The filters of the counsellor's case list (a GET form)."""

    STATUS_CHOICES = [
        ("", _("Open and closed")),
        ("open", pgettext_lazy("case status", "Open")),
        ("closed", _("Closed")),
    ]

    q = forms.CharField(label=_("Case code or client's name"), max_length=40, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Case.Kind.choices], required=False
    )
    plan = forms.ModelChoiceField(
        label=_("Plan"), queryset=None, required=False, empty_label=_("All plans")
    )
    year = forms.IntegerField(
        label=_("Year opened (ROC)"), min_value=1, max_value=999, required=False
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans

    def filter(self, cases):
        """`cases` narrowed by the valid filters."""
        data = self.cleaned_data
        if status := data.get("status"):
            cases = cases.filter(closed_on__isnull=status == "open")
        if kind := data.get("kind"):
            cases = cases.filter(kind=kind)
        if plan := data.get("plan"):
            cases = cases.filter(plan=plan)
        if year := data.get("year"):
            cases = cases.filter(opened_at__year=year + ROC_OFFSET)
        if text := (data.get("q") or "").strip():
            cases = cases.filter(Q(code__icontains=text) | Q(employee__name__icontains=text))
        return cases
