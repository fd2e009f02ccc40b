"""The outreach forms: an import's upload (the file's kind and header row checked on the
form) and the employee's own setting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.care.outreach.errors import message_for
from anxin.care.outreach.importing import outreach_parse
from anxin.people import roster


class OutreachUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8 or Big5), XLSX or ODS, with the columns of the template."),
        error_messages={"required": _("Choose the file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > roster.MAX_BYTES:
            raise forms.ValidationError(message_for("too_big"), code="too_big")
        try:
            outreach_parse(upload.read(), upload.name, kind=self.kind, first_only=True)
        except roster.RosterFileError as exc:
            raise forms.ValidationError(message_for(exc.code, exc.params), code=exc.code) from None
        return upload


class OutreachPreferenceForm(forms.Form):
    messages_on = forms.BooleanField(
        label=_("Send me the programme's messages of care"),
        help_text=_(
            "Now and then Anxin sends you, and only you, what the employee assistance "
            "programme offers. Untick to receive no more of these messages."
        ),
        required=False,
    )
