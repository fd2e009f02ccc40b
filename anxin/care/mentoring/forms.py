"""Mentoring's forms: they only validate (services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.care.mentoring.models import MentoringTalk
from anxin.care.mentoring.services import NOTE_MAX
from anxin.core.roc import RocDateField

# Ids and versions fit a 32-bit column on every database.
ID_MAX = 2**31 - 1


class MentorForm(forms.Form):
    number = forms.CharField(
        label=_("Employee number"),
        max_length=30,
        help_text=_(
            "A colleague who agreed to mentor; proposed once he or she completed the "
            "mentors' training (recorded by the events' attendance)."
        ),
    )


class ConfirmForm(forms.Form):
    mentee = forms.UUIDField(widget=forms.HiddenInput)
    mentor = forms.IntegerField(label=_("Mentor"), min_value=1, max_value=ID_MAX)


class ReassignForm(forms.Form):
    mentor = forms.IntegerField(label=_("Another mentor"), min_value=1, max_value=ID_MAX)


class TalkForm(forms.Form):
    held_on = RocDateField(label=_("Held on"))
    topic = forms.ChoiceField(
        label=pgettext_lazy("mentoring", "Topic"),
        choices=MentoringTalk.Topic.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=pgettext_lazy("mentoring", "Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the two of you read this note; hr never does."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=ID_MAX)
