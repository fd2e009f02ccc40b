"""Helpers and people for the channels' tests."""

from anxin.people.services import orgunit_create
from anxin.resources.channels.models import Channel, ChannelComment, ChannelMembership, ChannelPost
from tests.base import BaseTestCase, give_role, make_employee, make_user


def make_channel(authority, *, key="stress_out", name="壓力症候群-OUT", **fields) -> Channel:
    return Channel.objects.create(authority=authority, key=key, name=name, **fields)


def make_post(channel, author, *, title="睡眠與壓力", **fields) -> ChannelPost:
    values = {"body": "規律作息有助紓壓。", "link": ""}
    values.update(fields)
    return ChannelPost.objects.create(channel=channel, author=author, title=title, **values)


def join(channel, user) -> ChannelMembership:
    return ChannelMembership.objects.create(channel=channel, user=user)


def make_comment(post, author, *, body="很實用，謝謝。", **fields) -> ChannelComment:
    return ChannelComment.objects.create(post=post, author=author, body=body, **fields)


class ChannelsTestCase(BaseTestCase):
    """Alice and 林小華 (Bob) of the same authority; Alice joins 壓力症候群-OUT, which
    takes comments; 照護銀髮 takes none."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit, number="E0003", name="林小華")
        cls.channel = make_channel(cls.authority, comments_allowed=True)
        cls.quiet = make_channel(cls.authority, key="elder_care", name="照護銀髮，輕鬆上手")
        cls.membership = join(cls.channel, cls.alice)
        cls.post = make_post(cls.channel, cls.counselor)
        cls.elsewhere_admin = make_user("elsewhere-admin")
        cls.elsewhere = orgunit_create(name="他市政府", kind="authority", code="380000000A")
        give_role(cls.elsewhere_admin, "eap_admin", cls.elsewhere)
