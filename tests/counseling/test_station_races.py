"""Issue 10, item 5 (invariant 11) at the e-mail station: two coordinators assigned one
message to two counsellors and the second silently won. Every change two people can race
on (assign, reply, close) now names the version it was opened at; the second is refused
with a message and what was typed stays."""

from anxin.core.locking import StaleEdit
from anxin.core.models import Notification
from anxin.counseling.station import services
from anxin.counseling.station.models import StationMessage
from tests.base import give_role, make_user
from tests.counseling.station_base import StationTestCase, now_at


class StationRaceTestCase(StationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.intake2 = make_user("intake2")
        give_role(cls.intake2, "intake", cls.authority)

    def assign_url(self, thread) -> str:
        return f"/counselling/station/inbox/{thread.uuid}/"

    def test_two_coordinators_assigning_the_same_message_the_second_is_refused(self):
        """Both open the assignment page at the same version; the first assigns the
        first counsellor; the second's choice of another counsellor is refused with a
        message, and the conversation stays with the first counsellor."""
        thread, _token = self.start()
        opened_at = now_at(thread)
        self.login(self.intake)
        first = self.client.post(
            self.assign_url(thread), {"counselor": self.counselor.pk, "version": opened_at}
        )
        self.assertRedirects(first, "/counselling/station/inbox/")
        Notification.objects.all().delete()
        self.login(self.intake2)
        second = self.client.post(
            self.assign_url(thread), {"counselor": self.counselor2.pk, "version": opened_at}
        )
        self.assertEqual(second.status_code, 200)
        self.assertContains(second, "在您開啟此頁之後")
        form = second.context["form"]
        self.assertEqual(form["counselor"].value(), str(self.counselor2.pk))  # kept
        thread.refresh_from_db()
        self.assertEqual(thread.counselor, self.counselor)
        self.assertFalse(Notification.objects.filter(recipient=self.counselor2).exists())
        # Sent again knowingly (the refused form carries today's version), it goes through.
        again = self.client.post(
            self.assign_url(thread),
            {"counselor": self.counselor2.pk, "version": form["version"].value()},
        )
        self.assertRedirects(again, "/counselling/station/inbox/")
        thread.refresh_from_db()
        self.assertEqual(thread.counselor, self.counselor2)

    def test_the_service_refuses_a_stale_assignment(self):
        thread, _token = self.start()
        stale = now_at(thread)
        services.thread_assign(
            thread=thread, counselor=self.counselor, actor=self.intake, expected_version=stale
        )
        with self.assertRaises(StaleEdit):
            services.thread_assign(
                thread=thread, counselor=self.counselor2, actor=self.intake2,
                expected_version=stale,
            )  # fmt: skip

    def test_a_reply_is_refused_when_the_writer_wrote_again_meanwhile(self):
        """The counsellor answers what he or she read: a new message of the writer since
        the page opened refuses the reply, keeps its text and shows the new message."""
        thread, _token = self.assigned(body="第一封")
        opened_at = now_at(thread)
        services.thread_write_again(thread=thread, body="第二封：其實還有一件事")
        self.login(self.counselor)
        response = self.client.post(
            thread.get_absolute_url(), {"body": "針對第一封的回覆", "version": opened_at}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "針對第一封的回覆")
        self.assertContains(response, "第二封：其實還有一件事")
        self.assertContains(response, "在您開啟此頁之後")
        self.assertFalse(thread.messages.filter(side=StationMessage.Side.COUNSELOR).exists())

    def test_a_reply_is_refused_after_a_reassignment(self):
        thread, _token = self.assigned()
        opened_at = now_at(thread)
        services.thread_assign(
            thread=thread, counselor=self.counselor2, actor=self.intake, expected_version=opened_at
        )
        with self.assertRaises(StaleEdit):
            services.thread_reply(
                thread=thread, counselor=self.counselor, body="x", expected_version=opened_at
            )

    def test_closing_is_refused_when_the_writer_wrote_again_meanwhile(self):
        thread, _token = self.assigned()
        opened_at = now_at(thread)
        services.thread_write_again(thread=thread, body="還沒說完")
        self.login(self.counselor)
        response = self.client.post(f"{thread.get_absolute_url()}close/", {"version": opened_at})
        self.assertRedirects(response, thread.get_absolute_url(), fetch_redirect_response=False)
        thread.refresh_from_db()
        self.assertFalse(thread.is_closed)
        response = self.client.get(thread.get_absolute_url())
        self.assertContains(response, "在您開啟此頁之後")
        # The page now carries the current version: closing again works.
        version = response.context["close_form"]["version"].value()
        self.client.post(f"{thread.get_absolute_url()}close/", {"version": version})
        thread.refresh_from_db()
        self.assertTrue(thread.is_closed)

    def test_a_close_without_a_version_is_refused(self):
        thread, _token = self.assigned()
        self.login(self.counselor)
        self.client.post(f"{thread.get_absolute_url()}close/")
        thread.refresh_from_db()
        self.assertFalse(thread.is_closed)
