"""Forms of advice at fixed times: they only validate; services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField, format_long
from anxin.resources.advice.models import AdviceRule, AdviceSlot
from anxin.resources.advice.services import TOPIC_MAX


def slot_label(slot: AdviceSlot) -> str:
    local = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{format_long(local)} {local:%H:%M}–{end:%H:%M} {slot.place}"


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AdviceSlot) -> str:
        return slot_label(obj)


class BookForm(forms.Form):
    """The time among the service's slots (whether it is still free is the service's
    to say, so that a time taken a moment ago gets its own message) and the topic."""

    slot = SlotChoiceField(
        label=_("Time"),
        queryset=AdviceSlot.objects.none(),
        to_field_name="uuid",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a time."),
            "invalid_choice": _("Please choose one of the times listed."),
        },
    )
    topic = forms.CharField(
        label=_("What would you like advice on?"),
        max_length=TOPIC_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the adviser of this time can read it; each reading is logged and you can "
            "see it in 「誰讀取了我的資料」. A few words are enough."
        ),
        error_messages={"required": _("Please say in a few words what you would like advice on.")},
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = AdviceSlot.objects.filter(service=service)


class AdviserCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the employee"),
        max_length=300,
        help_text=_("Shown to the employee in Anxin. Do not repeat the topic here."),
        error_messages={"required": _("Please give the employee a reason for the cancellation.")},
    )


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Name of the service"), max_length=120)
    provider = forms.CharField(label=_("Provided by"), max_length=200, required=False)
    slot_minutes = forms.IntegerField(label=_("Minutes per slot"), min_value=5, max_value=240)
    advisers = forms.ModelMultipleChoiceField(
        label=_("Advisers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Accounts holding the counsellor role; they see this service's bookings and "
            "read their topics."
        ),
    )
    active = forms.BooleanField(label=_("Offered"), required=False)
    entry = forms.ModelChoiceField(
        label=_("Directory entry"),
        queryset=None,
        required=False,
        help_text=_(
            "The resource directory's entry of this service: employees read its place, "
            "accessibility and contact, and the entry offers to book a time."
        ),
    )

    def __init__(self, *args, advisers, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: (
            f"{entry.name}（{entry.organisation.name}）"
        )
        self.fields["advisers"].queryset = advisers
        self.fields["advisers"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class RuleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), choices=AdviceRule.Weekday.choices, coerce=int
    )
    start = RocTimeField(label=_("Start time"))
    end = RocTimeField(label=_("End time"))
    place = forms.CharField(label=_("Place"), max_length=200)


class ClosureForm(forms.Form):
    day = RocDateField(label=_("Day to close"))
    reason = forms.CharField(
        label=_("Reason (for staff)"),
        max_length=300,
        help_text=_(
            "Read by the EAP administrator and the advisers only. The employees whose times "
            "are cancelled are told that there is no advice on that day, not why."
        ),
        error_messages={"required": _("Please give a reason for closing the day (staff read it).")},
    )
