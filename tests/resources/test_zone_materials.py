"""Printable materials: four A6 care cards on an A4 sheet and an A4 poster, tagged PDF in
Traditional Chinese, with the plan's channels, the crisis lines and a QR code to the
zone."""

from django.test import override_settings

from tests.pdf_tools import is_tagged, page_texts, structure
from tests.resources.zone_base import ZoneTestCase


def flat(text: str) -> str:
    return "".join(text.split())  # CJK lines may break anywhere


@override_settings(ANXIN_BASE_URL="https://eap.example.gov.tw")
class ZoneMaterialsTests(ZoneTestCase):
    def test_the_care_cards_carry_the_channels_the_crisis_lines_and_the_qr_code(self):
        self.login(self.alice)
        response = self.client.get(self.zone("materials/care-cards.pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        data = response.content
        self.assertTrue(is_tagged(data))
        pages = page_texts(data)
        self.assertEqual(len(pages), 1)
        text = flat(pages[0])
        self.assertEqual(text.count("eapcenter.service@gmail.com"), 4)
        self.assertEqual(text.count("1925"), 4)
        self.assertIn(f"https://eap.example.gov.tw/resources/zone/{self.authority.pk}/", text)
        figures = [alt for kind, alt in structure(data) if kind == "/Figure"]
        self.assertEqual(len(figures), 4)
        self.assertTrue(all(alt and "QR" in alt for alt in figures))

    def test_the_poster_is_one_page_with_the_zone_address(self):
        self.login(self.alice)
        data = self.client.get(self.zone("materials/poster.pdf")).content
        self.assertTrue(is_tagged(data))
        pages = page_texts(data)
        self.assertEqual(len(pages), 1)
        self.assertIn("eapcenter.service@gmail.com", flat(pages[0]))
        self.assertIn("員工協助", flat(pages[0]))

    def test_it_refuses_a_person_of_another_authority(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.zone("materials/poster.pdf")).status_code, 404)


@override_settings(ANXIN_BASE_URL="https://eap.example.gov.tw")
class ZoneStickersTests(ZoneTestCase):
    def test_the_sticker_sheet_has_eight_stickers_with_the_channels_and_the_qr_code(self):
        self.login(self.alice)
        response = self.client.get(self.zone("materials/stickers.pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        data = response.content
        self.assertTrue(is_tagged(data))
        pages = page_texts(data)
        self.assertEqual(len(pages), 1)
        text = flat(pages[0])
        # The hotline with its hours (the city's line is among the crisis lines too).
        self.assertEqual(text.count("03-3027858（上班日服務時間）"), 8)
        self.assertEqual(text.count("eapcenter.service@gmail.com"), 8)
        self.assertEqual(text.count("1925"), 8)
        # A sticker names only the channels one can call or write to.
        self.assertNotIn("向本府人事處提出需求", text)
        self.assertEqual(text.count(f"eap.example.gov.tw/resources/zone/{self.authority.pk}/"), 8)
        figures = [alt for kind, alt in structure(data) if kind == "/Figure"]
        self.assertEqual(len(figures), 8)
        self.assertTrue(all(alt and "QR" in alt for alt in figures))

    def test_the_materials_page_offers_the_stickers(self):
        self.login(self.alice)
        self.assertContains(
            self.client.get(self.zone("materials/")),
            f"/resources/zone/{self.authority.pk}/materials/stickers.pdf",
        )
