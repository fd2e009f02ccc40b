from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.people.models import SensitiveDeclaration


class DeclarationForm(forms.Form):
    attributes = forms.MultipleChoiceField(
        label=_("Circumstances you choose to tell us about"),
        choices=SensitiveDeclaration.Attribute.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Anxin uses what I ticked, without showing it to anyone, to invite "
            "me to suitable workshops and support groups. I can change or withdraw this "
            "at any time."
        ),
        required=False,
        widget=forms.CheckboxInput(
            attrs={"class": "form-check-input", "aria-describedby": "consent-error"}
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attributes") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                forms.ValidationError(
                    _("Tick the consent box to keep what you declared, or untick every item."),
                    code="consent_required",
                ),
            )
        return cleaned
