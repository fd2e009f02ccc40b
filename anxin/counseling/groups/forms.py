"""Forms of the group counselling pages. They only validate; the services write."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField

MAX_MEETINGS = 20


class GroupSessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the invited staff read before registering."),
    )
    audience_unit = forms.ModelChoiceField(
        label=_("Open to the staff of"),
        queryset=None,
        help_text=_("Staff of this unit and the units below it are invited and may register."),
        error_messages={"invalid_choice": _("Choose one of the units listed.")},
    )
    facilitator = forms.ModelChoiceField(
        label=_("Counsellor leading the group"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose one of the counsellors listed.")},
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=200, initial=12)
    day = RocDateField(label=_("Date of the first meeting"))
    time = RocTimeField(label=_("Starts at"), help_text=_("For example 14:30."))
    minutes = forms.IntegerField(
        label=_("Length of a meeting (minutes)"), min_value=15, max_value=480, initial=90
    )
    meetings = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=MAX_MEETINGS,
        initial=1,
        help_text=_("More than one: the same time every week."),
    )
    room = forms.ModelChoiceField(
        label=_("Counselling room"),
        queryset=None,
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the rooms listed.")},
    )
    place = forms.CharField(label=_("or another place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, counselors, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_unit"].queryset = units
        self.fields["facilitator"].queryset = counselors
        self.fields["room"].queryset = rooms

    def clean(self):
        data = super().clean()
        day, time, minutes = data.get("day"), data.get("time"), data.get("minutes")
        if day and time and minutes:
            first = timezone.make_aware(datetime.combine(day, time))
            if first <= timezone.now():
                self.add_error("day", ValidationError(_("This time has passed."), code="past"))
            length = timedelta(minutes=minutes)
            data["sessions"] = [
                (first + timedelta(weeks=n), first + timedelta(weeks=n) + length)
                for n in range(data.get("meetings") or 1)
            ]
        if data.get("room") and data.get("place"):
            self.add_error(
                "place",
                ValidationError(_("Choose a room or write a place, not both."), code="two_places"),
            )
        if not (data.get("room") or data.get("place") or data.get("online_link")) and not (
            self.errors
        ):
            raise ValidationError(
                _("Choose a room, write a place or give an online link."), code="no_place"
            )
        return data
