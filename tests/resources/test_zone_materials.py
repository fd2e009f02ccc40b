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
