"""The canary of the topic channels (DESIGN.md invariant 10): who joined a channel is
seen by that person only. A member with marked name, username and number joins a
channel, asks for its digest and comments; then every page of the authorization matrix,
as every other role, must show the marker nowhere, and neither may any log line, any
other person's notification or mail. A page that lists the staff (a facilitator to pick,
the organisation) shows the member whatever his or her channels: such a page must read
the same once the membership and the comment are gone."""

import logging
import re
import uuid

from django.core import mail

import tests.test_authorization_matrix as matrix
from anxin.core.models import Notification
from anxin.people.roles import Role
from anxin.resources.channels.models import ChannelComment, ChannelMembership
from tests.base import make_employee, make_user
from tests.counseling.test_canary import _Capture
from tests.resources.channels_base import make_channel, make_post


class ChannelsCanaryTestCase(matrix.MatrixTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        marker = uuid.uuid4().hex
        cls.markers = (f"canary{marker}", f"金絲雀{marker[:8]}", f"C{marker[:10]}")
        cls.member = make_user(cls.markers[0], email=f"{cls.markers[0]}@example.gov.tw")
        make_employee(cls.member, unit=cls.unit, number=cls.markers[2], name=cls.markers[1])
        cls.canary_channel = make_channel(
            cls.authority, key="canary", name="照護銀髮，輕鬆上手", comments_allowed=True
        )
        cls.canary_post = make_post(cls.canary_channel, cls.people[Role.COUNSELOR])

    def join_as_the_member(self) -> None:
        self.login(self.member)
        channel = self.canary_channel.pk
        self.client.post(f"/resources/channels/{channel}/join/")
        self.client.post(f"/resources/channels/{channel}/digest/", {"digest": "on"})
        self.client.post(
            f"/resources/channels/posts/{self.canary_post.pk}/comment/",
            {"body": "照顧家人真的很累"},
        )
        self.assertTrue(ChannelMembership.objects.filter(user=self.member).exists())
        comment = ChannelComment.objects.get(author=self.member)
        self.login(self.people[Role.HR])
        self.client.post(f"/resources/channels/manage/comments/{comment.pk}/", {"approve": "on"})

    def forget_the_membership(self) -> None:
        ChannelComment.objects.filter(author=self.member).delete()
        ChannelMembership.objects.filter(user=self.member).delete()

    def same_page(self, text: str) -> str:
        """The page without what changes on every request (the CSRF token)."""
        text = re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", text)
        return re.sub(r'"X-CSRFToken": "[^"]+"', "", text)

    def body(self, response) -> str:
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content).decode(errors="replace")
        return response.content.decode(errors="replace")

    def test_no_other_person_ever_sees_who_joined(self):
        capture = _Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            self.join_as_the_member()
            paths = [
                path.format(**self.placeholders)
                for _name, method, path, _answers in matrix.MATRIX
                if method == "GET"
            ]
            paths += [f"/resources/channels/{self.canary_channel.pk}/"]
            checked = 0
            listing: list[tuple[object, str, str]] = []
            for person in self.people.values():
                if person is None:
                    self.client.logout()
                else:
                    self.login(person)
                for path in paths:
                    text = self.body(self.client.get(path))
                    checked += 1
                    if any(marker in text for marker in self.markers):
                        listing.append((person, path, self.same_page(text)))
            # The pages that named the member: the same without the membership.
            self.forget_the_membership()
            for person, path, text in listing:
                self.assertNotIn("照顧家人真的很累", text, path)
                if person is None:
                    self.client.logout()
                else:
                    self.login(person)
                again = self.same_page(self.body(self.client.get(path)))
                self.assertEqual(text, again, f"{path} as {person}")
            self.assertLess(len(listing), 20, [path for _p, path, _t in listing])
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 100)
        for line in capture.lines:
            for marker in self.markers:
                self.assertNotIn(marker, line)
        for note in Notification.objects.exclude(recipient=self.member):
            for marker in self.markers:
                self.assertNotIn(marker, note.subject + note.body)
        for message in mail.outbox:
            self.assertNotIn(self.member.email, message.to)
