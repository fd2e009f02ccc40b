"""The dashboard's and the dossier's choices: they only validate."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.roc import roc_year
from anxin.reports.dashboard import definitions, localized
from anxin.reports.sources import DIMENSIONS

YEARS_BACK = 5


def _year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [
        (year, _("Year %(year)s") % {"year": roc_year(year)})
        for year in range(this_year, this_year - YEARS_BACK, -1)
    ]


def _section_choices() -> list[tuple[str, str]]:
    return [(section.key, localized(section.title)) for section in definitions()]


def _by_choices() -> list[tuple[str, str]]:
    used = dict.fromkeys(
        dimension
        for section in definitions()
        for indicator in section.indicators
        for dimension in indicator.by
    )
    return [(key, DIMENSIONS[key].title) for key in used]


class DashboardForm(forms.Form):
    section = forms.ChoiceField(label=_("Figures"), choices=_section_choices)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)
    period = forms.ChoiceField(
        label=pgettext_lazy("report period", "By"),
        choices=[
            ("month", pgettext_lazy("report period", "Month")),
            ("quarter", pgettext_lazy("report period", "Quarter")),
            ("year", pgettext_lazy("report period", "Year")),
        ],
    )
    by = forms.ChoiceField(label=_("Broken down by"), choices=_by_choices)
    unit = forms.TypedChoiceField(label=_("Organisation unit"), coerce=int, required=False)

    def __init__(self, *args, units: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units

    @classmethod
    def initial_data(cls) -> dict:
        return {
            "section": definitions()[0].key,
            "year": timezone.localdate().year,
            "period": "month",
            "by": "unit",
        }


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)


class ImprovementsForm(forms.Form):
    improvements = forms.CharField(
        label=_("Improvements for next year"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20000,
        help_text=_("What the programme will change next year in the light of these results."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
