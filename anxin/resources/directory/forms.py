"""The directory's forms: they only validate (services write)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.resources.directory.columns import CATEGORY, ORGANISATION
from anxin.resources.directory.hours import parse_hours
from anxin.resources.directory.services import EntryData
from anxin.resources.directory.taxonomy import Taxonomy


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Service area"), required=False)
    category = forms.ChoiceField(
        label=CATEGORY,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    district = forms.CharField(label=_("District"), required=False, max_length=40)
    stale = forms.BooleanField(label=_("Only entries due for verification"), required=False)

    def __init__(self, *args, taxonomy: Taxonomy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All")), *taxonomy.areas]
        self.fields["category"].choices = [("", _("All")), *taxonomy.category_choices()[1:]]


class EntryForm(forms.Form):
    organisation = forms.CharField(label=ORGANISATION, max_length=200)
    name = forms.CharField(label=_("Service"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    service_area = forms.ChoiceField(label=_("Service area"), required=False)
    category = forms.ChoiceField(label=CATEGORY, required=False)
    eligibility = forms.CharField(
        label=_("Who may use it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hours = forms.CharField(
        label=_("Opening hours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One opening a line, e.g. 星期一 09:30-12:00 6樓第1會議室"),
    )
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=60)
    email = forms.EmailField(label=_("E-mail"), required=False)
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    district = forms.CharField(label=_("District"), required=False, max_length=40)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Step-free access, lifts, accessible toilets, sign language, parking."),
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("e.g. 華語、臺灣台語、客語、English"),
    )
    agency = forms.ModelChoiceField(label=_("Agency in charge"), queryset=None)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, taxonomy: Taxonomy, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = taxonomy.area_choices()
        self.fields["category"].choices = taxonomy.category_choices()
        self.fields["agency"].queryset = agencies
        self.openings = ()

    def clean_hours(self) -> str:
        text = self.cleaned_data["hours"]
        openings, errors = parse_hours(text)
        if errors:
            raise ValidationError(errors, code="hours")
        self.openings = tuple(openings)
        return text

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(
                _("Give both coordinates, latitude and longitude, or neither."), code="coordinates"
            )
        return cleaned

    def entry(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            organisation=data["organisation"].strip(),
            name=data["name"].strip(),
            description=data["description"],
            service_area=data["service_area"],
            category=data["category"],
            eligibility=data["eligibility"],
            phone=data["phone"],
            email=data["email"],
            url=data["url"],
            accessibility=data["accessibility"],
            languages=data["languages"],
            address=data["address"],
            district=data["district"].strip(),
            latitude=data["latitude"],
            longitude=data["longitude"],
            hours=self.openings,
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("JSON as the export writes it, ODS, XLSX or CSV.")
    )


class CareImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A public list of long-term-care facilities as CSV or ODS, with the columns "
            "機構名稱, 地址, 行政區, 緯度, 經度 (and 服務項目, 電話 where the list has them)."
        ),
    )


class MapSettingsForm(forms.Form):
    tile_url = forms.CharField(
        label=_("Tile address"),
        required=False,
        max_length=500,
        help_text=_(
            "An address with {z}, {x} and {y}, e.g. "
            "https://tiles.example.gov.tw/{z}/{x}/{y}.png. "
            "Empty: the map page lists the resources by district."
        ),
    )
    attribution = forms.CharField(label=_("Map attribution"), required=False, max_length=300)

    def clean_tile_url(self) -> str:
        url = self.cleaned_data["tile_url"].strip()
        if url and not all(part in url for part in ("{z}", "{x}", "{y}")):
            raise ValidationError(_("The address needs {z}, {x} and {y}."), code="tile_url")
        if url and not url.startswith(("https://", "http://", "/")):
            raise ValidationError(
                _("The address starts with https://, http:// or /."), code="tile_url"
            )
        return url


class PlaceForm(forms.Form):
    """Where the distances on the map page are measured from: a resource of the list or a
    point typed in."""

    near = forms.TypedChoiceField(
        label=pgettext_lazy("resource directory", "From"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    latitude = forms.DecimalField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["near"].choices = [
            ("", "—"),
            *((s.pk, f"{s.organisation.name} {s.name}") for s in places),
        ]

    def point(self, places) -> tuple[Decimal, Decimal] | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        if data.get("near"):
            place = next((s for s in places if s.pk == data["near"]), None)
            return (place.latitude, place.longitude) if place else None
        if data.get("latitude") is not None and data.get("longitude") is not None:
            return (data["latitude"], data["longitude"])
        return None
