"""Comments: by members, where the channel takes them; shown once a moderator approves
them, never with their author's name."""

from anxin.resources.channels.models import ChannelComment
from tests.resources.channels_base import ChannelsTestCase, make_comment, make_post


class CommentTests(ChannelsTestCase):
    def test_a_members_comment_waits_for_moderation_then_shows_without_a_name(self):
        self.login(self.alice)
        url = f"/resources/channels/posts/{self.post.pk}/comment/"
        self.client.post(url, {"body": "我也有失眠的困擾"})
        comment = ChannelComment.objects.get(body="我也有失眠的困擾")
        self.assertEqual(comment.status, ChannelComment.Status.PENDING)
        self.login(self.bob)
        self.assertNotContains(
            self.client.get(f"/resources/channels/{self.channel.pk}/"), "我也有失眠的困擾"
        )
        self.login(self.counselor)
        moderation = self.client.get("/resources/channels/manage/comments/")
        self.assertContains(moderation, "我也有失眠的困擾")
        self.assertNotContains(moderation, "王小美")
        self.assertNotContains(moderation, "alice")
        self.client.post(f"/resources/channels/manage/comments/{comment.pk}/", {"approve": "on"})
        self.login(self.bob)
        page = self.client.get(f"/resources/channels/{self.channel.pk}/")
        self.assertContains(page, "我也有失眠的困擾")
        self.assertNotContains(page, "王小美")

    def test_a_non_member_is_refused_and_keeps_what_was_typed(self):
        self.login(self.bob)
        response = self.client.post(
            f"/resources/channels/posts/{self.post.pk}/comment/", {"body": "我想留言"}
        )
        self.assertContains(response, "請先加入群組")
        self.assertFalse(ChannelComment.objects.exists())

    def test_a_channel_without_comments_refuses_them(self):
        post = make_post(self.quiet, self.hr)
        from tests.resources.channels_base import join

        join(self.quiet, self.alice)
        self.login(self.alice)
        response = self.client.post(
            f"/resources/channels/posts/{post.pk}/comment/", {"body": "留言"}
        )
        self.assertContains(response, "此群組不開放留言")
        self.assertFalse(ChannelComment.objects.exists())

    def test_a_second_decision_is_refused(self):
        comment = make_comment(self.post, self.alice)
        self.login(self.hr)
        url = f"/resources/channels/manage/comments/{comment.pk}/"
        self.client.post(url, {"approve": "on"})
        response = self.client.post(url, follow=True)
        self.assertContains(response, "已有其他管理者處理此留言")
        comment.refresh_from_db()
        self.assertEqual(comment.status, ChannelComment.Status.APPROVED)
