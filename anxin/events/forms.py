"""Forms of the events pages. They only validate; the services write."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField, RocDateTimeField
from anxin.events.halfyears import HalfYear
from anxin.events.models import Event
from anxin.people.models import Employee, OrgUnit, SensitiveDeclaration, User

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# The roster choice of the event form: decided from the audience (private when it must be
# and for a support group, anxin/events/privacy.py), or the organiser's.
ROSTER_AUTO, ROSTER_PRIVATE, ROSTER_OPEN = "auto", "private", "open"
ROSTER_CHOICES = [
    (
        ROSTER_AUTO,
        _("Decide from the audience (private for support groups and sensitive audiences)"),
    ),
    (ROSTER_PRIVATE, _("Private: the facilitator and each member only; organisers see counts")),
    (ROSTER_OPEN, _("Open to the organisers in scope")),
]
ROSTER_VALUES = {ROSTER_AUTO: None, ROSTER_PRIVATE: True, ROSTER_OPEN: False}


class EventForm(forms.ModelForm):
    audience_categories = forms.MultipleChoiceField(
        label=_("Staff categories"),
        choices=Employee.StaffCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every category."),
    )
    audience_declared = forms.MultipleChoiceField(
        label=_("Self-declared attributes"),
        choices=SensitiveDeclaration.Attribute.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Invite those who declared any of these. You will never see who matched: only "
            "how many were invited and registered. The roster is then the facilitator's only."
        ),
    )
    target_group = forms.ChoiceField(
        label=_("Target group of the plan"),
        required=False,
        help_text=_(
            "The plan's group of staff this event serves, if any. A group the plan marks as "
            "sensitive keeps the roster private."
        ),
    )
    roster = forms.ChoiceField(
        label=_("Roster"),
        choices=ROSTER_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial=ROSTER_AUTO,
        help_text=_(
            "A private roster, its attendance, certificates and exports of names are seen "
            "only by the facilitator and each member (for his or her own); organisers see "
            "counts. An audience by age or self-declared attributes, or a sensitive target "
            "group, always keeps it private; a support group does by default."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [
            "kind", "title", "description", "materials", "facilitator", "capacity",
            "learning_hours", "registration_closes_at", "prerequisite", "audience_unit",
            "audience_categories", "audience_age_min", "audience_age_max", "audience_age_on",
            "audience_months_hired_min", "audience_months_hired_max", "audience_declared",
            "allocation",
        ]  # fmt: skip
        # The browser's pickers send ISO; typed text (full-width, ROC) is read too.
        field_classes = {
            "registration_closes_at": RocDateTimeField,
            "audience_age_on": RocDateField,
        }
        widgets = {
            "registration_closes_at": DATETIME_WIDGET,
            "audience_age_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "materials": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "audience_age_on": _("Ages and months of service are reckoned on this day; "
                                 "by default the day of the first session."),
            "registration_closes_at": _("At the latest, registration closes when the first "
                                        "session starts."),
            "allocation": _("Under a lottery, everyone who registers before closing applies; "
                            "places are drawn by lot when registration closes."),
        }  # fmt: skip

    def __init__(self, *args, scope: OrgUnit, target_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [
            ("", _("None")),
            *((group.key, group.name) for group in target_groups),
        ]
        if self.instance.pk:
            self.fields["roster"].initial = (
                ROSTER_PRIVATE if self.instance.private_roster else ROSTER_OPEN
            )
            self.fields["target_group"].initial = self.instance.target_group
            keys = {key for key, _name in self.fields["target_group"].choices}
            if self.instance.target_group not in keys:
                # A group the plan in force no longer has: kept, so that saving works.
                self.fields["target_group"].choices.append(
                    (self.instance.target_group, self.instance.target_group)
                )
        authority_path = f"/{scope.root_id}/"
        self.fields["audience_unit"].queryset = OrgUnit.objects.filter(
            path__startswith=scope.path, is_active=True
        )
        self.fields["audience_unit"].initial = scope.pk
        self.fields["kind"].choices = [  # group counselling is scheduled by the counselling room
            c for c in self.fields["kind"].choices if c[0] != Event.Kind.GROUP_COUNSELLING
        ]
        self.fields["facilitator"].queryset = (
            User.objects.filter(
                Q(employee__unit__path__startswith=authority_path)
                | Q(role_assignments__scope__path__startswith=authority_path),
                is_active=True,
            )
            .distinct()
            .order_by("username")
        )
        prerequisites = Event.objects.filter(owner_unit__path__startswith=authority_path)
        if self.instance.pk:
            prerequisites = prerequisites.exclude(pk=self.instance.pk)
        self.fields["prerequisite"].queryset = prerequisites.order_by("title")
        # Not sent (an older form, a script): first come, first served.
        self.fields["allocation"].required = False

    def clean_allocation(self):
        return self.cleaned_data.get("allocation") or Event.Allocation.FIRST_COME

    def clean_roster(self) -> str:
        return self.cleaned_data.get("roster") or ROSTER_AUTO

    def clean(self):
        data = super().clean()
        low, high = data.get("audience_age_min"), data.get("audience_age_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "audience_age_max",
                forms.ValidationError(
                    _("The maximum age is below the minimum age."), code="age_band_inverted"
                ),
            )
        low, high = data.get("audience_months_hired_min"), data.get("audience_months_hired_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "audience_months_hired_max",
                forms.ValidationError(
                    _("The largest number of months is below the smallest."),
                    code="months_inverted",
                ),
            )
        if data.get("allocation") == Event.Allocation.LOTTERY and not data.get(
            "registration_closes_at"
        ):
            self.add_error(
                "registration_closes_at",
                forms.ValidationError(
                    _("A lottery needs a closing time for registration: the draw runs then."),
                    code="lottery_needs_closing",
                ),
            )
        # What the service reads: True, False, or None (decide from the audience).
        data["private_roster"] = ROSTER_VALUES[data.get("roster") or ROSTER_AUTO]
        return data


class SessionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    starts_at = RocDateTimeField(label=_("Starts"), widget=DATETIME_WIDGET)
    ends_at = RocDateTimeField(label=_("Ends"), widget=DATETIME_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends_at",
                forms.ValidationError(
                    _("A session must end after it starts."), code="session_ends_before_start"
                ),
            )
        if not data.get("place") and not data.get("online_link") and not self.errors:
            raise forms.ValidationError(
                _("Give a place or an online link."), code="place_or_link_missing"
            )
        return data


class PublishForm(forms.Form):
    confirm_empty = forms.BooleanField(
        label=_("Publish even though the audience matches nobody at the moment"), required=False
    )
    # The event's version when the page was opened: a publication over a change made
    # since is refused (invariant 11).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionForm(forms.Form):
    """A button that changes an event (remove a session): the version it was shown at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EventCancelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown to everyone registered, waiting or applied. For an ordinary event it is "
            "also in the e-mail they receive; for a sensitive audience only on the event page."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                _("Give the reason: the people registered will read it."), code="reason_missing"
            )
        return reason


def half_year_choices(today) -> list[tuple[str, str]]:
    """This half-year and the next three."""
    half = HalfYear.of(today)
    choices = []
    for _n in range(4):
        choices.append((half.key, half.label))
        half = half.next()
    return choices


class SeasonGenerateForm(forms.Form):
    half_year = forms.ChoiceField(label=_("Half-year"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_(
            "Where the events are held, e.g. the counselling room's group room. Proposed "
            "dates avoid what is booked there already; you can change each session later."
        ),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["half_year"].choices = half_year_choices(today)
        self.fields["half_year"].initial = self.fields["half_year"].choices[1][0]


class SeasonPublishForm(forms.Form):
    confirm_empty = forms.BooleanField(
        label=_("Publish also the events whose audience matches nobody at the moment"),
        required=False,
    )
