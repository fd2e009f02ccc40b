"""The organisation upload form: the file's kind and header row are checked on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.people import roster
from anxin.people.organisation.errors import message_for
from anxin.people.organisation.services import organisation_parse


class OrganisationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Organisation file"),
        help_text=_("CSV (UTF-8 or Big5), XLSX or ODS, with the columns of the template."),
        error_messages={"required": _("Choose the organisation file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > roster.MAX_BYTES:
            raise forms.ValidationError(message_for("too_big"), code="too_big")
        data = upload.read()
        try:
            organisation_parse(data, upload.name, first_only=True)
        except roster.RosterFileError as exc:
            raise forms.ValidationError(message_for(exc.code, exc.params), code=exc.code) from None
        return upload
