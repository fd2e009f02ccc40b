"""The e-mail digest (due job `channels_digest`): each member who wants it gets the titles
and links of the new posts of his or her channels, once; nobody else learns of it."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from anxin.core.models import Notification
from anxin.resources.channels.due import channels_digest
from tests.resources.channels_base import ChannelsTestCase, join, make_post


@override_settings(ANXIN_BASE_URL="https://eap.example.gov.tw")
class DigestTests(ChannelsTestCase):
    def test_it_sends_each_member_the_new_posts_once(self):
        now = timezone.now() + timedelta(minutes=1)
        self.alice.email = "alice@example.gov.tw"
        self.alice.save()
        join(self.quiet, self.alice)
        make_post(self.quiet, self.hr, title="長照2.0申請方式")
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(channels_digest(now=now), "1 digest(s) sent")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["alice@example.gov.tw"])
        self.assertIn("睡眠與壓力", message.body)
        self.assertIn("長照2.0申請方式", message.body)
        self.assertIn(
            f"https://eap.example.gov.tw/resources/channels/{self.channel.pk}/", message.body
        )
        self.assertIn("2 則", message.subject)
        note = Notification.objects.get(recipient=self.alice)
        self.assertIsNotNone(note.expires_at)  # sensitive: the inbox item expires
        # Twice: nothing new, nothing sent.
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(channels_digest(now=now + timedelta(days=7)), "0 digest(s) sent")
        self.assertEqual(len(mail.outbox), 1)

    def test_it_skips_a_member_who_stopped_it_and_non_members(self):
        self.membership.digest = False
        self.membership.save()
        with self.captureOnCommitCallbacks(execute=True):
            channels_digest(now=timezone.now() + timedelta(minutes=1))
        self.assertEqual(len(mail.outbox), 0)
        self.assertFalse(Notification.objects.exists())

    def test_it_sends_only_posts_after_joining(self):
        join(self.quiet, self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            channels_digest(now=timezone.now() + timedelta(minutes=1))
        self.assertFalse(Notification.objects.filter(recipient=self.bob).exists())
