"""Booking forms: they only validate; the views call services with what they clean.
Refusals the service finds under its locks (a slot taken a moment ago, an overlap that
appeared meanwhile) come back as errors with the same codes."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocTimeField, format_long
from anxin.counseling.booking import services
from anxin.counseling.booking.models import Slot
from anxin.counseling.models import Mode


def refusal(code: str) -> ValidationError:
    """A refusal the form finds before the service does, in the service's words."""
    return ValidationError(services.REFUSALS[code], code=code)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room name"), max_length=80)
    location = forms.CharField(
        label=_("Location"),
        max_length=200,
        help_text=_("Address, building and floor: shown to the employee and on reminders."),
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms = rooms

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.rooms.filter(name=name).exists():
            raise refusal("room_exists")
        return name


class SlotForm(forms.Form):
    day = RocDateField(label=_("Date"))
    start = RocTimeField(label=_("Start time"), help_text=_("For example 14:00."))
    end = RocTimeField(label=_("End time"), help_text=_("For example 15:00."))
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("Needed for a face-to-face session."),
        error_messages={"invalid_choice": _("Choose one of the rooms listed.")},
    )

    def __init__(self, *args, counselor, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.counselor = counselor
        self.fields["room"].queryset = rooms

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        mode, room = cleaned.get("mode"), cleaned.get("room")
        if mode == Mode.FACE_TO_FACE and not room:
            self.add_error("room", refusal("room_required"))
        if not (day and start and end):
            return cleaned
        starts_at = timezone.make_aware(datetime.combine(day, start))
        ends_at = timezone.make_aware(datetime.combine(day, end))
        if ends_at <= starts_at:
            self.add_error("end", refusal("order"))
            return cleaned
        if starts_at <= timezone.now():
            self.add_error("day", refusal("past"))
            return cleaned
        mine = Slot.objects.filter(counselor=self.counselor)
        if services.overlapping(mine, starts_at, ends_at).exists():
            self.add_error(None, refusal("overlap"))
        room_slots = room.slots.all() if mode == Mode.FACE_TO_FACE and room else None
        if room_slots is not None and services.overlapping(room_slots, starts_at, ends_at).exists():
            self.add_error("room", refusal("room_taken"))
        cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned


class BookForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=_("Time"),
        queryset=None,
        widget=forms.RadioSelect,
        to_field_name="uuid",
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": services.REFUSALS["taken"],
        },
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = slot_choice_label


def slot_choice_label(slot: Slot) -> str:
    local = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{format_long(local)} {local:%H:%M}–{end:%H:%M} · {services.place_of(slot)}"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the employee's quota ledger when you approve."),
        error_messages={"required": _("Write the reason for your decision.")},
    )


class LeaveSlipCheckForm(forms.Form):
    """A leave slip's date and verification code, as printed on it."""

    day = RocDateField(label=_("Date of the appointment"))
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("As printed on the slip, e.g. ABCD-EF23."),
    )


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("yes", _("Attended")), ("no", _("Did not come"))],
        coerce=lambda value: value == "yes",
    )
