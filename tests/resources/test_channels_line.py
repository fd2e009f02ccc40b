"""Delivery to a LINE group through the Messaging API, against a stand-in for the API: a
real HTTP server on this machine that answers as the API does and keeps what it got.
What leaves is the channel's name, the post's title and a link; nothing about a person."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import override_settings
from django.utils import timezone

from anxin.resources.channels import services
from anxin.resources.channels.due import channels_line_send
from anxin.resources.channels.models import ChannelPost
from tests.resources.channels_base import ChannelsTestCase, join

GROUP = "C" + "0123456789abcdef" * 2
TOKEN = "test-channel-access-token"


class StandIn(BaseHTTPRequestHandler):
    """The Messaging API's push endpoint: 200 {} for a good request; the status in
    `answers` (a list the test fills) otherwise."""

    received: list[dict] = []
    answers: list[int] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        StandIn.received.append(
            {"path": self.path, "headers": dict(self.headers), "body": body.decode("utf-8")}
        )
        status = StandIn.answers.pop(0) if StandIn.answers else 200
        payload = b"{}" if status == 200 else b'{"message":"error"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep the test's output quiet
        pass


class LineTests(ChannelsTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.api = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        StandIn.received.clear()
        StandIn.answers.clear()
        self.channel.line_group = GROUP
        self.channel.save()
        join(self.channel, self.bob)

    def settings_on(self):
        return override_settings(
            ANXIN_LINE_API_BASE=self.api,
            ANXIN_LINE_CHANNEL_TOKEN=TOKEN,
            ANXIN_BASE_URL="https://eap.example.gov.tw",
        )

    def test_it_pushes_the_title_and_a_link_and_nothing_about_a_person(self):
        with self.settings_on():
            post = services.post_publish(
                channel=self.channel,
                author=self.hr,
                title="紓壓講座：好眠的秘訣",
                body="內文不外送",
            )
            self.assertTrue(post.line_pending)
            self.assertEqual(
                channels_line_send(now=timezone.now()), "1 post(s) sent to LINE, 0 failed"
            )
        self.assertEqual(len(StandIn.received), 1)
        request = StandIn.received[0]
        self.assertEqual(request["path"], "/v2/bot/message/push")
        self.assertEqual(request["headers"]["Authorization"], f"Bearer {TOKEN}")
        self.assertEqual(request["headers"]["X-Line-Retry-Key"], str(post.line_retry_key))
        body = json.loads(request["body"])
        self.assertEqual(set(body), {"to", "messages"})
        self.assertEqual(body["to"], GROUP)
        self.assertEqual(len(body["messages"]), 1)
        self.assertEqual(set(body["messages"][0]), {"type", "text"})
        self.assertEqual(
            body["messages"][0]["text"],
            f"【壓力症候群-OUT】紓壓講座：好眠的秘訣\n"
            f"https://eap.example.gov.tw/resources/channels/{self.channel.pk}/#post-{post.pk}",
        )
        # Nothing about a person: not the author, not a member, not the post's text.
        for person in (self.hr, self.alice, self.bob):
            self.assertNotIn(person.username, request["body"])
        for name in ("王小美", "林小華", "E0001", "example.gov.tw/people", "內文不外送"):
            self.assertNotIn(name, request["body"])
        post.refresh_from_db()
        self.assertFalse(post.line_pending)
        self.assertIsNotNone(post.line_sent_at)
        # Run again: nothing more leaves.
        with self.settings_on():
            channels_line_send(now=timezone.now())
        self.assertEqual(len(StandIn.received), 1)

    def test_a_server_error_is_tried_again_with_the_same_retry_key(self):
        StandIn.answers.extend([500])
        with self.settings_on():
            post = services.post_publish(
                channel=self.channel, author=self.hr, title="標題", body="x"
            )
            self.assertEqual(
                channels_line_send(now=timezone.now()), "0 post(s) sent to LINE, 1 failed"
            )
            post.refresh_from_db()
            self.assertTrue(post.line_pending)
            channels_line_send(now=timezone.now())
        post.refresh_from_db()
        self.assertFalse(post.line_pending)
        keys = {request["headers"]["X-Line-Retry-Key"] for request in StandIn.received}
        self.assertEqual(keys, {str(post.line_retry_key)})

    def test_a_refusal_is_not_tried_again(self):
        StandIn.answers.extend([400])
        with self.settings_on():
            post = services.post_publish(
                channel=self.channel, author=self.hr, title="標題", body="x"
            )
            channels_line_send(now=timezone.now())
            channels_line_send(now=timezone.now())
        post.refresh_from_db()
        self.assertFalse(post.line_pending)
        self.assertIsNone(post.line_sent_at)
        self.assertEqual(len(StandIn.received), 1)

    def test_without_a_token_or_a_group_nothing_is_queued(self):
        post = services.post_publish(channel=self.channel, author=self.hr, title="標題", body="x")
        self.assertFalse(post.line_pending)
        with self.settings_on():
            quiet = services.post_publish(
                channel=self.quiet, author=self.hr, title="標題", body="x"
            )
            channels_line_send(now=timezone.now())
        self.assertFalse(quiet.line_pending)
        self.assertEqual(StandIn.received, [])
        self.assertFalse(ChannelPost.objects.filter(line_pending=True).exists())
