"""The outcome measure's form: one answer per item of the measure, and the consent
statement at the start. It only validates."""

from django import forms
from django.utils.translation import gettext_lazy as _

CONSENT_STATEMENT = _(
    "I agree to answer this questionnaire now and when my counselling ends. My answers are "
    "kept sealed in my case; only my counsellor and I can read them. The change between "
    "the two is added, without my name or my case, to a yearly count that shows only "
    "groups of people. I may withdraw at any time."
)


class OutcomeForm(forms.Form):
    def __init__(self, *args, definition, ask_consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        for item in definition.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text,
                choices=[(str(option.value), option.text) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer to this question.")},
            )
        if ask_consent:
            self.fields["consent"] = forms.BooleanField(
                label=CONSENT_STATEMENT,
                error_messages={"required": _("Please tick the statement to give your consent.")},
            )

    def answers(self) -> dict[str, int]:
        return {item.key: self.cleaned_data[item.key] for item in self.definition.items}

    def items(self):
        return [self[item.key] for item in self.definition.items]
