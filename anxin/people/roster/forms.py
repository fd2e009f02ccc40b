"""The roster upload form: the file's kind and header row are checked on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.people import roster


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8 or Big5), XLSX or ODS, with the columns of the template."),
        error_messages={"required": _("Choose the roster file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )

    def clean_file(self):
        """Check the file kind and its header row now, so that a wrong file is answered on
        the form; the rows themselves are checked by the background task."""
        upload = self.cleaned_data["file"]
        if upload.size > roster.MAX_BYTES:
            raise forms.ValidationError(roster.message_for("too_big"), code="too_big")
        data = upload.read()
        try:
            roster.roster_parse(data, upload.name, first_only=True)
        except roster.RosterFileError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        return upload
