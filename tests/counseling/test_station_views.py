"""The e-mail station's pages: writing (anonymous or signed in), the private link, the
coordinator's inbox and assignment, the counsellor's conversation and reply."""

import uuid
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.counseling.station import services
from anxin.counseling.station.models import StationMessage, StationThread
from tests.base import give_role, make_user
from tests.counseling.station_base import StationTestCase, now_at

WRITE = "/counselling/station/write/"
SENT = "/counselling/station/sent/"
INBOX = "/counselling/station/inbox/"


def codes(response, field="body") -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


def non_field(response) -> list[str]:
    return [str(error.message) for error in response.context["form"].non_field_errors().data]


class AnonymousWriterTestCase(StationTestCase):
    def test_it_offers_the_plans_with_a_station(self):
        """An anonymous visitor chooses among plans with an e-mail station in force."""
        response = self.client.get(WRITE)
        self.assertEqual(response.status_code, 200)
        choices = dict(response.context["form"].fields["plan"].choices)
        self.assertIn(self.plan.slug, choices)

    def test_it_gives_the_private_link_once_and_the_link_works(self):
        """After sending, the sent page shows the link once; the link shows the
        conversation and takes a further message."""
        response = self.client.post(WRITE, {"plan": self.plan.slug, "body": "我最近很焦慮"})
        self.assertRedirects(response, SENT, fetch_redirect_response=False)
        thread = StationThread.objects.get()
        self.assertIsNone(thread.employee)
        link = self.client.get(SENT).context["link"]
        self.assertRedirects(self.client.get(SENT), WRITE, fetch_redirect_response=False)
        path = link.removeprefix("http://testserver")
        self.assertEqual(services.thread_by_token(path.split("/")[-2]), thread)
        page = self.client.get(path)
        self.assertContains(page, "我最近很焦慮")
        response = self.client.post(path, {"body": "補充一下"})
        self.assertRedirects(response, path, fetch_redirect_response=False)
        self.assertEqual(thread.messages.count(), 2)

    def test_it_answers_404_to_a_wrong_token(self):
        self.start()
        for token in ["wrong", "x" * 43, uuid.uuid4().hex]:
            response = self.client.get(f"/counselling/station/t/{token}/")
            self.assertEqual(response.status_code, 404)

    def test_it_shows_each_link_only_its_own_thread(self):
        """Nothing else reaches a thread: another thread's link shows only that thread."""
        _first, token = self.start(body="第一封 marker-a")
        self.start(body="第二封 marker-b")
        response = self.client.get(f"/counselling/station/t/{token}/")
        self.assertContains(response, "marker-a")
        self.assertNotContains(response, "marker-b")

    def test_it_logs_the_writers_reads_against_the_thread(self):
        thread, token = self.start()
        before = AccessLog.objects.count()
        self.client.get(f"/counselling/station/t/{token}/")
        self.assertEqual(AccessLog.objects.count(), before + 1)
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual(row.subject_uuid, thread.uuid)
        self.assertEqual(row.purpose, "self_view")

    def test_it_never_names_a_signed_in_holder_of_the_link(self):
        """Through the private link, neither the new message nor the access log names
        the person who happens to be signed in."""
        thread, token = self.start()
        self.login(self.alice)
        self.client.post(f"/counselling/station/t/{token}/", {"body": "再補充"})
        self.assertIsNone(thread.messages.order_by("-pk").first().author)
        self.client.get(f"/counselling/station/t/{token}/")
        row = AccessLog.objects.order_by("-id").first()
        self.assertIsNone(row.actor)
        self.assertEqual(row.subject_uuid, thread.uuid)

    def test_it_refuses_an_empty_message_and_keeps_the_choice(self):
        response = self.client.post(WRITE, {"plan": self.plan.slug, "body": "   "})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(codes(response), ["required"])
        self.assertEqual(response.context["form"]["plan"].value(), self.plan.slug)
        self.assertFalse(StationThread.objects.exists())

    def test_it_refuses_a_message_too_long_and_keeps_what_was_typed(self):
        text = "長" * (services.MAX_MESSAGE_LENGTH + 1)
        response = self.client.post(WRITE, {"plan": self.plan.slug, "body": text})
        self.assertEqual(codes(response), ["max_length"])
        self.assertContains(response, text)
        self.assertFalse(StationThread.objects.exists())

    def test_it_refuses_a_message_without_a_plan(self):
        response = self.client.post(WRITE, {"body": "hello"})
        self.assertEqual(codes(response, "plan"), ["required"])
        self.assertContains(response, "hello")

    def test_it_refuses_a_closed_thread_and_keeps_what_was_typed(self):
        thread, token = self.start()
        services.thread_close(thread=thread, expected_version=now_at(thread))
        response = self.client.post(f"/counselling/station/t/{token}/", {"body": "再寫一封"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(non_field(response))
        self.assertContains(response, "再寫一封")
        self.assertEqual(thread.messages.count(), 1)

    def test_it_answers_405_to_another_method(self):
        self.assertEqual(self.client.put(WRITE).status_code, 405)
        self.assertEqual(self.client.post(SENT).status_code, 405)


class SignedInWriterTestCase(StationTestCase):
    def test_it_writes_to_the_employees_own_plan_and_lists_the_thread(self):
        self.login(self.alice)
        response = self.client.get(WRITE)
        self.assertNotIn("plan", response.context["form"].fields)
        response = self.client.post(WRITE, {"body": "主管給的壓力很大"})
        thread = StationThread.objects.get()
        self.assertEqual(thread.employee, self.alice_employee)
        self.assertEqual(thread.plan, self.plan)
        self.assertRedirects(response, f"/counselling/station/mine/{thread.uuid}/")
        listing = self.client.get("/counselling/station/mine/")
        self.assertContains(listing, f"/counselling/station/mine/{thread.uuid}/")
        self.assertContains(
            self.client.get(f"/counselling/station/mine/{thread.uuid}/"), "主管給的壓力很大"
        )

    def test_it_refuses_another_employees_thread(self):
        """The outsider reaches neither Alice's thread nor its list entry."""
        thread, _token = self.start(employee=self.alice_employee, body="marker-9931")
        self.login(self.outsider)
        response = self.client.get(f"/counselling/station/mine/{thread.uuid}/")
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(self.client.get("/counselling/station/mine/"), "marker-9931")

    def test_it_refuses_a_staff_role(self):
        self.login(self.counselor)
        self.assertEqual(self.client.get(WRITE).status_code, 403)


class InboxTestCase(StationTestCase):
    def test_it_orders_risk_first_then_overdue_then_soonest_due(self):
        now = timezone.now()
        later, _t = self.start(now=now)
        sooner, _t = self.start(now=now - timedelta(days=2))
        overdue, _t = self.start(now=now - timedelta(days=10))
        risky, _t = self.start(now=now, body="我想死")
        answered, _t = self.assigned()
        services.thread_reply(
            thread=answered,
            counselor=self.counselor,
            body="回覆",
            expected_version=now_at(answered),
        )
        self.login(self.intake)
        response = self.client.get(INBOX)
        self.assertEqual(
            [item.pk for item in response.context["items"]],
            [risky.pk, overdue.pk, sooner.pk, later.pk, answered.pk],
        )

    def test_it_shows_metadata_and_no_message(self):
        """The coordinator sees received, due and flag, never the text, and no read is
        logged."""
        self.start(body="marker-4410 我想死")
        self.login(self.intake)
        before = AccessLog.objects.count()
        response = self.client.get(INBOX)
        self.assertNotContains(response, "marker-4410")
        thread = StationThread.objects.get()
        detail = self.client.get(f"/counselling/station/inbox/{thread.uuid}/")
        self.assertNotContains(detail, "marker-4410")
        self.assertEqual(AccessLog.objects.count(), before)

    def test_it_keeps_the_inbox_to_a_fixed_number_of_queries(self):
        self.login(self.intake)
        self.start()
        with CaptureQueriesContext(connection) as few:
            self.client.get(INBOX)
        for _ in range(4):
            self.assigned()
        with CaptureQueriesContext(connection) as many:
            self.client.get(INBOX)
        self.assertEqual(len(few), len(many))

    def test_it_assigns_a_thread_to_a_counsellor(self):
        thread, _token = self.start()
        self.login(self.intake)
        response = self.client.post(
            f"/counselling/station/inbox/{thread.uuid}/",
            {"counselor": self.counselor.pk, "version": now_at(thread)},
        )
        self.assertRedirects(response, INBOX)
        thread.refresh_from_db()
        self.assertEqual(thread.counselor, self.counselor)

    def test_it_refuses_an_unknown_counsellor(self):
        thread, _token = self.start()
        self.login(self.intake)
        response = self.client.post(
            f"/counselling/station/inbox/{thread.uuid}/",
            {"counselor": self.hr.pk, "version": now_at(thread)},
        )
        self.assertEqual(codes(response, "counselor"), ["invalid_choice"])

    def test_it_hides_threads_outside_the_coordinators_scope(self):
        """A coordinator of another agency sees neither Alice's thread nor anonymous ones
        of the authority."""
        other = make_user("intake-other")
        give_role(other, "intake", self.other_agency)
        own, _token = self.start(employee=self.alice_employee)
        anonymous, _token = self.start()
        self.login(other)
        self.assertEqual(list(self.client.get(INBOX).context["items"]), [])
        for thread in (own, anonymous):
            response = self.client.get(f"/counselling/station/inbox/{thread.uuid}/")
            self.assertEqual(response.status_code, 404)

    def test_it_refuses_another_role(self):
        self.login(self.counselor)
        self.assertEqual(self.client.get(INBOX).status_code, 403)


class CounselorTestCase(StationTestCase):
    def test_it_shows_the_thread_and_replies(self):
        thread, token = self.assigned(body="最近壓力大")
        self.login(self.counselor)
        self.assertContains(self.client.get(thread.get_absolute_url()), "最近壓力大")
        response = self.client.post(
            thread.get_absolute_url(), {"body": "謝謝你的來信", "version": now_at(thread)}
        )
        self.assertRedirects(response, thread.get_absolute_url())
        reply = thread.messages.get(side=StationMessage.Side.COUNSELOR)
        self.assertEqual(reply.author, self.counselor)
        self.client.logout()
        self.assertContains(self.client.get(f"/counselling/station/t/{token}/"), "謝謝你的來信")

    def test_it_shows_the_crisis_protocol_on_a_flagged_thread(self):
        flagged, _token = self.assigned(body="我活不下去了")
        plain, _token = self.assigned(body="工作很累")
        self.login(self.counselor)
        response = self.client.get(flagged.get_absolute_url())
        self.assertContains(response, 'id="crisis-heading"')
        for line in self.plan.crisis_lines:
            self.assertContains(response, line.number)
        self.assertNotContains(self.client.get(plain.get_absolute_url()), 'id="crisis-heading"')

    def test_it_refuses_a_reply_to_a_closed_thread_and_keeps_the_text(self):
        thread, _token = self.assigned()
        self.login(self.counselor)
        version = now_at(thread)
        response = self.client.post(f"{thread.get_absolute_url()}close/", {"version": version})
        self.assertRedirects(response, "/counselling/station/threads/")
        response = self.client.post(
            thread.get_absolute_url(), {"body": "遲來的回覆", "version": version}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(non_field(response))
        self.assertContains(response, "遲來的回覆")
        self.assertFalse(thread.messages.filter(side=StationMessage.Side.COUNSELOR).exists())

    def test_it_refuses_an_empty_reply(self):
        thread, _token = self.assigned()
        self.login(self.counselor)
        response = self.client.post(
            thread.get_absolute_url(), {"body": "", "version": now_at(thread)}
        )
        self.assertEqual(codes(response), ["required"])

    def test_it_logs_each_read_of_the_page(self):
        thread, _token = self.assigned(employee=self.alice_employee)
        services.thread_write_again(thread=thread, body="再補充")
        self.login(self.counselor)
        before = AccessLog.objects.count()
        self.client.get(thread.get_absolute_url())
        self.assertEqual(AccessLog.objects.count(), before + 2)
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual((row.actor, row.subject_uuid), (self.counselor, self.alice_employee.uuid))

    def test_it_lists_only_the_counsellors_own_threads(self):
        mine, _token = self.assigned()
        other, _token = self.assigned(counselor=self.counselor2)
        self.login(self.counselor)
        items = list(self.client.get("/counselling/station/threads/").context["items"])
        self.assertEqual(items, [mine])
        self.assertEqual(self.client.get(other.get_absolute_url()).status_code, 404)

    def test_it_answers_405_to_a_get_on_close(self):
        thread, _token = self.assigned()
        self.login(self.counselor)
        self.assertEqual(self.client.get(f"{thread.get_absolute_url()}close/").status_code, 405)


class InvariantTestCase(StationTestCase):
    def test_it_refuses_a_message_to_everyone_but_its_counsellor(self):
        """HR, the supervisor, a care worker, another counsellor, the sysadmin (the admin
        site too) and the auditor never see a station message; no read is logged as
        granted for them."""
        marker = f"CANARY-{uuid.uuid4().hex}"
        thread, _token = self.assigned(employee=self.alice_employee, body=marker)
        care_worker = make_user("care")
        give_role(care_worker, "care_worker", self.authority)
        paths = [
            thread.get_absolute_url(),
            f"/counselling/station/mine/{thread.uuid}/",
            f"/counselling/station/inbox/{thread.uuid}/",
            INBOX,
            "/counselling/station/threads/",
            "/counselling/station/mine/",
            "/admin/",
            "/admin/counseling/",
        ]
        before = AccessLog.objects.filter(outcome="granted").count()
        for user in [
            self.hr, self.supervisor, care_worker, self.counselor2, self.sysadmin, self.auditor,
        ]:  # fmt: skip
            self.login(user)
            for path in paths:
                response = self.client.get(path)
                self.assertNotContains(response, marker, status_code=response.status_code)
            self.assertEqual(self.client.get(thread.get_absolute_url()).status_code, 404
                             if user == self.counselor2 else 403)  # fmt: skip
        self.assertEqual(AccessLog.objects.filter(outcome="granted").count(), before)
