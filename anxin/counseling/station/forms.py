"""Forms of the e-mail station and the hotline log: they only validate."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField
from anxin.counseling.station.models import HotlineCall
from anxin.counseling.station.services import MAX_MESSAGE_LENGTH
from anxin.people.models import Employee


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message before sending it.")},
        help_text=_("At most %(limit)d characters.") % {"limit": MAX_MESSAGE_LENGTH},
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > MAX_MESSAGE_LENGTH:
            raise ValidationError(
                _("Your message is %(length)d characters long; at most %(limit)d fit.")
                % {"length": len(body), "limit": MAX_MESSAGE_LENGTH},
                code="max_length",
            )
        return body


class FirstMessageForm(MessageForm):
    """The first message; an anonymous writer also chooses whose station to write to."""

    plan = forms.ChoiceField(
        label=_("Your employer's programme"),
        error_messages={"required": _("Choose the programme of your employer.")},
    )

    field_order = ["plan", "body"]

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {plan.slug: plan for plan in plans or []}
        if plans is None:
            del self.fields["plan"]
        else:
            self.fields["plan"].choices = [("", "—")] + [
                (plan.slug, plan.name) for plan in self.plans.values()
            ]

    def clean_plan(self):
        return self.plans[self.cleaned_data["plan"]]


class ReplyForm(MessageForm):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your reply before sending it.")},
        help_text=_("At most %(limit)d characters.") % {"limit": MAX_MESSAGE_LENGTH},
    )
    # The conversation's version when the page was opened (invariant 11).
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(forms.Form):
    counselor = forms.ModelChoiceField(
        label=_("Counsellor"),
        queryset=None,
        empty_label="—",
        error_messages={
            "required": _("Choose a counsellor."),
            "invalid_choice": _("Choose one of the counsellors listed."),
        },
    )

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counselor"].queryset = counselors


class CallForm(forms.Form):
    called_on = RocDateField(label=_("Date of the call"))
    called_time = RocTimeField(label=_("Time"), help_text=_("For example 14:30."))
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=1, max_value=240)
    concern = forms.ChoiceField(label=_("Kind of concern"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HotlineCall.Outcome.choices)
    employee_number = forms.CharField(
        label=_("Caller's employee number (optional)"),
        required=False,
        max_length=30,
        help_text=_("Leave empty for an anonymous caller."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["concern"].choices = [("", "—")] + [
            (area.key, area.name) for area in plan.service_areas
        ]

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        if not number:
            return None
        employee = (
            Employee.objects.filter(authority_id=self.plan.authority_id, number=number)
            .order_by("pk")
            .first()
        )
        if employee is None:
            raise ValidationError(
                _(
                    "No employee with this number is served here. "
                    "Leave it empty for an anonymous caller."
                ),
                code="unknown_employee",
            )
        return employee

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("called_on"), cleaned.get("called_time")
        if day and at:
            called_at = timezone.make_aware(datetime.combine(day, at))
            if called_at > timezone.now():
                self.add_error(
                    "called_on",
                    ValidationError(_("A call is recorded after it took place."), code="future"),
                )
            cleaned["called_at"] = called_at
        return cleaned
