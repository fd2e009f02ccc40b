"""Case-conference forms: they only validate; the views call services with what they clean."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField
from anxin.counseling.conferences.models import CaseConference

# 003 §伍.三.(一): why a conference is held, shown to the employee before he or she answers.
PURPOSE = _(
    "Your counsellor, the head of your unit and the head of your personnel office would "
    "meet to understand the situation together and to discuss how to support you, so that "
    "things can improve for you and for your workplace. The conference is held only if you "
    "agree. What is said there is kept confidential and only the participants can read its "
    "record. If you decline, the conference will not take place, and your counselling "
    "continues as before."
)

UNKNOWN_PARTICIPANT = _("Choose one of the people listed.")


def _choices(users) -> list[tuple]:
    return [("", "—")] + [(user.pk, user.display_name or user.get_username()) for user in users]


def _participant_field(label) -> forms.IntegerField:
    # A select whose options are set per case; an id outside them is refused in clean_*
    # with its own code rather than Django's generic "invalid_choice".
    return forms.IntegerField(label=label, widget=forms.Select)


def _check_participant(value: int | None, users) -> object:
    by_pk = {user.pk: user for user in users}
    if value not in by_pk:
        raise ValidationError(UNKNOWN_PARTICIPANT, code="unknown_participant")
    return by_pk[value]


class CaseCodeForm(forms.Form):
    """Which case: a coordinator types the code; the counsellor comes from the case page."""

    case = forms.CharField(label=_("Case code"), max_length=20)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_case(self):
        code = self.cleaned_data["case"].strip().upper()
        case = self.cases.filter(code=code).first()
        if case is None:
            raise ValidationError(_("No open case of yours has this code."), code="unknown_case")
        return case


class ConferenceForm(forms.Form):
    starts_on = RocDateField(label=_("Date"))
    starts_time = RocTimeField(label=_("Time"), help_text=_("For example 14:30."))
    place = forms.CharField(label=_("Place"), max_length=200)
    unit_head = _participant_field(_("Unit head"))
    personnel_head = _participant_field(_("Personnel head"))
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Sealed. The unit head and the personnel head can read it only after the "
            "employee has agreed."
        ),
    )

    def __init__(self, *args, unit_heads, personnel_heads, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_heads, self.personnel_heads = list(unit_heads), list(personnel_heads)
        self.fields["unit_head"].widget.choices = _choices(self.unit_heads)
        self.fields["personnel_head"].widget.choices = _choices(self.personnel_heads)

    def clean_unit_head(self):
        return _check_participant(self.cleaned_data["unit_head"], self.unit_heads)

    def clean_personnel_head(self):
        return _check_participant(self.cleaned_data["personnel_head"], self.personnel_heads)

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("starts_on"), cleaned.get("starts_time")
        if day and time:
            starts_at = timezone.make_aware(datetime.combine(day, time))
            if starts_at <= timezone.now():
                self.add_error(
                    "starts_on",
                    ValidationError(_("Choose a date and time in the future."), code="past"),
                )
            cleaned["starts_at"] = starts_at
        return cleaned


class ConsentForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            ("agree", _("I agree that this case conference is held")),
            ("decline", _("I do not agree")),
        ],
    )

    def __init__(self, *args, conference: CaseConference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference

    def clean(self):
        if self.conference.consent != CaseConference.Consent.PENDING:
            raise ValidationError(_("You have already answered."), code="answered")
        return super().clean()


class DecisionsForm(forms.Form):
    decisions = forms.CharField(
        label=_("Decisions"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, conference: CaseConference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference

    def clean(self):
        if not self.conference.is_agreed:
            raise ValidationError(
                _("The conference can be held only once the employee has agreed."),
                code="no_consent",
            )
        return super().clean()


class ActionItemForm(forms.Form):
    text = forms.CharField(
        label=_("What is to be done"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = _participant_field(_("Owner"))
    due_on = RocDateField(label=_("Due date"))

    def __init__(self, *args, conference: CaseConference, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.owners = [p.user for p in participants]
        self.fields["owner"].widget.choices = [("", "—")] + [
            (p.user.pk, f"{p.user.display_name or p.user.get_username()} ({p.get_role_display()})")
            for p in participants
        ]

    def clean_owner(self):
        return _check_participant(self.cleaned_data["owner"], self.owners)

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value < timezone.localdate():
            raise ValidationError(_("The due date cannot be in the past."), code="past")
        return value

    def clean(self):
        if not self.conference.is_agreed:
            raise ValidationError(
                _("The conference can be held only once the employee has agreed."),
                code="no_consent",
            )
        return super().clean()
