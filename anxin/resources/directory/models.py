"""The resource directory (shaped like Open Referral's HSDS), its search and the care-resource
map.

HSDS names an organisation, the services it provides, the locations where it provides
them, each service's schedule, eligibility and taxonomy. Anxin keeps one location per
service (the seeds' resources have one place each) and the taxonomy as the plan's own:
a service area (`service_areas`) and a category of one of the plan's directory or map
collections (`resource_categories`: 003's four harassment categories, 004's resource
table, 003's care map). Every entry has an owner and a last-verified date, since stale
entries are the standing complaint of directories like this one (decision 0049).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["DirectoryMap", "OpeningHours", "Organisation", "Service"]


class Organisation(models.Model):
    """Who provides a service (HSDS organization): an agency's own office, a bureau, an
    association, a hospital."""

    authority = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    name = models.CharField(_("organisation"), max_length=200)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "name"], name="directory_organisation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One entry of the directory: a service of an organisation at one place (HSDS
    service, service_at_location and location in one row)."""

    authority = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    # The agency whose HR officers may edit the entry with the EAP administrator.
    agency = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency in charge"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    service_area = models.CharField(_("service area"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    eligibility = models.TextField(_("who may use it"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(_("district"), max_length=40, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("resource directory", "owner"),
    )
    last_verified = models.DateField(_("last verified"))
    reminded_on = models.DateField(_("owner last reminded"), null=True, blank=True)
    # What search reads: the entry's words as unigrams and bigrams of Han characters and
    # whole words otherwise (search.py), written by the services with the entry.
    search_tokens = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(latitude__isnull=True, longitude__isnull=True)
                    | Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="directory_service_both_coordinates",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_service_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_service_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "name"], name="directory_service_authority"),
            models.Index(fields=["last_verified"], name="directory_service_verified"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:directory_detail", args=[self.pk])

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class OpeningHours(models.Model):
    """A weekly opening (HSDS schedule): a weekday and the hours, with a note (the room,
    "West District office")."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="hours", verbose_name=_("service")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(pgettext_lazy("resource directory", "note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="directory_schedule_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class DirectoryMap(models.Model):
    """The care-resource map's tile source, set by the EAP administrator for the
    authority: agencies run closed networks, so Anxin assumes none (decision 0050)."""

    authority = models.OneToOneField(
        "people.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name=_("authority")
    )
    tile_url = models.CharField(
        _("tile address"),
        max_length=500,
        blank=True,
        help_text=_(
            "An address with {z}, {x} and {y}, e.g. https://tiles.example.gov.tw/{z}/{x}/{y}.png"
        ),
    )
    attribution = models.CharField(_("map attribution"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("care-resource map")
        verbose_name_plural = _("care-resource maps")

    def __str__(self) -> str:
        return self.tile_url or "-"
