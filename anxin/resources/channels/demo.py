"""Channels: demo declarations. The demo authority's topic channels, opened from its
plan (or, when its plan names none, from Taoyuan's nine LINE groups, 000 §4.4(2)), with
posts by the eap_admin, hr and a counsellor, the demo employee in two channels, and a
comment waiting for moderation. Prints the one line of the zone and the channels.
Idempotent; demo mode only."""

from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority
from anxin.resources.channels import services
from anxin.resources.channels.models import Channel, ChannelMembership, ChannelPost
from anxin.resources.zone.models import ZoneArticle

POSTS = {
    "stress_out": [
        (Role.COUNSELOR, "三分鐘呼吸練習", "感到壓力時，試著慢慢吸氣四秒、停兩秒、吐氣六秒。"),
        (Role.EAP_ADMIN, "紓壓講座「好眠的秘訣」開放報名", "詳見員工協助專區的最新消息。"),
    ],
    "elder_care": [
        (Role.HR, "家庭照顧假怎麼請？", "依性別平等工作法，每年可請家庭照顧假7日。"),
        (Role.EAP_ADMIN, "長照2.0服務專線1966", "撥打1966可申請長照服務評估。"),
    ],
    "healthy_living": [
        (Role.COUNSELOR, "三高的飲食原則", "少油、少鹽、少糖，多吃蔬菜。"),
    ],
}


def demo_channels() -> tuple[int, int, int]:
    """(channels opened, posts, memberships); zeros when the channels exist."""
    demo_require()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    users = {
        role: User.objects.filter(username=username_for(role)).first()
        for role in (Role.EAP_ADMIN, Role.HR, Role.COUNSELOR, Role.EMPLOYEE)
    }
    if authority is None or None in users.values():
        return 0, 0, 0
    if Channel.objects.filter(authority=authority).exists():
        return 0, 0, 0
    plan = plan_for_authority(authority.pk)
    if plan is None or not plan.topic_channels:
        # An unsaved plan: Taoyuan's channels read through the plan's accessor.
        plan = ProgramPlan(config=read_preset("taoyuan-104").data)
    opened = services.channels_open_from_plan(authority=authority, plan=plan)
    channels = {channel.key: channel for channel in Channel.objects.filter(authority=authority)}
    posts = 0
    for key, items in POSTS.items():
        channel = channels.get(key)
        if channel is None:
            continue
        for role, title, body in items:
            services.post_publish(channel=channel, author=users[role], title=title, body=body)
            posts += 1
    stress = channels.get("stress_out")
    if stress is not None:
        services.channel_update(
            channel=stress, data={"comments_allowed": True}, expected_version=stress.version
        )
    employee = users[Role.EMPLOYEE]
    for key in ("stress_out", "elder_care"):
        if key in channels:
            services.membership_join(channel=channels[key], user=employee)
    post = ChannelPost.objects.filter(channel=stress).order_by("pk").first() if stress else None
    if post is not None:
        services.comment_add(post=post, author=employee, body="呼吸練習很有幫助，謝謝分享。")
    return opened, posts, ChannelMembership.objects.filter(channel__authority=authority).count()


@demo_step(order=81, summary="topic channels with posts and private members; the zone's line")
def channels_step(run: DemoRun) -> str | None:
    opened, posts, members = demo_channels()
    if not opened:
        return None
    articles = ZoneArticle.objects.filter(status=ZoneArticle.Status.PUBLISHED).count()
    return (
        f"EAP zone: {articles} articles published, care cards and poster to print; "
        f"topic channels: {opened} opened, {posts} posts, {members} memberships."
    )
