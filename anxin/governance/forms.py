"""The governance forms: they only validate."""

import zipfile
import zlib
from pathlib import PurePath

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


# The files a meeting keeps: by extension, the content type served and how the file's
# own bytes must begin (a renamed file of another kind is refused).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF, PNG, JPEG, ZIP = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04"
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", PDF),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", ZIP),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".png": ("image/png", PNG),
    ".jpg": ("image/jpeg", JPEG),
    ".jpeg": ("image/jpeg", JPEG),
}


def _package_is(upload, content_type: str) -> bool:
    """An OpenDocument file names its type in its `mimetype` entry; an Office Open XML
    file has a `[Content_Types].xml`. A package that cannot be read (broken, or with
    password-protected entries: RuntimeError; a compression zipfile lacks:
    NotImplementedError; a damaged stream: zlib.error) is not one."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if content_type.startswith("application/vnd.oasis"):
                return "mimetype" in names and package.read("mimetype").decode() == content_type
            return "[Content_Types].xml" in names
    except (
        zipfile.BadZipFile, UnicodeDecodeError, KeyError, RuntimeError, NotImplementedError,
        zlib.error, EOFError,
    ):  # fmt: skip
        return False
    finally:
        upload.seek(0)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    agenda_item = forms.ModelChoiceField(
        label=_("For the agenda item"), queryset=None, required=False
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG or JPEG, at most 10 MB."),
    )

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda

    def clean_file(self):
        return checked_document(self.cleaned_data["file"])


def checked_document(upload):
    """The upload if its size and its own bytes make it one of DOCUMENT_TYPES, with the
    type found in `detected_type` (the browser's is never used)."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
    known = DOCUMENT_TYPES.get(PurePath(upload.name).suffix.lower())
    head = upload.read(8)
    upload.seek(0)
    if (
        known is None
        or not head.startswith(known[1])
        or (known[1] == ZIP and not _package_is(upload, known[0]))
    ):
        raise forms.ValidationError(
            _("Upload a PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG or JPEG file."),
            code="file_type",
        )
    upload.detected_type = known[0]
    return upload


class DocumentReplaceForm(forms.Form):
    """A new version of one document: its title stays."""

    file = forms.FileField(
        label=_("New version of the file"),
        help_text=_("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG or JPEG, at most 10 MB."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_file(self):
        return checked_document(self.cleaned_data["file"])


class MemberTermForm(forms.Form):
    term_end = RocDateField(
        label=_("Term ends"),
        required=False,
        help_text=_("Leave it empty for a term without an end."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


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


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Progress note"), max_length=300)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


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
