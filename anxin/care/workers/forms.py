"""The care-worker forms: they only validate; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anxin.care.workers.models import CareActivity, CareWorker
from anxin.core.roc import RocDateField, RocDateTimeField

SPECIALTIES = forms.MultipleChoiceField(
    label=_("Specialties"),
    choices=CareWorker.Specialty.choices,
    widget=forms.CheckboxSelectMultiple,
    required=False,
)


class NominateForm(forms.Form):
    number = forms.CharField(label=_("Employee number"), max_length=30)
    units = forms.ModelMultipleChoiceField(
        label=_("Units covered"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A care worker covers the units chosen and every unit below them."),
    )
    specialties = SPECIALTIES

    def __init__(self, *args, units, find_employee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda unit: (
            "　" * max(unit.depth, 0) + unit.name
        )
        self.find_employee = find_employee
        self.employee = None

    def clean_number(self) -> str:
        number = self.cleaned_data["number"]
        self.employee = self.find_employee(number)
        if self.employee is None:
            raise ValidationError(
                _("No active employee %(number)s in the units you manage."),
                code="unknown",
                params={"number": number},
            )
        return number


class ListingForm(forms.Form):
    listed = forms.BooleanField(
        label=_("List me on my colleagues' care-worker map"),
        required=False,
        help_text=_("Colleagues of the units you cover then see your name, unit and contact."),
    )
    contact = forms.CharField(
        label=_("How colleagues reach me"),
        max_length=120,
        required=False,
        help_text=_("An extension, an office, a work e-mail."),
    )


class VolunteerForm(ListingForm):
    specialties = SPECIALTIES


class ApproveForm(forms.Form):
    term_start = RocDateField(label=_("Term begins"), required=False, help_text=_("Empty: today."))


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the term ends"),
        choices=[
            (CareWorker.EndReason.STEPPED_DOWN, CareWorker.EndReason.STEPPED_DOWN.label),
            (CareWorker.EndReason.LEFT, CareWorker.EndReason.LEFT.label),
            (CareWorker.EndReason.TERM_OVER, CareWorker.EndReason.TERM_OVER.label),
        ],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActivityForm(forms.Form):
    """A month's count of each of the six tasks for one unit: numbers only, no notes."""

    month = forms.TypedChoiceField(label=_("Month"), coerce=str)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)

    def __init__(self, *args, months, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]
        for key, label in CareActivity.Category.choices:
            self.fields[f"count_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=999, initial=0, required=False
            )

    def counts(self) -> dict[str, int]:
        return {
            key: self.cleaned_data.get(f"count_{key}") or 0 for key in CareActivity.Category.values
        }


class MeetingForm(forms.Form):
    starts_at = RocDateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=120)
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group's work (training, promotion, referral paths), never a colleague."),
    )


class MeetingRecordForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the group discussed and decided; no names of colleagues."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(invitation.pk), f"{invitation.care_worker.employee.name}")
            for invitation in invitations
        ]
