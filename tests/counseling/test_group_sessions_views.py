"""The group counselling pages: the coordinator schedules for a request, a counsellor
schedules his or her own group, bad input keeps what was typed, each page refuses the
wrong method and the outsider, and the list runs a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.counseling.providers.models import GroupRequest
from anxin.events import services as events
from anxin.events.models import Event
from tests.counseling.group_sessions_base import GroupSessionsTestCase, weekly
from tests.events.base import IMMEDIATE_TASKS


def form_data(**extra) -> dict:
    day = timezone.localdate() + timedelta(days=20)
    data = {
        "title": "團體諮商：工作壓力",
        "description": "",
        "capacity": 10,
        "day": day.isoformat(),
        "time": "15:00",
        "minutes": 90,
        "meetings": 2,
        "place": "第一科會議室",
    }
    data.update(extra)
    return data


@override_settings(TASKS=IMMEDIATE_TASKS)
class ScheduleViewTests(GroupSessionsTestCase):
    def test_the_coordinator_schedules_a_group_for_a_request(self):
        item = self.make_request()
        self.login(self.intake)
        url = reverse("counseling_groups:group_create") + f"?request={item.uuid}"
        page = self.client.get(url)
        self.assertEqual(page.context["form"].initial["capacity"], 8)
        response = self.client.post(
            url,
            form_data(audience_unit=self.unit.pk, facilitator=self.counselor.pk,
                      version=item.version),
        )  # fmt: skip
        event = Event.objects.get()
        self.assertRedirects(response, reverse("counseling_groups:group_detail", args=[event.uuid]))
        self.assertEqual(event.sessions.count(), 2)
        item.refresh_from_db()
        self.assertEqual(item.status, GroupRequest.Status.SCHEDULED)
        self.assertEqual(item.group_session.event, event)

    def test_the_request_page_offers_scheduling_as_a_group(self):
        item = self.make_request()
        self.login(self.intake)
        response = self.client.get(reverse("counseling:providers_group_detail", args=[item.uuid]))
        self.assertContains(
            response, f"{reverse('counseling_groups:group_create')}?request={item.uuid}"
        )

    def test_a_request_elsewhere_or_garbage_answers_404(self):
        item = self.make_request()
        self.login(self.counselor)  # counsellors do not see group requests
        url = reverse("counseling_groups:group_create")
        self.assertEqual(self.client.get(f"{url}?request={item.uuid}").status_code, 404)
        self.login(self.intake)
        self.assertEqual(self.client.get(f"{url}?request=not-a-uuid").status_code, 404)

    def test_a_counsellor_leads_the_group_he_schedules(self):
        """A counsellor may only name himself as the group's counsellor."""
        self.login(self.counselor)
        data = form_data(audience_unit=self.unit.pk, facilitator=self.other_counselor.pk)
        response = self.client.post(reverse("counseling_groups:group_create"), data)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["facilitator"][0].code, "invalid_choice")
        data["facilitator"] = self.counselor.pk
        self.client.post(reverse("counseling_groups:group_create"), data)
        self.assertEqual(Event.objects.get().facilitator, self.counselor)

    def test_bad_input_keeps_what_was_typed_and_saves_nothing(self):
        self.login(self.intake)
        past = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = self.client.post(
            reverse("counseling_groups:group_create"),
            form_data(day=past, audience_unit=self.unit.pk, facilitator=self.counselor.pk,
                      place="", title="我的團體"),
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["day"][0].code, "past")
        self.assertContains(response, "我的團體")
        self.assertFalse(Event.objects.exists())

    def test_it_asks_for_a_place(self):
        self.login(self.intake)
        response = self.client.post(
            reverse("counseling_groups:group_create"),
            form_data(place="", audience_unit=self.unit.pk, facilitator=self.counselor.pk),
        )
        self.assertEqual(response.context["form"].non_field_errors().as_data()[0].code, "no_place")
        self.assertFalse(Event.objects.exists())

    def test_other_roles_are_refused(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(reverse("counseling_groups:group_list")).status_code, 403)
        self.login(self.alice)
        self.assertEqual(
            self.client.get(reverse("counseling_groups:group_create")).status_code, 403
        )


@override_settings(TASKS=IMMEDIATE_TASKS)
class GroupPageTests(GroupSessionsTestCase):
    def test_the_facilitator_and_the_coordinator_see_counts_not_names(self):
        event = self.schedule()
        events.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        url = reverse("counseling_groups:group_detail", args=[event.uuid])
        for user in (self.counselor, self.intake):
            self.login(user)
            response = self.client.get(url)
            self.assertEqual(response.context["counts"]["registered_count"], 1)
            self.assertNotContains(response, "王小美")

    def test_another_counsellor_gets_404(self):
        event = self.schedule()
        self.login(self.other_counselor)
        url = reverse("counseling_groups:group_detail", args=[event.uuid])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(
                reverse("counseling_groups:group_outcome", args=[event.uuid])
            ).status_code,
            404,
        )

    def test_the_outcome_is_recorded_from_the_page(self):
        item = self.make_request()
        event = self.schedule(group_request=item, sessions=weekly(1, days_ahead=30))
        registration = events.registration_create(
            event=event, employee=self.alice_employee, actor=self.alice
        )
        events.registration_complete(registration=registration)
        event.sessions.update(
            starts_at=timezone.now() - timedelta(hours=3),
            ends_at=timezone.now() - timedelta(hours=1),
        )
        self.login(self.counselor)
        url = reverse("counseling_groups:group_outcome", args=[event.uuid])
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url, follow=True)
        self.assertContains(response, "出席 1 人")
        item.refresh_from_db()
        self.assertEqual((item.status, item.attendance), ("held", 1))

    def test_an_outcome_too_early_is_refused_with_a_message(self):
        item = self.make_request()
        event = self.schedule(group_request=item)
        self.login(self.intake)
        response = self.client.post(
            reverse("counseling_groups:group_outcome", args=[event.uuid]), follow=True
        )
        self.assertContains(response, "最後一次聚會結束後才能登錄辦理結果")
        item.refresh_from_db()
        self.assertEqual(item.status, GroupRequest.Status.SCHEDULED)

    def test_the_list_runs_a_fixed_number_of_queries(self):
        self.login(self.intake)
        counts = []
        for size in (2, 6):
            while Event.objects.count() < size:
                n = Event.objects.count()
                event = self.schedule(sessions=weekly(2, days_ahead=30 + 20 * n))
                events.registration_create(
                    event=event, employee=self.alice_employee, actor=self.alice
                )
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(reverse("counseling_groups:group_list"))
            self.assertEqual(len(response.context["events"]), size)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
