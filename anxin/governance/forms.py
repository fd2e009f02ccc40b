"""The governance forms: they only validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField
from anxin.governance.models import Member, RewardProposal, WorkPlanItem


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, required=False)
    account = forms.ModelChoiceField(
        label=_("Committee account"),
        queryset=None,
        required=False,
        help_text=_("A person who signs in with the committee role; or type a name above."),
    )
    title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    position = forms.ChoiceField(label=_("Position"), choices=Member.Position.choices)
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)
    term_start = RocDateField(label=_("Term starts"))
    term_end = RocDateField(label=_("Term ends"), required=False)

    def __init__(self, *args, accounts, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["group"].queryset = groups

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("account"):
            raise forms.ValidationError(
                _("Choose a committee account or type the person's name."), code="no_person"
            )
        return data


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Meeting"), required=False)
    title = forms.CharField(label=_("Title"), max_length=160)
    held_on = RocDateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    reason = forms.CharField(
        label=_("Reason for the date"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed for a date outside the plan's window and for an extraordinary meeting."
        ),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Extraordinary meeting")), *[(k, k) for k in kinds]]


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    document = forms.CharField(
        label=_("Meeting document"),
        max_length=300,
        required=False,
        help_text=_("The document's title or its number in the records system."),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Meeting minutes"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Meeting decision"), max_length=500)
    proposed_by = forms.ModelChoiceField(
        label=_("Adopted proposal of"), queryset=None, required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = members


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action item"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = RocDateField(label=_("Due date"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class CloseForm(forms.Form):
    note = forms.CharField(label=_("How it was closed"), max_length=300)


class WorkPlanItemForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2200)
    aspect = forms.CharField(label=_("Aspect"), max_length=60)
    item = forms.CharField(label=_("Work item"), max_length=120)
    practice = forms.CharField(label=_("Practice"), widget=forms.Textarea(attrs={"rows": 3}))
    owner_unit = forms.ModelChoiceField(label=_("Owning unit"), queryset=None)
    target = forms.CharField(label=_("Target indicator"), max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units


class WorkPlanProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WorkPlanItem.Status.choices)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    events = forms.ModelMultipleChoiceField(label=_("Events held"), queryset=None, required=False)
    surveys = forms.ModelMultipleChoiceField(label=_("Surveys run"), queryset=None, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, events, surveys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = events
        self.fields["surveys"].queryset = surveys


class RewardForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2200)
    rule = forms.ChoiceField(label=_("Rule"), choices=RewardProposal.Rule.choices)
    name = forms.CharField(label=_("Name"), max_length=80)
    grounds = forms.CharField(label=_("Grounds"), max_length=300)
