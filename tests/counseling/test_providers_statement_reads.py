"""The monthly statement adds up where people check it (issue 13 item 8): each row shows
its exact minutes, from which its amount is worked out (minutes × hourly rate ÷ 60,
rounded to whole NT$), and every total is the sum of the figures shown above it. The PDF
has page numbers, the preparation date (ROC), a signature block, tags, and only the
Traditional Chinese face of Noto Sans CJK."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from anxin.core.roc import format_long
from anxin.counseling.providers.services import statement_for
from tests.counseling.providers_base import MONTH, YEAR, ProvidersTestCase
from tests.pdf_tools import is_tagged, pdf_fonts, pdf_text


class StatementAddsUpTests(ProvidersTestCase):
    def url(self, fmt: str) -> str:
        return f"/counselling/providers/{self.provider.pk}/statement/{YEAR}-{MONTH}.{fmt}"

    def test_each_column_sums_to_its_total(self):
        """Hours 0.83 + 1.83 + 1.25 are 3.91 (the exact 235 minutes would round to 3.92,
        which no reader can add up to); minutes and amounts sum exactly."""
        statement = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        self.assertEqual(statement.hours, sum(row.hours for row in statement.rows))
        self.assertEqual(statement.hours, Decimal("3.91"))
        self.assertEqual(statement.minutes, sum(row.minutes for row in statement.rows))
        self.assertEqual(statement.minutes, 235)
        self.assertEqual(statement.amount, sum(row.amount for row in statement.rows))

    def test_each_rows_amount_follows_from_the_minutes_it_shows(self):
        statement = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        for row in statement.rows:
            expected = (Decimal(row.minutes) * row.rate / 60).quantize(1, ROUND_HALF_UP)
            self.assertEqual(row.amount, expected, row.code)

    def test_the_page_and_the_sheets_show_the_minutes(self):
        self.login(self.provider_admin)
        page = self.client.get(
            f"/counselling/providers/{self.provider.pk}/statement/?month={YEAR}-{MONTH:02d}"
        )
        self.assertContains(page, "分鐘")
        self.assertContains(page, '<td class="num">3.91</td>', html=True)

    def test_the_pdf_has_page_numbers_date_and_signatures_and_reads_right(self):
        self.login(self.provider_admin)
        data = self.client.get(self.url("pdf")).content
        text = pdf_text(data)
        flat = "".join(text.split())
        self.assertIn("1/1", flat)  # page 1 of 1, in the page's foot
        self.assertIn("製表日期：" + format_long(timezone.localdate()), flat)
        for label in ("製表人", "覆核人", "機構負責人（簽章）"):
            self.assertIn(label, flat)
        self.assertIn("3.91", text)
        self.assertIn("235", text)
        self.assertTrue(is_tagged(data))
        fonts = pdf_fonts(data)
        self.assertTrue(fonts)
        self.assertTrue(all(font.startswith("Noto-Sans-CJK-TC") for font in fonts), fonts)
