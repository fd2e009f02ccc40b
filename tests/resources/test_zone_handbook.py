"""The handbook: the eap_admin writes its sections as articles of their own kind and
publishes them; the zone offers them as one tagged PDF with a table of contents, in their
order, zh-Hant first with the English beside where a section has it, images included.
Drafts and scheduled sections are left out; without a section there is no handbook."""

from datetime import timedelta
from io import BytesIO

from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from anxin.resources.zone.models import ZoneArticle
from tests.pdf_tools import is_tagged, page_texts, structure
from tests.resources.test_zone_images import MediaTestCase, picture, upload
from tests.resources.zone_base import make_article


def flat(text: str) -> str:
    return "".join(text.split())


@override_settings(ANXIN_BASE_URL="https://eap.example.gov.tw")
class ZoneHandbookTests(MediaTestCase):
    def setUp(self):
        super().setUp()
        admin, authority = self.eap_admin, self.authority
        self.second = make_article(admin, authority, kind="handbook", position=20,
                                   title="如何申請諮商", body="線上申請或撥打專線。",
                                   title_en="How to apply",
                                   body_en="Apply online or call the line.")  # fmt: skip
        self.first = make_article(admin, authority, kind="handbook", position=10,
                                  title="認識員工協助方案", body="本方案免費且保密。")  # fmt: skip
        make_article(admin, authority, kind="handbook", publish=False, title="草稿章節")
        make_article(admin, authority, kind="handbook", title="下月才公開的章節",
                     published_at=timezone.now() + timedelta(days=30))  # fmt: skip
        self.login(admin)
        self.client.post(
            f"/resources/zone/manage/{self.first.pk}/",
            {"kind": "handbook", "title": "認識員工協助方案", "body": "本方案免費且保密。",
             "position": 10, "upload": upload(picture()), "image_alt": "諮商室的照片",
             "version": 0},
        )  # fmt: skip

    def test_the_handbook_is_one_pdf_with_its_contents_in_order(self):
        self.login(self.alice)
        response = self.client.get(self.zone("materials/handbook.pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        data = response.content
        self.assertTrue(is_tagged(data))
        pages = [flat(page) for page in page_texts(data)]
        # A cover, the contents, then one section a page.
        self.assertEqual(len(pages), 4)
        self.assertIn("員工協助方案手冊", pages[0])
        self.assertIn("eap.example.gov.tw", pages[0])
        contents = pages[1]
        self.assertIn("目錄", contents)
        self.assertLess(contents.index("1.認識員工協助方案"), contents.index("2.如何申請諮商"))
        self.assertIn("1.認識員工協助方案", pages[2])
        self.assertIn("本方案免費且保密。", pages[2])
        self.assertIn("2.如何申請諮商", pages[3])
        # The English beside the Chinese, after it.
        self.assertLess(pages[3].index("線上申請"), pages[3].index("Applyonline"))
        whole = "".join(pages)
        self.assertNotIn("草稿章節", whole)
        self.assertNotIn("下月才公開的章節", whole)
        # The table of contents gives each section's page, and links to it.
        self.assertRegex(contents, r"認識員工協助方案\.*3")
        self.assertRegex(contents, r"如何申請諮商.*4")
        links = {
            (number, str(link.get_object()["/Dest"]))
            for number, page in enumerate(PdfReader(BytesIO(data)).pages)
            for link in page.get("/Annots", [])
        }
        self.assertEqual(links, {(1, f"section-{self.first.pk}"), (1, f"section-{self.second.pk}")})
        figures = [alt for kind, alt in structure(data) if kind == "/Figure"]
        self.assertIn("諮商室的照片", figures)

    def test_the_materials_page_lists_the_sections(self):
        self.login(self.alice)
        page = self.client.get(self.zone("materials/"))
        self.assertContains(page, "materials/handbook.pdf")
        self.assertContains(page, "如何申請諮商")
        self.assertNotContains(page, "草稿章節")

    def test_a_section_is_read_in_the_zone_too(self):
        self.login(self.alice)
        page = self.client.get(self.zone(f"articles/{self.first.pk}/"))
        self.assertContains(page, "諮商室的照片")

    def test_without_a_published_section_there_is_no_handbook(self):
        ZoneArticle.objects.filter(kind="handbook", published_at__lte=timezone.now()).update(
            status="draft"
        )
        self.login(self.alice)
        self.assertEqual(self.client.get(self.zone("materials/handbook.pdf")).status_code, 404)
        self.assertContains(self.client.get(self.zone("materials/")), "手冊尚無已發布的章節")
