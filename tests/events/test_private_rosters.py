"""Private rosters (DESIGN.md invariant 10, decision 0018): for every target group that a
preset marks `sensitive: true`, an event for it keeps its roster, attendance, waiting
list, lottery results, certificates and exports of names to the facilitator and each
member; hr and eap_admin of the authority get 404 there and counts on their own pages."""

import importlib
from datetime import timedelta
from decimal import Decimal

from django.apps import apps as django_apps
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.attendance import services as attendance
from anxin.events.models import Event, Registration, Season
from anxin.events.season import KIND_OF_FORMAT, UNEXPRESSED_CRITERIA, HalfYear, _audience
from anxin.people.services import orgunit_create
from anxin.plans.loader import load_preset, preset_slugs, read_preset
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plans_load
from tests.base import BaseTestCase, give_role, make_employee, make_user
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event

MEMBER = "林秀琴"


def sensitive_groups() -> list[tuple[str, dict]]:
    """(preset slug, target group) for every group a preset marks sensitive."""
    return [
        (slug, group)
        for slug in preset_slugs()
        for group in read_preset(slug).data.get("target_groups", [])
        if group.get("sensitive")
    ]


def naming_urls(event: Event, session_id: int, certificate) -> list[tuple[str, str, str]]:
    """(name, method, path) of every page and export that names an event's members."""
    e, s = [event.uuid], [event.uuid, session_id]
    return [
        ("roster", "get", reverse("events:roster", args=e)),
        ("attendance", "get", reverse("events:attendance", args=e)),
        ("attendance_record", "post", reverse("events:attendance_record", args=s)),
        ("check_in_qr", "get", reverse("events:check_in_qr", args=s)),
        ("check_in_rotate", "post", reverse("events:check_in_rotate", args=s)),
        *(
            (f"hours_export.{fmt}", "get", reverse("events:hours_export", args=[*e, fmt]))
            for fmt in ("ods", "xlsx", "csv")
        ),
        ("certificates_issue", "post", reverse("events:certificates_issue", args=e)),
        ("certificate_pdf", "get", reverse("events:certificate_pdf", args=[certificate.uuid])),
    ]


@override_settings(TASKS=IMMEDIATE_TASKS)
class SensitivePresetGroupTests(BaseTestCase):
    """Each preset with sensitive groups is loaded with its own authority, where an EAP
    administrator and an hr officer (scoped to the whole authority, the widest hr) organise
    and a care worker facilitates."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.groups = sensitive_groups()
        cls.places = {}
        for slug in sorted({slug for slug, _group in cls.groups}):
            plan = load_preset(slug)
            authority = plan.authority
            agency = orgunit_create(name=f"{slug} 局", kind="agency", parent=authority)
            people = {
                role: make_user(f"{slug}-{role}", display_name=f"{slug} {role}")
                for role in ("eap_admin", "hr", "care_worker")
            }
            for role, user in people.items():
                give_role(user, role, authority)
            member = make_user(f"{slug}-member")
            employee = make_employee(
                member,
                unit=agency,
                number=f"M-{slug}",
                name=MEMBER,
                birth_date=timezone.now().date().replace(year=1962),
            )
            cls.places[slug] = {"plan": plan, "authority": authority, "member": member,
                                "employee": employee, **people}  # fmt: skip

    def event_for(self, slug: str, group: dict, *, by_hand: bool) -> Event:
        """An event for `group`: as the season generator sets its audience, or (`by_hand`)
        an open audience that only names the plan's target group."""
        place = self.places[slug]
        plan: ProgramPlan = place["plan"]
        typed = plan.target_group(group["key"])
        series = next((s for s in typed.events if s.format in KIND_OF_FORMAT), None)
        kind = KIND_OF_FORMAT[series.format] if series else Event.Kind.WORKSHOP
        audience = {}
        expressible = not any(key in typed.criteria for key in UNEXPRESSED_CRITERIA)
        if not by_hand and series and expressible:
            audience = _audience(
                typed, series, HalfYear.of(timezone.localdate()), plan.staff_categories
            )
        return event_with_sessions(
            place["eap_admin"], place["authority"], [timezone.now() - timedelta(minutes=5)],
            minutes=180, facilitator=place["care_worker"], learning_hours=Decimal("3"),
            kind=kind, title=series.name if series else group["name"],
            target_group=group["key"], **audience,
        )  # fmt: skip

    def member_at(self, event: Event, slug: str):
        """The member registered (as the facilitator's roster would have it), ticked
        present, with a certificate."""
        registration = Registration.objects.create(
            event=event, employee=self.places[slug]["employee"], status="registered"
        )
        session = event.sessions.get()
        tick(registration, session, "present", actor=self.places[slug]["care_worker"])
        return session, attendance.certificate_issue(
            registration=registration, actor=self.places[slug]["care_worker"]
        )

    def test_there_are_sensitive_groups_to_try(self):
        """The presets mark groups sensitive (Taipei's age, disability, carers, new
        parents, away from home; Chiayi's special needs): the loop below is not empty."""
        keys = {(slug, group["key"]) for slug, group in self.groups}
        self.assertGreaterEqual(len(keys), 6)
        self.assertIn(("taipei-114", "older_staff"), keys)

    def test_every_page_naming_members_answers_404_to_hr_and_eap_admin(self):
        """For each sensitive group of each preset, generated or added by hand: the roster,
        attendance, ticks, QR pages, the three learning-hours exports, certificate issue
        and the certificate answer 404 to hr and eap_admin in scope; the facilitator sees
        the member's name; the event's roster is private."""
        closed = 0
        for slug, group in self.groups:
            for by_hand in (False, True):
                with self.subTest(preset=slug, group=group["key"], by_hand=by_hand):
                    event = self.event_for(slug, group, by_hand=by_hand)
                    self.assertTrue(event.private_roster)
                    self.assertTrue(event.is_sensitive)
                    session, certificate = self.member_at(event, slug)
                    urls = naming_urls(event, session.pk, certificate)
                    for role in ("hr", "eap_admin"):
                        self.login(self.places[slug][role])
                        for name, method, url in urls:
                            response = getattr(self.client, method)(url)
                            self.assertEqual(response.status_code, 404, (role, name))
                            closed += 1
                    self.login(self.places[slug]["care_worker"])
                    roster = self.client.get(urls[0][2])
                    self.assertContains(roster, MEMBER)
                    export = self.client.get(
                        reverse("events:hours_export", args=[event.uuid, "csv"])
                    )
                    self.assertIn(MEMBER, export.content.decode("utf-8-sig"))
                    self.assertNotIn(event.title, export.content.decode("utf-8-sig"))
        self.assertEqual(closed, len(self.groups) * 2 * 2 * 10)

    def test_organisers_see_counts_only(self):
        """hr and eap_admin see the event's counts (list, event page, attendance counts)
        with no name and no way to the roster; small counts show as "fewer than 5"."""
        for slug, group in self.groups:
            with self.subTest(preset=slug, group=group["key"]):
                event = self.event_for(slug, group, by_hand=True)
                self.member_at(event, slug)
                for role in ("hr", "eap_admin"):
                    self.login(self.places[slug][role])
                    for url in (
                        reverse("events:manage_list"),
                        reverse("events:manage_detail", args=[event.uuid]),
                        reverse("events:attendance_counts", args=[event.uuid]),
                    ):
                        response = self.client.get(url)
                        self.assertEqual(response.status_code, 200, (role, url))
                        self.assertNotContains(response, MEMBER)
                        self.assertNotContains(
                            response, reverse("events:roster", args=[event.uuid])
                        )
                    page = self.client.get(reverse("events:manage_detail", args=[event.uuid]))
                    self.assertContains(page, "少於 5")

    def test_the_member_sees_his_or_her_own_only(self):
        """The member opens the event and his or her certificate, but not the roster."""
        slug, group = self.groups[0]
        event = self.event_for(slug, group, by_hand=True)
        _session, certificate = self.member_at(event, slug)
        self.login(self.places[slug]["member"])
        self.assertEqual(
            self.client.get(reverse("events:certificate_pdf", args=[certificate.uuid])).status_code,
            200,
        )
        self.assertEqual(
            self.client.get(reverse("events:roster", args=[event.uuid])).status_code, 404
        )


class TaipeiAgeBandTests(BaseTestCase):
    """The finding of issue 10: hr in scope saw the roster of Taipei's 60+ and 55–59
    workshops, because only self-declared attributes counted as sensitive."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.facilitator = make_user("facilitator")
        give_role(cls.facilitator, "care_worker", cls.authority)
        give_role(cls.hr, "hr", cls.authority)

    def test_an_age_band_alone_makes_the_roster_private(self):
        """真·避風港 for 55 to 59, organised by hand without naming a target group: its
        roster answers 404 to hr and eap_admin and is the facilitator's."""
        for low, high in ((60, None), (55, 59)):
            with self.subTest(low=low, high=high):
                event = event_with_sessions(
                    self.eap_admin, self.authority, [timezone.now() + timedelta(days=9)],
                    facilitator=self.facilitator, title="真·避風港",
                    audience_age_min=low, audience_age_max=high,
                )  # fmt: skip
                url = reverse("events:roster", args=[event.uuid])
                for user in (self.hr, self.eap_admin):
                    self.login(user)
                    self.assertEqual(self.client.get(url).status_code, 404)
                self.login(self.facilitator)
                self.assertEqual(self.client.get(url).status_code, 200)
                self.assertTrue(event.private_roster)

    def test_an_open_talk_keeps_an_open_roster(self):
        """A talk for everyone stays open to its organisers: privacy is not blanket."""
        event = event_with_sessions(
            self.eap_admin, self.authority, [timezone.now() + timedelta(days=9)]
        )
        self.assertFalse(event.private_roster)
        self.login(self.hr)
        self.assertEqual(
            self.client.get(reverse("events:roster", args=[event.uuid])).status_code, 200
        )


def _create(client, **fields):
    data = {"kind": "workshop", "title": "照顧有力量", "capacity": 20, "learning_hours": "3"}
    data.update(fields)
    return client.post(reverse("events:create"), data)


@override_settings(TASKS=IMMEDIATE_TASKS)
class RosterChoiceTests(EventsTestCase):
    """The event form's roster choice: decided from the audience by default, private
    when it must be, never opened once people registered under a private roster."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        document = read_preset("taipei-114")
        document.data["authority"] = {"name": cls.authority.name, "code": cls.authority.code}
        cls.plan = plans_load(documents=[document])[0].plan

    def test_it_defaults_to_private_for_a_support_group_and_open_for_a_talk(self):
        """Not chosen: a support group's roster is private, a talk's is open."""
        self.login(self.hr)
        _create(self.client, kind="support_group", audience_unit=self.agency.pk)
        _create(self.client, kind="talk", title="職場溝通講座", audience_unit=self.agency.pk)
        self.assertTrue(Event.objects.get(kind="support_group").private_roster)
        self.assertFalse(Event.objects.get(kind="talk").private_roster)

    def test_it_refuses_opening_the_roster_of_an_age_band_with_a_message(self):
        """An audience of staff aged 60 and over with an open roster is refused on the
        roster choice, in Traditional Chinese, and nothing is saved."""
        self.login(self.hr)
        response = _create(
            self.client, roster="open", audience_unit=self.agency.pk, audience_age_min=60
        )
        self.assertEqual(response.status_code, 200)
        error = response.context["form"].errors.as_data()["roster"][0]
        self.assertEqual(error.code, "roster_must_be_private")
        self.assertContains(response, "依年齡")
        self.assertFalse(Event.objects.exists())

    def test_the_plans_target_group_honours_its_sensitive_flag(self):
        """The form offers the plan's target groups; naming Taipei's carers makes the
        roster private, and an open roster for them is refused."""
        self.login(self.hr)
        page = self.client.get(reverse("events:create"))
        self.assertContains(page, "家中有長期照護需求同仁")
        refused = _create(
            self.client, roster="open", target_group="carers", audience_unit=self.agency.pk
        )
        self.assertEqual(
            refused.context["form"].errors.as_data()["roster"][0].code, "roster_must_be_private"
        )
        _create(self.client, target_group="carers", audience_unit=self.agency.pk)
        self.assertTrue(Event.objects.get(target_group="carers").private_roster)

    def test_a_support_groups_roster_opens_only_before_anyone_registers(self):
        """The organiser may open a support group's roster while nobody has registered;
        once someone registered under the private roster, opening it is refused."""
        event = make_event(self.hr, self.agency, kind="support_group")
        self.assertTrue(event.private_roster)
        data = {f: getattr(event, f) for f in services.EDITABLE_FIELDS}
        services.event_update(
            event=event, data={**data, "private_roster": False}, expected_version=event.version
        )
        self.assertFalse(Event.objects.get(pk=event.pk).private_roster)
        event = make_event(self.hr, self.agency, kind="support_group", publish=True)
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        with self.assertRaises(Refused) as raised:
            services.event_update(
                event=event, data={**data, "private_roster": False}, expected_version=event.version
            )
        self.assertEqual(raised.exception.code, "roster_stays_private")
        self.assertTrue(Event.objects.get(pk=event.pk).private_roster)

    def test_an_edit_to_an_age_band_makes_the_roster_private(self):
        """An open talk edited to an age band, the roster choice left to the audience,
        becomes private."""
        event = make_event(self.hr, self.agency)
        self.assertFalse(event.private_roster)
        data = {f: getattr(event, f) for f in services.EDITABLE_FIELDS}
        services.event_update(
            event=event,
            data={**data, "private_roster": None, "audience_age_min": 55},
            expected_version=event.version,
        )
        self.assertTrue(Event.objects.get(pk=event.pk).private_roster)


class DataMigrationTests(EventsTestCase):
    """0005_private_rosters marks the existing events that should be private."""

    def test_it_marks_existing_events_that_reveal_a_personal_fact(self):
        """Age band, declared attributes, a support group and a season event of a
        sensitive plan group become private; an open talk and a season event of an open
        group stay open; the target group is recorded."""
        document = read_preset("taipei-114")
        document.data["authority"] = {"name": self.authority.name, "code": self.authority.code}
        plan = plans_load(documents=[document])[0].plan
        season = Season.objects.create(
            owner_unit=self.authority, plan=plan, year=2026, half=1, created_by=self.eap_admin
        )
        events = {
            "age": make_event(self.hr, self.agency, audience_age_min=60),
            "declared": make_event(self.hr, self.agency, audience_declared=["carer"]),
            "support": make_event(self.hr, self.agency, kind="support_group"),
            "talk": make_event(self.hr, self.agency, kind="talk"),
            "season_older": make_event(self.eap_admin, self.authority, title="自我探索 (2/4)"),
            "season_open": make_event(self.eap_admin, self.authority, title="新進人員研習班 (1/2)"),
        }
        Event.objects.filter(pk__in=[e.pk for e in events.values()]).update(
            private_roster=False, target_group=""
        )
        Event.objects.filter(title__contains="(").update(season=season)
        migration = importlib.import_module("anxin.events.migrations.0005_private_rosters")
        migration.mark_private_rosters(django_apps, None)
        private = {
            key: Event.objects.get(pk=event.pk).private_roster for key, event in events.items()
        }
        self.assertEqual(
            private,
            {"age": True, "declared": True, "support": True, "talk": False,
             "season_older": True, "season_open": False},
        )  # fmt: skip
        self.assertEqual(
            Event.objects.get(pk=events["season_older"].pk).target_group, "older_staff"
        )
        self.assertEqual(Event.objects.get(pk=events["season_open"].pk).target_group, "new_hires")


@override_settings(TASKS=IMMEDIATE_TASKS)
class QuietOutputsTests(AttendanceTestCase):
    """An age-band workshop (no self-declared attribute) keeps the promise everywhere a
    title could travel: invitation, calendar, QR page, verification page, export."""

    def setUp(self):
        self.now = timezone.now()
        self.event = event_with_sessions(
            self.eap_admin, self.authority, [self.now - timedelta(minutes=5)], minutes=180,
            facilitator=self.facilitator, learning_hours=Decimal("3"), title="真·避風港",
            audience_age_min=40,
        )  # fmt: skip
        self.session = self.event.sessions.get()
        self.registration = register(self.event, self.alice_employee, self.alice)

    def test_no_title_leaves_the_app(self):
        tick(self.registration, self.session, "present", actor=self.facilitator)
        certificate = attendance.certificate_issue(
            registration=self.registration, actor=self.facilitator
        )
        notes = Notification.objects.filter(recipient=self.alice, url__startswith="/events/")
        self.assertTrue(notes.exists())
        for note in notes:
            self.assertNotIn("真·避風港", note.subject + note.body)
        self.login(self.alice)
        ics = self.client.get(reverse("events:registration_ics", args=[self.event.uuid]))
        self.assertNotIn("真·避風港", ics.content.decode())
        self.login(self.outsider)
        token = attendance.check_in_code_for(self.session).token
        qr = self.client.get(reverse("events:check_in", args=[token]))
        self.assertNotContains(qr, "真·避風港")
        self.client.logout()
        verify = self.client.get(reverse("events:verify_code", args=[certificate.code]))
        self.assertContains(verify, certificate.number)
        self.assertNotContains(verify, "真·避風港")
        self.assertTrue(certificate.sensitive)
        self.login(self.facilitator)
        export = self.client.get(reverse("events:hours_export", args=[self.event.uuid, "csv"]))
        text = export.content.decode("utf-8-sig")
        self.assertIn("王小美", text)
        self.assertNotIn("真·避風港", text)
