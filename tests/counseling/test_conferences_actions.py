"""The record of decisions (optimistic locking) and action items with owners, who mark
them done."""

from datetime import timedelta

from django.utils import timezone

from anxin.counseling.conferences import services
from anxin.counseling.conferences.models import CaseConference, ConferenceActionItem
from tests.counseling.conferences_base import ConferenceTestCase, roc


class DecisionsTestCase(ConferenceTestCase):
    def setUp(self):
        self.conference = self.make_conference(agree=True)
        self.url = f"{self.conference.get_absolute_url()}decisions/"

    def test_it_records_decisions_and_marks_the_conference_held(self):
        self.login(self.counselor)
        response = self.client.get(self.url)
        self.assertEqual(response.context["form"]["version"].value(), 1)
        response = self.client.post(self.url, {"decisions": "決議一", "version": "1"})
        self.assertRedirects(response, self.conference.get_absolute_url())
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.status, CaseConference.Status.HELD)
        self.assertEqual(self.conference.version, 2)
        self.assertContains(self.client.get(self.conference.get_absolute_url()), "決議一")

    def test_a_stale_edit_is_refused_and_keeps_what_was_typed(self):
        """Two people edit the decisions: the second save is refused, nothing lost."""
        services.conference_record_decisions(
            conference=self.conference, decisions="先存的", expected_version=1
        )
        self.login(self.counselor)
        response = self.client.post(self.url, {"decisions": "後存的", "version": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].non_field_errors())
        self.assertContains(response, "後存的")
        self.assertContains(self.client.get(self.conference.get_absolute_url()), "先存的")

    def test_only_the_counselling_side_keeps_the_record(self):
        """Unit head and personnel head read the decisions but do not edit them (404)."""
        for user in (self.hr, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404)
            self.client.post(self.url, {"decisions": "改掉", "version": "1"})
        self.conference.refresh_from_db()
        self.assertEqual(self.conference.version, 1)

    def test_it_refuses_the_wrong_method(self):
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.url).status_code, 405)


class ActionItemTestCase(ConferenceTestCase):
    def setUp(self):
        self.conference = self.make_conference(agree=True)
        self.add_url = f"{self.conference.get_absolute_url()}actions/new/"

    def post_item(self, **overrides):
        data = {
            "text": "職務再設計評估",
            "owner": str(self.hr.pk),
            "due_on": roc(timezone.localdate() + timedelta(days=14)),
        }
        data.update(overrides)
        return self.client.post(self.add_url, data)

    def done_url(self, item) -> str:
        return f"{self.conference.get_absolute_url()}actions/{item.uuid}/done/"

    def test_it_adds_an_item_that_its_owner_marks_done(self):
        self.login(self.counselor)
        self.assertRedirects(self.post_item(), self.conference.get_absolute_url())
        item = ConferenceActionItem.objects.get()
        self.assertEqual(item.owner, self.hr)
        self.assertTrue(item.text.startswith("anx1:"))
        self.login(self.hr)
        response = self.client.get(self.conference.get_absolute_url())
        self.assertContains(response, self.done_url(item))
        self.assertRedirects(
            self.client.post(self.done_url(item)), self.conference.get_absolute_url()
        )
        item.refresh_from_db()
        self.assertTrue(item.is_done)

    def test_only_the_owner_marks_it_done(self):
        """Another participant, or anyone else, gets 404."""
        item = services.action_item_add(
            conference=self.conference, text="x", owner=self.hr,
            due_on=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip
        for user in (self.supervisor, self.counselor, self.other_hr, self.auditor):
            self.login(user)
            self.assertEqual(self.client.post(self.done_url(item)).status_code, 404, user)
        item.refresh_from_db()
        self.assertFalse(item.is_done)

    def test_the_owner_is_a_participant(self):
        self.login(self.counselor)
        response = self.post_item(owner=str(self.other_hr.pk))
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["owner"][0].code, "unknown_participant")
        self.assertContains(response, "職務再設計評估")
        self.assertFalse(ConferenceActionItem.objects.exists())

    def test_the_due_date_is_not_in_the_past(self):
        self.login(self.counselor)
        response = self.post_item(due_on=roc(timezone.localdate() - timedelta(days=1)))
        self.assertEqual(response.context["form"].errors.as_data()["due_on"][0].code, "past")

    def test_no_item_before_consent(self):
        pending = self.make_conference()
        self.login(self.counselor)
        response = self.client.post(
            f"{pending.get_absolute_url()}actions/new/",
            {"text": "x", "owner": str(self.hr.pk), "due_on": roc(timezone.localdate())},
        )
        self.assertEqual(response.context["form"].errors.as_data()["__all__"][0].code, "no_consent")

    def test_it_refuses_the_wrong_method(self):
        item = services.action_item_add(
            conference=self.conference, text="x", owner=self.hr,
            due_on=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip
        self.login(self.hr)
        self.assertEqual(self.client.get(self.done_url(item)).status_code, 405)
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.add_url).status_code, 405)
