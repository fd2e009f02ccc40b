"""Images in articles: the eap_admin uploads a PNG or JPEG (checked by its content, at most
2 MB) with its alternative text; it is stored through Django's storage under a name of
its own, shown in the article and served with the type its content has. A bad file is
refused in zh-Hant and the form keeps what was typed."""

import shutil
import tempfile
from io import BytesIO
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from anxin.resources.zone.models import ZoneArticle
from tests.resources.zone_base import ZoneTestCase


def picture(kind: str = "PNG", size=(40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def article_data(**extra) -> dict:
    data = {"kind": "page", "title": "諮商室位置", "body": "在本府六樓。", "position": 10}
    data.update(extra)
    return data


class MediaTestCase(ZoneTestCase):
    def setUp(self):
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(media))
        override.enable()
        self.addCleanup(override.disable)


class ZoneImageUploadTests(MediaTestCase):
    def test_it_stores_the_image_and_shows_it_in_the_article(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/resources/zone/manage/new/",
            article_data(
                upload=upload(picture(), name="../../我的照片.png"), image_alt="六樓的諮商室門口"
            ),
        )
        article = ZoneArticle.objects.get(title="諮商室位置")
        self.assertRedirects(response, f"/resources/zone/manage/{article.pk}/")
        self.assertEqual(article.image_type, "image/png")
        self.assertRegex(article.image.name, rf"^zone/{self.authority.pk}/[0-9a-f]{{32}}\.png$")
        self.assertTrue(default_storage.exists(article.image.name))
        self.client.post(
            f"/resources/zone/manage/{article.pk}/publish/", {"version": 0, "publish": "on"}
        )
        self.login(self.alice)
        page = self.client.get(self.zone(f"articles/{article.pk}/"))
        image_url = f"/resources/zone/{self.authority.pk}/articles/{article.pk}/image"
        self.assertContains(page, f'<img src="{image_url}" alt="六樓的諮商室門口"', html=False)
        served = self.client.get(image_url)
        self.assertEqual(served["Content-Type"], "image/png")
        self.assertEqual(served["X-Content-Type-Options"], "nosniff")
        self.assertEqual(b"".join(served.streaming_content), picture())

    def test_it_serves_a_jpeg_as_a_jpeg_whatever_its_name_says(self):
        self.login(self.eap_admin)
        self.client.post(
            "/resources/zone/manage/new/",
            article_data(upload=upload(picture("JPEG"), name="a.png"), image_alt="門口"),
        )
        article = ZoneArticle.objects.get(title="諮商室位置")
        self.assertEqual(article.image_type, "image/jpeg")
        self.assertTrue(article.image.name.endswith(".jpg"))
        served = self.client.get(f"/resources/zone/manage/{article.pk}/image")
        self.assertEqual(served["Content-Type"], "image/jpeg")

    def test_it_refuses_a_file_that_is_not_an_image_and_keeps_what_was_typed(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/resources/zone/manage/new/",
            article_data(
                upload=upload(b"<svg onload='alert(1)'></svg>", name="x.png"),
                image_alt="說明文字保留",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "這個檔案不是 PNG 或 JPEG 圖片")
        self.assertContains(response, "諮商室位置")
        self.assertContains(response, "在本府六樓。")
        self.assertContains(response, "說明文字保留")
        self.assertFalse(ZoneArticle.objects.filter(title="諮商室位置").exists())

    def test_it_refuses_an_image_larger_than_2_mb(self):
        self.login(self.eap_admin)
        big = picture() + b"\0" * (2 * 1024 * 1024)
        response = self.client.post(
            "/resources/zone/manage/new/", article_data(upload=upload(big), image_alt="門口")
        )
        self.assertContains(response, "圖片大於 2 MB")
        self.assertFalse(ZoneArticle.objects.filter(title="諮商室位置").exists())

    def test_it_asks_for_the_alternative_text(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/resources/zone/manage/new/", article_data(upload=upload(picture()))
        )
        self.assertContains(response, "請用幾個字描述這張圖片")
        self.assertFalse(ZoneArticle.objects.filter(title="諮商室位置").exists())

    def test_it_replaces_and_removes_the_image(self):
        self.login(self.eap_admin)
        url = f"/resources/zone/manage/{self.draft.pk}/"
        self.client.post(url, article_data(upload=upload(picture()), image_alt="一", version=0))
        self.draft.refresh_from_db()
        first = self.draft.image.name
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                url, article_data(upload=upload(picture("JPEG")), image_alt="二", version=1)
            )
        self.draft.refresh_from_db()
        self.assertNotEqual(self.draft.image.name, first)
        self.assertFalse(default_storage.exists(first))
        # Keeping the image, its text cannot be emptied.
        response = self.client.post(url, article_data(image_alt="", version=2))
        self.assertContains(response, "請用幾個字描述這張圖片")
        self.client.post(url, article_data(image_alt="", remove_image="on", version=2))
        self.draft.refresh_from_db()
        self.assertFalse(self.draft.image)
        self.assertEqual(self.draft.version, 3)

    def test_a_stale_save_keeps_no_new_image(self):
        self.login(self.eap_admin)
        url = f"/resources/zone/manage/{self.draft.pk}/"
        self.client.post(url, article_data(version=0))
        response = self.client.post(
            url, article_data(upload=upload(picture()), image_alt="門口", version=0)
        )
        self.assertContains(response, "您的修改尚未儲存")
        self.draft.refresh_from_db()
        self.assertFalse(self.draft.image)
        self.assertEqual(list(Path(default_storage.location).rglob("*.png")), [])


class ZoneImageAccessTests(MediaTestCase):
    def setUp(self):
        super().setUp()
        self.login(self.eap_admin)
        for article in (self.page, self.draft):
            self.client.post(
                f"/resources/zone/manage/{article.pk}/",
                article_data(upload=upload(picture()), image_alt="門口", version=0),
            )

    def test_a_draft_s_image_is_for_its_writer_only(self):
        self.assertEqual(
            self.client.get(f"/resources/zone/manage/{self.draft.pk}/image").status_code, 200
        )
        self.login(self.alice)
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.draft.pk}/image")).status_code, 404
        )
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.page.pk}/image")).status_code, 200
        )
        self.assertEqual(
            self.client.get(f"/resources/zone/manage/{self.draft.pk}/image").status_code, 403
        )

    def test_it_refuses_a_person_of_another_authority(self):
        self.login(self.stranger)
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.page.pk}/image")).status_code, 404
        )

    def test_an_article_without_an_image_answers_404(self):
        self.login(self.alice)
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.news.pk}/image")).status_code, 404
        )

    def test_anyone_sees_the_image_of_a_public_zone(self):
        config = {**self.plan.config, "zone": {"public": True, "source": "000 §5.2"}}
        type(self.plan).objects.filter(pk=self.plan.pk).update(config=config)
        self.client.logout()
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.page.pk}/image")).status_code, 200
        )
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.draft.pk}/image")).status_code, 404
        )

    def test_an_image_the_storage_lost_answers_404(self):
        self.page.refresh_from_db()
        default_storage.delete(self.page.image.name)
        self.login(self.alice)
        self.assertEqual(
            self.client.get(self.zone(f"articles/{self.page.pk}/image")).status_code, 404
        )
