"""Management consultation and group counselling requests: a supervisor or HR asks, the
coordinator schedules and records the outcome, HR sees that it happened and how many
came, never who."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.roc import format_short
from anxin.counseling.providers import services
from anxin.counseling.providers.models import GroupRequest
from tests.base import give_role, make_user
from tests.counseling.providers_base import ProvidersTestCase

LIST = "/counselling/group-requests/"
NEW = "/counselling/group-requests/new/"


def roc(day) -> str:
    return format_short(day)


class GroupRequestTestCase(ProvidersTestCase):
    def ask_data(self, **overrides) -> dict:
        today = timezone.localdate()
        data = {
            "kind": "group",
            "topic": "critical_incident",
            "unit": self.unit.pk,
            "preferred_from": roc(today + timedelta(days=7)),
            "preferred_to": roc(today + timedelta(days=21)),
            "expected_participants": "12",
        }
        data.update(overrides)
        return data

    def ask(self, requester=None, role="supervisor") -> GroupRequest:
        today = timezone.localdate()
        return services.group_request_submit(
            requester=requester or self.supervisor, role=role, unit=self.unit, kind="group",
            topic="work_stress", preferred_from=today + timedelta(days=7),
            preferred_to=today + timedelta(days=21), expected_participants=12,
        )  # fmt: skip

    def schedule_data(self, item, **overrides) -> dict:
        day = timezone.localdate() + timedelta(days=10)
        data = {
            "day": roc(day), "time": "14:00", "place": "社會局 5 樓會議室",
            "counselor": self.counselor.pk, "provider": "", "version": item.version,
        }  # fmt: skip
        data.update(overrides)
        return data

    # --- asking -------------------------------------------------------------------------

    def test_it_takes_a_supervisors_request_and_tells_the_coordinator(self):
        """The coordinator's notification names no unit and no topic."""
        self.login(self.supervisor)
        response = self.client.post(NEW, self.ask_data())
        self.assertRedirects(response, LIST)
        item = GroupRequest.objects.get()
        self.assertEqual(
            (item.requested_by, item.unit, item.status), (self.supervisor, self.unit, "requested")
        )
        notes = Notification.objects.filter(recipient=self.intake, url=item.get_absolute_url())
        self.assertEqual(notes.count(), 1)
        note = notes.get()
        for word in (self.unit.name, self.agency.name, "critical", item.get_topic_display()):
            self.assertNotIn(str(word), note.subject + note.body)
        self.assertFalse(
            Notification.objects.filter(recipient=self.hr, url=item.get_absolute_url()).exists()
        )

    def test_it_takes_an_hr_officers_request_for_the_agency(self):
        self.login(self.hr)
        self.client.post(NEW, self.ask_data(unit=self.agency.pk, kind="management",
                                            expected_participants="1"))  # fmt: skip
        item = GroupRequest.objects.get()
        self.assertEqual((item.requested_as, item.kind), ("hr", "management"))

    def test_it_refuses_a_unit_outside_the_scope(self):
        self.login(self.hr)
        response = self.client.post(NEW, self.ask_data(unit=self.other_agency.pk))
        self.assertTrue(response.context["form"].has_error("unit", "invalid_choice"))
        self.assertFalse(GroupRequest.objects.exists())

    def test_it_keeps_what_was_typed_on_bad_input(self):
        """A period in the past and a group of one are refused; the figures stay."""
        self.login(self.supervisor)
        yesterday = timezone.localdate() - timedelta(days=1)
        response = self.client.post(
            NEW, self.ask_data(preferred_from=roc(yesterday), expected_participants="1")
        )
        form = response.context["form"]
        self.assertTrue(form.has_error("preferred_from", "past"))
        self.assertTrue(form.has_error("expected_participants", "too_few"))
        self.assertEqual(form.data["expected_participants"], "1")
        response = self.client.post(
            NEW,
            self.ask_data(preferred_to=roc(timezone.localdate() + timedelta(days=2)),
                          expected_participants="abc"),
        )  # fmt: skip
        form = response.context["form"]
        self.assertTrue(form.has_error("preferred_to", "order"))
        self.assertTrue(form.has_error("expected_participants", "invalid"))
        self.assertFalse(GroupRequest.objects.exists())

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.put(NEW).status_code, 405)
        for user in (self.intake, self.alice, self.counselor, self.eap_admin):
            self.login(user)
            self.assertEqual(self.client.get(NEW).status_code, 403, user)

    # --- who sees what ---------------------------------------------------------------------

    def test_it_shows_a_supervisor_only_his_own_requests(self):
        mine = self.ask()
        other_supervisor = make_user("othersup")
        give_role(other_supervisor, "supervisor", self.agency)
        theirs = self.ask(other_supervisor)
        self.login(self.supervisor)
        response = self.client.get(LIST)
        self.assertEqual(list(response.context["items"]), [mine])
        self.assertEqual(self.client.get(theirs.get_absolute_url()).status_code, 404)

    def test_it_hides_another_agencys_request_from_hr(self):
        other_hr = make_user("otherhr")
        give_role(other_hr, "hr", self.other_agency)
        item = self.ask()
        self.login(other_hr)
        self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 404)
        self.assertEqual(list(self.client.get(LIST).context["items"]), [])

    def test_it_refuses_an_outsider(self):
        item = self.ask()
        for user in (self.outsider, self.provider_admin, self.counselor):
            self.login(user)
            self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 403, user)

    def test_it_runs_a_fixed_number_of_queries(self):
        self.ask()
        self.login(self.intake)
        with CaptureQueriesContext(connection) as before:
            self.client.get(LIST)
        for _ in range(8):
            self.ask()
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(LIST)
        self.assertEqual(len(response.context["items"]), 9)
        self.assertEqual(len(after), len(before))

    # --- scheduling and the outcome ------------------------------------------------------------

    def test_it_runs_the_whole_flow(self):
        """Asked, scheduled with a counsellor, held with 9 present: the supervisor and HR
        see the status and the count; nobody's name is asked for."""
        item = self.ask()
        self.login(self.intake)
        response = self.client.post(f"{item.get_absolute_url()}schedule/", self.schedule_data(item))
        self.assertRedirects(response, item.get_absolute_url())
        item.refresh_from_db()
        self.assertEqual((item.status, item.counselor), ("scheduled", self.counselor))
        self.assertTrue(Notification.objects.filter(recipient=self.supervisor).exists())
        response = self.client.post(
            f"{item.get_absolute_url()}outcome/",
            {"held": "yes", "attendance": "9", "version": item.version},
        )
        self.assertRedirects(response, item.get_absolute_url())
        item.refresh_from_db()
        self.assertEqual((item.status, item.attendance), ("held", 9))
        for user in (self.supervisor, self.hr):
            self.login(user)
            page = self.client.get(item.get_absolute_url())
            self.assertEqual(page.status_code, 200)
            self.assertEqual(page.context["item"].attendance, 9)
            listed = self.client.get(LIST).context["items"]
            self.assertEqual([(i.status, i.attendance) for i in listed], [("held", 9)])
        # HR's page does not say who led it.
        self.assertNotContains(page, str(self.counselor))

    def test_it_schedules_with_a_provider(self):
        item = self.ask()
        self.login(self.intake)
        self.client.post(
            f"{item.get_absolute_url()}schedule/",
            self.schedule_data(item, counselor="", provider=self.provider.pk),
        )
        item.refresh_from_db()
        self.assertEqual((item.provider, item.counselor), (self.provider, None))

    def test_it_refuses_a_bad_schedule(self):
        """Both a counsellor and a provider, or neither, or a past time: refused, typed
        place kept."""
        item = self.ask()
        self.login(self.intake)
        url = f"{item.get_absolute_url()}schedule/"
        response = self.client.post(url, self.schedule_data(item, provider=self.provider.pk))
        self.assertTrue(response.context["form"].has_error("__all__", "one_leader"))
        self.assertContains(response, "社會局 5 樓會議室")
        past = roc(timezone.localdate() - timedelta(days=1))
        response = self.client.post(url, self.schedule_data(item, day=past))
        self.assertTrue(response.context["form"].has_error("day", "past"))
        item.refresh_from_db()
        self.assertEqual(item.status, "requested")

    def test_it_refuses_a_stale_schedule(self):
        item = self.ask()
        self.login(self.intake)
        url = f"{item.get_absolute_url()}schedule/"
        self.assertEqual(self.client.post(url, self.schedule_data(item)).status_code, 302)
        response = self.client.post(url, self.schedule_data(item, place="另一間"))
        self.assertTrue(response.context["form"].non_field_errors())
        item.refresh_from_db()
        self.assertEqual(item.place, "社會局 5 樓會議室")

    def test_it_needs_an_attendance_when_held(self):
        item = self.ask()
        self.login(self.intake)
        self.client.post(f"{item.get_absolute_url()}schedule/", self.schedule_data(item))
        item.refresh_from_db()
        url = f"{item.get_absolute_url()}outcome/"
        response = self.client.post(url, {"held": "yes", "attendance": "", "version": item.version})
        self.assertTrue(response.context["form"].has_error("attendance", "required"))
        response = self.client.post(
            url, {"held": "yes", "attendance": "0", "version": item.version}
        )
        self.assertTrue(response.context["form"].has_error("attendance", "min_value"))
        self.client.post(url, {"held": "no", "attendance": "", "version": item.version})
        item.refresh_from_db()
        self.assertEqual((item.status, item.attendance), ("not_held", None))

    def test_it_takes_no_outcome_before_scheduling(self):
        item = self.ask()
        self.login(self.intake)
        response = self.client.post(
            f"{item.get_absolute_url()}outcome/", {"held": "yes", "attendance": "3", "version": 1}
        )
        self.assertRedirects(response, item.get_absolute_url())
        item.refresh_from_db()
        self.assertEqual(item.status, "requested")

    def test_it_refuses_scheduling_to_others(self):
        item = self.ask()
        for user in (self.supervisor, self.hr, self.eap_admin):
            self.login(user)
            url = f"{item.get_absolute_url()}schedule/"
            self.assertEqual(self.client.post(url, self.schedule_data(item)).status_code, 403)
        self.login(self.intake)
        self.assertEqual(self.client.put(f"{item.get_absolute_url()}outcome/").status_code, 405)
