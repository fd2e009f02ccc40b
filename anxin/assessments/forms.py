"""Forms of the self-tests: they only validate."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.assessments.definitions import Definition
from anxin.core.roc import roc_year


class SelfTestForm(forms.Form):
    """One required answer per item of `definition`, each one of the item's answers."""

    def __init__(self, *args, definition: Definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        for item in definition.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text,
                choices=[(str(option.value), option.text) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer to this question."),
                    "invalid_choice": _(
                        "“%(value)s” is not one of the answers to this question. "
                        "Please choose one of the answers shown."
                    ),
                },
            )

    def questions(self) -> list[dict]:
        """What the template walks: each item with its answers, which one is chosen, and
        its errors."""
        questions = []
        for item in self.definition.items:
            bound = self[item.key]
            chosen = str(bound.value()) if bound.value() not in (None, "") else None
            questions.append(
                {
                    "item": item,
                    "name": item.key,
                    "errors": bound.errors,
                    "options": [
                        {
                            "id": f"id_{item.key}_{index}",
                            "value": str(option.value),
                            "label": option.text,
                            "checked": chosen == str(option.value),
                        }
                        for index, option in enumerate(item.options)
                    ],
                }
            )
        return questions


def _year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [
        (year, _("ROC year %(roc)d (%(year)d)") % {"roc": roc_year(date(year, 1, 1)), "year": year})
        for year in range(this_year, this_year - 6, -1)
    ]


class PeriodForm(forms.Form):
    """The period of the aggregate: a year, and optionally one of its quarters."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=0,
        choices=[
            (0, _("Whole year")),
            (1, _("January–March")),
            (2, _("April–June")),
            (3, _("July–September")),
            (4, _("October–December")),
        ],
    )
