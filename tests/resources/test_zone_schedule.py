"""Scheduled publication: an article published for a later time appears at that time (the
readers' queries filter by it, no job runs), shows as scheduled to its writer, and a time
already past is refused with what was typed kept."""

from datetime import timedelta

from django.utils import timezone

from anxin.resources.zone.models import ZoneArticle
from tests.resources.zone_base import ZoneTestCase


def roc_input(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.year - 1911}/{local.month:02d}/{local.day:02d} {local:%H:%M}"


class ZoneScheduleTests(ZoneTestCase):
    def schedule(self, when):
        self.login(self.eap_admin)
        return self.client.post(
            f"/resources/zone/manage/{self.draft.pk}/publish/",
            {"version": 0, "publish": "on", "publish_at": roc_input(when)},
        )

    def test_a_scheduled_article_appears_at_its_time(self):
        when = timezone.now() + timedelta(days=2)
        self.schedule(when)
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_scheduled)
        self.assertEqual(self.draft.published_at, when.replace(second=0, microsecond=0))
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.zone()), "尚未發布的草稿")
        url = self.zone(f"articles/{self.draft.pk}/")
        self.assertEqual(self.client.get(url).status_code, 404)
        # Its time comes: the same query now finds it, nothing had to run.
        ZoneArticle.objects.filter(pk=self.draft.pk).update(
            published_at=timezone.now() - timedelta(minutes=1)
        )
        self.assertContains(self.client.get(self.zone()), "尚未發布的草稿")
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_writer_sees_it_as_scheduled(self):
        when = timezone.now() + timedelta(days=2)
        response = self.schedule(when)
        self.assertRedirects(response, f"/resources/zone/manage/{self.draft.pk}/")
        local = timezone.localtime(when)
        page = self.client.get(f"/resources/zone/manage/{self.draft.pk}/")
        self.assertContains(page, "已排定")
        self.assertContains(page, f"{local:%H:%M}")
        self.assertContains(self.client.get("/resources/zone/manage/"), "已排定")

    def test_it_refuses_a_time_that_has_passed_and_keeps_it(self):
        response = self.schedule(timezone.now() - timedelta(days=1))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "這個時間已經過去")
        self.assertContains(response, roc_input(timezone.now() - timedelta(days=1))[:9])
        self.draft.refresh_from_db()
        self.assertFalse(self.draft.is_published)

    def test_publishing_now_again_after_a_withdrawn_schedule_starts_now(self):
        self.schedule(timezone.now() + timedelta(days=5))
        self.client.post(f"/resources/zone/manage/{self.draft.pk}/publish/", {"version": 1})
        self.client.post(
            f"/resources/zone/manage/{self.draft.pk}/publish/", {"version": 2, "publish": "on"}
        )
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_visible)
