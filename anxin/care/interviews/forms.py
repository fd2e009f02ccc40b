"""The interviews' forms: they only validate (services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.care.interviews.services import ANSWER_MAX
from anxin.core.roc import RocDateField

NO_NAMES = _("Write without names: describe situations and groups, not people.")

# Ids and versions fit a 32-bit column on every database.
ID_MAX = 2**31 - 1


class ScheduleForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Agency"), coerce=int)
    scheduled_on = RocDateField(label=_("Date"))
    head_number = forms.CharField(
        label=_("Personnel head's employee number (optional)"),
        required=False,
        max_length=30,
        help_text=_("If he or she has an Anxin account, he or she is reminded a week before."),
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(agency.pk, agency.name) for agency in agencies]


class AnswersForm(forms.Form):
    stress = forms.CharField(
        label=_("Sources of work stress"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_NAMES,
    )
    adaptation = forms.CharField(
        label=_("New hires' adaptation"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_NAMES,
    )
    concerns = forms.CharField(
        label=_("Staff with poor performance or unusual signs"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_NAMES,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=ID_MAX)
