"""Forms for providers, rates and group requests: they only validate."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField
from anxin.counseling.models import Mode
from anxin.counseling.providers.models import ContractRate, GroupRequest, Provider

MAX_PARTICIPANTS = 500


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    contract_start = RocDateField(label=_("Contract starts"))
    contract_end = RocDateField(label=_("Contract ends"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, authority_id: int, provider: Provider | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.authority_id, self.provider = authority_id, provider

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Provider.objects.filter(authority_id=self.authority_id, name=name)
        if self.provider is not None:
            others = others.exclude(pk=self.provider.pk)
        if others.exists():
            raise ValidationError(_("A provider of this name already exists."), code="duplicate")
        return name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end < start:
            self.add_error(
                "contract_end",
                ValidationError(_("The contract cannot end before it starts."), code="order"),
            )
        return cleaned


class RateForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    hourly_rate = forms.IntegerField(
        label=_("Rate per hour (NT$)"),
        min_value=1,
        max_value=100000,
        error_messages={"min_value": _("A rate is at least NT$1 per hour.")},
    )
    valid_from = RocDateField(label=_("Valid from"))
    valid_to = RocDateField(
        label=_("Valid to"), required=False, help_text=_("Leave empty: until further notice.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, provider: Provider, rate: ContractRate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.provider, self.rate = provider, rate

    def clean(self):
        cleaned = super().clean()
        mode, start, end = cleaned.get("mode"), cleaned.get("valid_from"), cleaned.get("valid_to")
        if not (mode and start):
            return cleaned
        if end and end < start:
            self.add_error(
                "valid_to",
                ValidationError(_("A rate cannot end before it starts."), code="order"),
            )
            return cleaned
        others = self.provider.rates.filter(mode=mode)
        if self.rate is not None:
            others = others.exclude(pk=self.rate.pk)
        for other in others:
            if (other.valid_to is None or start <= other.valid_to) and (
                end is None or other.valid_from <= end
            ):
                raise ValidationError(
                    _("Another rate for this mode is in force during these dates."),
                    code="overlap",
                )
        return cleaned


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the people listed.")},
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class GroupRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you ask for?"), choices=GroupRequest.Kind.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=GroupRequest.Topic.choices)
    unit = forms.ModelChoiceField(
        label=_("For which unit"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the units listed.")},
    )
    preferred_from = RocDateField(label=_("Preferred period: from"))
    preferred_to = RocDateField(label=_("Preferred period: until"))
    expected_participants = forms.IntegerField(
        label=_("Expected number of participants"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        help_text=_("A number only: names of participants are never asked."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("preferred_from"), cleaned.get("preferred_to")
        if start and start < timezone.localdate():
            self.add_error(
                "preferred_from",
                ValidationError(_("The preferred period cannot start in the past."), "past"),
            )
        elif start and end and end < start:
            self.add_error(
                "preferred_to",
                ValidationError(_("The period cannot end before it starts."), code="order"),
            )
        count = cleaned.get("expected_participants")
        if cleaned.get("kind") == GroupRequest.Kind.GROUP and count is not None and count < 2:
            self.add_error(
                "expected_participants",
                ValidationError(_("A group session needs at least two participants."), "too_few"),
            )
        return cleaned


class ScheduleForm(forms.Form):
    day = RocDateField(label=_("Date"))
    time = RocTimeField(label=_("Time"), help_text=_("For example 14:30."))
    place = forms.CharField(label=_("Place"), max_length=200)
    counselor = forms.ModelChoiceField(
        label=_("Counsellor of the counselling room"),
        queryset=None,
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the counsellors listed.")},
    )
    provider = forms.ModelChoiceField(
        label=_("or an external provider"),
        queryset=None,
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the providers listed.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, counselors, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counselor"].queryset = counselors
        self.fields["provider"].queryset = providers

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("day"), cleaned.get("time")
        if day and time:
            when = timezone.make_aware(datetime.combine(day, time))
            if when < timezone.now():
                self.add_error("day", ValidationError(_("This time has passed."), code="past"))
            cleaned["scheduled_at"] = when
        counselor, provider = cleaned.get("counselor"), cleaned.get("provider")
        if (
            "counselor" in cleaned
            and "provider" in cleaned
            and (counselor is None) == (provider is None)
        ):
            raise ValidationError(
                _("Choose either a counsellor or an external provider, one of the two."),
                code="one_leader",
            )
        return cleaned


class OutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("yes", _("Held")), ("no", _("Not held"))],
        coerce=lambda value: value == "yes",
    )
    attendance = forms.IntegerField(
        label=_("Number of participants who attended"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        required=False,
        help_text=_("A number only: names are not recorded."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("held") and not cleaned.get("attendance") and "attendance" in cleaned:
            self.add_error(
                "attendance",
                ValidationError(_("Enter how many people attended."), code="required"),
            )
        return cleaned
