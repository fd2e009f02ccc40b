"""Forms of consent, disclosure and referrals: they only validate."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, format_short
from anxin.counseling.consent.models import ConsentRecord, LegalProcess, Referral
from anxin.counseling.forms import ApplicationForm

MAX_SCAN_BYTES = 5 * 1024 * 1024
# A scan is a PDF or an image; recognised by its first bytes, not by its name.
SCAN_TYPES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)

SIGN_STATEMENT = _(
    "I agree that what is described above may be given to the person named, for the "
    "purpose stated, until the date shown. I know I can withdraw this consent at any "
    "time on this page, and that nothing already given can be taken back."
)


def _text(label, *, required=False, max_length=2000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsentForm(forms.Form):
    """A consent the counsellor drafts for the employee to sign in the app."""

    scope = forms.ChoiceField(label=_("What may be given"), choices=ConsentRecord.Scope.choices)
    scope_text = _text(_("What may be given, in detail (optional)"))
    recipient = forms.CharField(
        label=_("To whom"),
        max_length=120,
        help_text=_("The person or body, as it will be written on each disclosure."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentRecord.Purpose.choices)
    purpose_text = _text(_("Purpose, in detail (optional)"))
    valid_until = RocDateField(label=_("Valid until"))

    def clean_recipient(self):
        value = " ".join(self.cleaned_data["recipient"].split())
        if not value:
            raise ValidationError(_("Name the person or body."), code="required")
        return value

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value < timezone.localdate():
            raise ValidationError(_("A consent cannot end in the past."), code="past")
        return value

    def clean(self):
        cleaned = super().clean()
        for choice, text in (("scope", "scope_text"), ("purpose", "purpose_text")):
            if cleaned.get(choice) == "other" and not (cleaned.get(text) or "").strip():
                self.add_error(
                    text,
                    ValidationError(_("Describe it when you choose “Other”."), code="other"),
                )
        return cleaned


class ConsentScanForm(ConsentForm):
    """A consent signed on paper, recorded from its scan."""

    signed_on = RocDateField(label=_("Signed on"))
    scan = forms.FileField(
        label=_("Scan of the signed form"),
        help_text=_("A PDF, PNG or JPEG file of at most 5 MB."),
    )

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The signing date cannot be in the future."), code="future")
        return value

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        if upload.size > MAX_SCAN_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
        head = upload.read(8)
        upload.seek(0)
        for magic, content_type in SCAN_TYPES:
            if head.startswith(magic):
                upload.detected_type = content_type
                return upload
        raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="file_type")


class SignForm(forms.Form):
    accept = forms.BooleanField(
        label=SIGN_STATEMENT,
        error_messages={"required": _("Tick the box to sign this consent.")},
    )


class LegalProcessForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalProcess.Kind.choices)
    reference = forms.CharField(
        label=_("Document reference"),
        max_length=120,
        help_text=_("For example: 臺灣臺北地方法院114年度訴字第123號."),
    )
    issued_on = RocDateField(label=_("Issued on"))
    recipient = forms.CharField(
        label=_("To whom, as the document names"),
        max_length=120,
        help_text=_("Each disclosure under this legal process must name this recipient."),
    )
    scope = forms.ChoiceField(
        label=_("What the document requires to be given"),
        choices=ConsentRecord.Scope.choices,
        help_text=_("Each disclosure under this legal process must stay within it."),
    )
    notice_withheld_reason = forms.CharField(
        label=_("If the document forbids telling the employee: why"),
        required=False,
        max_length=300,
        help_text=_(
            "For example the article of law or the order's wording. Leave empty and the "
            "employee is told of each disclosure. Write no clinical detail."
        ),
    )
    details = _text(_("Details (optional)"))

    def clean_issued_on(self):
        value = self.cleaned_data["issued_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date of issue cannot be in the future."), code="future")
        return value

    def clean_recipient(self):
        value = " ".join(self.cleaned_data["recipient"].split())
        if not value:
            raise ValidationError(_("Name the person or body."), code="required")
        return value


class LegalDecisionForm(forms.Form):
    """The second person's confirmation of a legal process."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("Confirm: I have checked the document and what it names")),
            ("reject", _("Do not confirm")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you confirm it.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example where you saw the original document. No clinical detail."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CoordinatorLegalProcessForm(LegalProcessForm):
    """The coordinator names the case by its code."""

    case_code = forms.CharField(label=_("Case code"), max_length=20)
    field_order = [
        "case_code",
        "kind",
        "reference",
        "issued_on",
        "recipient",
        "scope",
        "notice_withheld_reason",
        "details",
    ]

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_case_code(self):
        code = self.cleaned_data["case_code"].strip().upper()
        case = self.cases.filter(code=code).first()
        if case is None:
            raise ValidationError(_("No case in your scope has this code."), code="unknown_case")
        self.cleaned_data["case"] = case
        return code


class _ConsentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ConsentRecord) -> str:
        return f"{obj.get_scope_display()} → {obj.recipient} ({format_short(obj.valid_until)})"


class _LegalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: LegalProcess) -> str:
        scope = obj.get_scope_display() or "—"
        return (
            f"{obj.get_kind_display()} · {obj.reference} · {scope} → {obj.recipient or '—'} "
            f"({obj.get_status_display()})"
        )


class _SessionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        local = timezone.localtime(obj.held_at)
        return f"{format_short(local.date())} {local:%H:%M}"


class DisclosureForm(forms.Form):
    consent = _ConsentChoice(label=_("Under the employee's consent"), queryset=None, required=False)
    legal_process = _LegalChoice(label=_("Or under a legal process"), queryset=None, required=False)
    scope = forms.ChoiceField(
        label=_("What was given"),
        choices=ConsentRecord.Scope.choices,
        help_text=_(
            "For attendance or the number of sessions Anxin writes what is given from the "
            "case: leave the details empty."
        ),
    )
    recipient = forms.CharField(label=_("To whom"), max_length=120)
    sessions = _SessionChoice(
        label=_("Session records given"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for “My session records”."),
    )
    details = _text(_("What was given, in detail"))

    def __init__(self, *args, consents, legal_processes, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        self.fields["legal_process"].queryset = legal_processes
        self.fields["sessions"].queryset = sessions

    def clean_recipient(self):
        return " ".join(self.cleaned_data["recipient"].split())

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("consent") or cleaned.get("legal_process")
        mistyped = self.has_error("consent") or self.has_error("legal_process")
        if not chosen and not mistyped:
            raise ValidationError(
                _(
                    "Nothing can be given without the employee's consent or a legal "
                    "process: choose one."
                ),
                code="no_basis",
            )
        if cleaned.get("consent") and cleaned.get("legal_process"):
            raise ValidationError(
                _("Choose either a consent or a legal process, not both."), code="two_bases"
            )
        return cleaned


class ReferralForm(forms.Form):
    employee_number = forms.CharField(label=_("Employee number"), max_length=30)
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Referral.Reason.choices,
        help_text=_("Choose a general reason only; write nothing about the person's health."),
    )

    def __init__(self, *args, lookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup = lookup

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        employee = self.lookup(number)
        if employee is None:
            raise ValidationError(
                _("No active employee in your scope has this number."), code="unknown_employee"
            )
        self.cleaned_data["employee"] = employee
        return number


class ReferralAgreeForm(ApplicationForm):
    """The employee's own application, and what the referrer may learn."""

    share = forms.ChoiceField(
        label=_("What may the person who referred you learn?"),
        choices=Referral.Share.choices,
        initial=Referral.Share.NOTHING,
        widget=forms.RadioSelect,
        help_text=_(
            "Never what you say in counselling. You can withdraw this later on “My consents”."
        ),
    )

    def application(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in (
                "concern",
                "urgency",
                "mode",
                "gender_preference",
                "contact_method",
                "contact_value",
                "details",
                "preferred_times",
            )
        }
