"""Forms of attendance and certificates. They only validate; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.events.attendance.models import Attendance
from anxin.events.attendance.services import normalise_code, seen_stamp


class TickForm(forms.Form):
    """One row of the facilitator's roster for one session (prefixed per registration)."""

    status = forms.ChoiceField(
        label=_("Attendance record"),
        choices=[("", _("Not recorded")), *Attendance.Status.choices],
        required=False,
    )
    minutes = forms.IntegerField(
        label=_("Minutes attended"), min_value=1, max_value=24 * 60, required=False
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, registration, attendance: Attendance | None, length: int, **kw):
        self.registration = registration
        self.length = length
        initial = {"seen": seen_stamp(attendance)}
        if attendance is not None:
            initial.update(status=attendance.status, minutes=attendance.minutes)
        super().__init__(*args, initial=initial, prefix=f"r{registration.pk}", **kw)

    def clean(self):
        data = super().clean()
        status, minutes = data.get("status"), data.get("minutes")
        if status in ("late", "partial") and minutes is None and "minutes" not in self.errors:
            self.add_error(
                "minutes",
                forms.ValidationError(
                    _("Enter the minutes attended for someone late or partly present."),
                    code="minutes_required",
                ),
            )
        elif status in ("late", "partial") and minutes is not None and minutes > self.length:
            self.add_error(
                "minutes",
                forms.ValidationError(
                    _("No more than the session's %(minutes)d minutes can be attended."),
                    code="minutes_too_many",
                    params={"minutes": self.length},
                ),
            )
        return data


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The twelve letters and digits printed on the certificate."),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A verification code has twelve letters and digits, such as ABCD-EFGH-JKMN."),
                code="invalid_code",
            )
        return code
