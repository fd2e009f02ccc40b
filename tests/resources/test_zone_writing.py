"""The eap_admin writes the zone: drafts, saving with optimistic locking (a second save
of the same version is refused and keeps what was typed), publishing and withdrawing."""

from anxin.resources.zone.models import ZoneArticle
from tests.base import give_role, make_user
from tests.resources.zone_base import ZoneTestCase


def article_data(**extra) -> dict:
    data = {"kind": "question", "title": "諮商會讓主管知道嗎？", "body": "不會。", "position": 10}
    data.update(extra)
    return data


class ZoneWritingTests(ZoneTestCase):
    def test_it_saves_a_new_article_as_a_draft(self):
        self.login(self.eap_admin)
        response = self.client.post("/resources/zone/manage/new/", article_data())
        article = ZoneArticle.objects.get(title="諮商會讓主管知道嗎？")
        self.assertRedirects(response, f"/resources/zone/manage/{article.pk}/")
        self.assertEqual(article.status, ZoneArticle.Status.DRAFT)
        self.assertEqual(article.authority, self.authority)
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.zone("questions/")), "諮商會讓主管知道嗎？")

    def test_it_publishes_and_withdraws(self):
        self.login(self.eap_admin)
        url = f"/resources/zone/manage/{self.draft.pk}/publish/"
        self.client.post(url, {"version": 0, "publish": "on"})
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_published)
        first = self.draft.published_at
        self.login(self.alice)
        self.assertContains(self.client.get(self.zone()), "尚未發布的草稿")
        self.login(self.eap_admin)
        self.client.post(url, {"version": 1})
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, ZoneArticle.Status.DRAFT)
        self.assertEqual(self.draft.published_at, first)

    def test_it_refuses_a_stale_save_and_keeps_what_was_typed(self):
        """Two admins opened version 0; the second save is refused, nothing is lost."""
        self.login(self.eap_admin)
        url = f"/resources/zone/manage/{self.draft.pk}/"
        self.client.post(url, article_data(kind="page", title="第一位的標題", version=0))
        response = self.client.post(url, article_data(kind="page", title="第二位的標題", version=0))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "您的修改尚未儲存")
        self.assertContains(response, "第二位的標題")
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.title, "第一位的標題")
        self.assertEqual(self.draft.version, 1)

    def test_it_refuses_a_stale_publish(self):
        self.login(self.eap_admin)
        self.client.post(f"/resources/zone/manage/{self.draft.pk}/", article_data(version=0))
        self.client.post(
            f"/resources/zone/manage/{self.draft.pk}/publish/", {"version": 0, "publish": "on"}
        )
        self.draft.refresh_from_db()
        self.assertFalse(self.draft.is_published)

    def test_it_asks_for_the_english_title_with_an_english_text(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/resources/zone/manage/new/", article_data(body_en="No, never.")
        )
        self.assertContains(response, "請一併填寫英文標題")
        self.assertFalse(ZoneArticle.objects.filter(title="諮商會讓主管知道嗎？").exists())

    def test_it_refuses_hr_and_the_eap_admin_of_another_authority(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/resources/zone/manage/").status_code, 403)
        other = make_user("other-admin")
        give_role(other, "eap_admin", self.elsewhere)
        self.login(other)
        self.assertEqual(
            self.client.get(f"/resources/zone/manage/{self.draft.pk}/").status_code, 404
        )
        self.assertNotContains(self.client.get("/resources/zone/manage/"), "尚未發布的草稿")

    def test_it_refuses_another_method(self):
        self.login(self.eap_admin)
        response = self.client.get(f"/resources/zone/manage/{self.draft.pk}/publish/")
        self.assertEqual(response.status_code, 405)
