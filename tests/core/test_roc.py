"""ROC (Minguo) dates: reading every accepted form, refusing impossible dates, writing
them back, the form field and the template filters."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.template import engines
from django.test import SimpleTestCase
from django.utils import translation

from anxin.core.roc import (
    DateFormatError,
    RocDateField,
    RocDateTimeField,
    RocTimeField,
    format_long,
    format_short,
    parse_date,
    parse_datetime,
    parse_time,
    roc_year,
)

TAIPEI = ZoneInfo("Asia/Taipei")
UTC = ZoneInfo("UTC")


def render(template: str, **context) -> str:
    return engines["django"].from_string(template).render(context)


class ParseDateTestCase(SimpleTestCase):
    def test_it_reads_every_accepted_form(self):
        for text in (
            "114/01/22",
            "114/1/22",
            "114-1-22",
            "114.01.22",
            "1140122",
            "民國114年1月22日",
            "中華民國114年1月22日",
            "114年1月22日",
            "民國 114 年 1 月 22 日",
            "民國114/01/22",
            "2025-01-22",
            "2025/1/22",
            "2025.01.22",
            "114／01／22",  # full-width slash, as Chinese input methods type it
            "114－01－22",  # full-width hyphen
            "２０２５/０１/２２",  # full-width digits
            "  114/01/22  ",
        ):
            with self.subTest(text=text):
                self.assertEqual(parse_date(text), date(2025, 1, 22))

    def test_it_reads_the_first_years_of_the_republic(self):
        self.assertEqual(parse_date("民國1年1月1日"), date(1912, 1, 1))
        self.assertEqual(parse_date("001/01/01"), date(1912, 1, 1))
        self.assertEqual(parse_date("01/1/1"), date(1912, 1, 1))
        self.assertEqual(parse_date("0010101"), date(1912, 1, 1))
        self.assertEqual(parse_date("99/12/31"), date(2010, 12, 31))
        self.assertEqual(parse_date("100/01/01"), date(2011, 1, 1))

    def test_it_knows_leap_days(self):
        """113 (2024) is a leap year, 114 (2025) is not."""
        self.assertEqual(parse_date("113/02/29"), date(2024, 2, 29))
        self.assertEqual(parse_date("民國113年2月29日"), date(2024, 2, 29))
        self.assertEqual(parse_date("1130229"), date(2024, 2, 29))
        for text in ("114/02/29", "民國114年2月29日", "1140229", "2025-02-29"):
            with self.subTest(text=text), self.assertRaises(DateFormatError):
                parse_date(text)

    def test_it_refuses_impossible_dates_and_other_text(self):
        for text in (
            "114/02/30",
            "114/13/01",
            "114/00/10",
            "114/01/00",
            "114/01/32",
            "114/04/31",
            "000/01/01",  # there is no year 0 of the Republic
            "民國0年1月1日",
            "2025-13-01",
            "2025-02-30",
            "1141322",
            "",
            "   ",
            "tomorrow",
            "114/01",
            "114/01/22/1",
            "25/01/22/",
            "114年13月1日",
        ):
            with self.subTest(text=text), self.assertRaises(DateFormatError):
                parse_date(text)
        with self.assertRaises(DateFormatError):
            parse_date(None)

    def test_it_reads_full_width_and_other_ways_of_typing_a_date(self):
        """Chinese input methods type full-width digits and separators; people add 中華民國
        or 民, spaces, a weekday; other blocks' dashes and zero-width spaces slip in."""
        for text in (
            "１１５/１２/０３",
            "１１５／１２／０３",
            "１１５－１２－０３",
            "１１５．１２．０３",
            "　１１５／１２／０３　",  # ideographic spaces around
            "民國１１５年１２月０３日",
            "民國１１５/１２/０３",
            "中華民國115/12/03",
            "中華民國 115/12/03",
            "民115/12/03",
            "民國1151203",
            " 115 / 12 / 03 ",
            "115年12月3號",
            "115/12/03（四）",
            "115/12/03 (週四)",
            "民國115年12月3日 星期四",
            "115\u201012\u201003",  # hyphen
            "115\u201312\u201303",  # en dash
            "115\u221212\u221203",  # minus sign
            "115\u221512\u221503",  # division slash
            "115\u200b/12/03",  # zero-width space
            "西元2026年12月3日",
            "２０２６-１２-０３",
        ):
            with self.subTest(text=text):
                self.assertEqual(parse_date(text), date(2026, 12, 3))

    def test_it_reads_times_as_people_type_them(self):
        for text, expected in (
            ("14:30", (14, 30)),
            ("１４：３０", (14, 30)),
            ("14時30分", (14, 30)),
            ("下午2:30", (14, 30)),
            ("下午2時", (14, 0)),
            ("上午12:05", (0, 5)),
            ("1430", (14, 30)),
            (" 09:05 ", (9, 5)),
        ):
            with self.subTest(text=text):
                read = parse_time(text)
                self.assertEqual((read.hour, read.minute), expected)
        for text in ("25:00", "14:61", "2", "", "noon", "14:30:99"):
            with self.subTest(text=text), self.assertRaises(DateFormatError):
                parse_time(text)

    def test_it_reads_a_date_and_a_time_together(self):
        for text in (
            "115/12/03 14:30",
            "2026-12-03T14:30",
            "2026-12-03T14:30:00",
            "１１５／１２／０３　１４：３０",
            "民國115年12月3日下午2時30分",
            "民國 115 年 12 月 3 日 14:30",
        ):
            with self.subTest(text=text):
                self.assertEqual(parse_datetime(text), datetime(2026, 12, 3, 14, 30))
        for text in ("115/12/03", "14:30", "2026-12-03T25:00", "a " * 5000):
            with self.subTest(text=text[:20]), self.assertRaises(DateFormatError):
                parse_datetime(text)

    def test_it_is_a_value_error(self):
        """Callers that catch ValueError (as for date.fromisoformat) catch it too."""
        self.assertTrue(issubclass(DateFormatError, ValueError))


class FormatTestCase(SimpleTestCase):
    def test_it_writes_both_forms(self):
        self.assertEqual(format_short(date(2025, 1, 22)), "114/01/22")
        self.assertEqual(format_long(date(2025, 1, 22)), "民國114年1月22日")
        self.assertEqual(format_short(date(1912, 1, 1)), "001/01/01")
        self.assertEqual(format_long(date(1912, 1, 1)), "民國1年1月1日")
        self.assertEqual(roc_year(date(2025, 12, 31)), 114)
        self.assertEqual(format_short(None), "")
        self.assertEqual(format_long(""), "")

    def test_it_writes_the_local_date_of_a_moment(self):
        """16:30 UTC on 21 January is already 22 January in Taipei."""
        moment = datetime(2025, 1, 21, 16, 30, tzinfo=UTC)
        self.assertEqual(format_short(moment), "114/01/22")
        self.assertEqual(format_long(moment), "民國114年1月22日")

    def test_it_reads_back_what_it_writes(self):
        """Every day of the Republic's first years, of 2024 and 2025, and every 7th day in
        between: short and long forms read back to the same date."""
        days = [date(1912, 1, 1) + timedelta(n) for n in range(800)]
        days += [date(2024, 1, 1) + timedelta(n) for n in range(731)]
        days += [date(1912, 1, 1) + timedelta(n) for n in range(0, 80000, 7)]
        for day in days:
            self.assertEqual(parse_date(format_short(day)), day, day)
            self.assertEqual(parse_date(format_long(day)), day, day)
            self.assertEqual(parse_date(day.isoformat()), day, day)


class RocDateFieldTestCase(SimpleTestCase):
    class Form(forms.Form):
        day = RocDateField()

    def test_it_cleans_roc_and_iso_input(self):
        for text in ("114/01/22", "民國114年1月22日", "2025-01-22", "1140122"):
            with self.subTest(text=text):
                form = self.Form({"day": text})
                self.assertTrue(form.is_valid(), form.errors)
                self.assertEqual(form.cleaned_data["day"], date(2025, 1, 22))

    def test_it_passes_dates_through(self):
        field = RocDateField()
        self.assertEqual(field.clean(date(2025, 1, 22)), date(2025, 1, 22))
        self.assertEqual(field.clean(datetime(2025, 1, 22, 9, 0)), date(2025, 1, 22))
        self.assertIsNone(RocDateField(required=False).clean(""))

    def test_it_explains_a_wrong_date_in_traditional_chinese(self):
        with translation.override("zh-hant"):
            form = self.Form({"day": "114/02/29"})
            self.assertFalse(form.is_valid())
            self.assertEqual(
                form.errors["day"],
                ["請輸入日期，例如 114/01/22、民國114年1月22日或 2025-01-22。"],
            )
        self.assertEqual(form.errors.as_data()["day"][0].code, "invalid")

    def test_it_explains_a_wrong_date_in_english(self):
        with translation.override("en"):
            form = self.Form({"day": "next week"})
            self.assertFalse(form.is_valid())
            self.assertEqual(
                form.errors["day"],
                ["Enter a date such as 114/01/22, 民國114年1月22日 or 2025-01-22."],
            )

    def test_it_shows_a_date_in_roc_form_and_keeps_what_was_typed(self):
        """The widget shows a stored date as 114/01/22; a wrong entry is shown back as
        typed, so that nothing the person wrote is lost."""
        self.assertIn('value="114/01/22"', str(self.Form(initial={"day": date(2025, 1, 22)})))
        self.assertIn('value="114/02/30"', str(self.Form({"day": "114/02/30"})["day"]))


class RocTimeFieldsTestCase(SimpleTestCase):
    class Form(forms.Form):
        day = RocDateField()
        at = RocTimeField()
        moment = RocDateTimeField()

    def test_it_cleans_full_width_input_in_every_field(self):
        form = self.Form(
            {"day": "１１５/１２/０３", "at": "１４：３０", "moment": "１１５/１２/０３ １４：３０"}
        )
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["day"], date(2026, 12, 3))
        self.assertEqual((form.cleaned_data["at"].hour, form.cleaned_data["at"].minute), (14, 30))
        self.assertEqual(form.cleaned_data["moment"], datetime(2026, 12, 3, 14, 30, tzinfo=TAIPEI))

    def test_it_takes_what_a_browser_picker_sends(self):
        form = self.Form({"day": "2026-12-03", "at": "14:30", "moment": "2026-12-03T14:30"})
        self.assertTrue(form.is_valid(), form.errors)

    def test_it_explains_a_wrong_time_in_traditional_chinese(self):
        with translation.override("zh-hant"):
            form = self.Form({"day": "115/02/30", "at": "25:00", "moment": "明天下午"})
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["at"], ["請輸入時間，例如 14:30。"])
            self.assertEqual(form.errors["moment"], ["請輸入日期與時間，例如 114/01/22 14:30。"])


class EveryDateFieldTestCase(SimpleTestCase):
    def test_every_date_and_time_field_of_every_form_reads_roc_and_full_width(self):
        """One reading of typed dates: no form of the project keeps Django's own date,
        time or date-time field, which refuse １１５/１２/０３ and 114/01/22."""
        import importlib
        import pkgutil

        import anxin

        for info in pkgutil.walk_packages(anxin.__path__, "anxin."):
            if ".migrations" not in info.name and ".management" not in info.name:
                importlib.import_module(info.name)
        plain = (forms.DateField, forms.TimeField, forms.DateTimeField)
        ours = (RocDateField, RocTimeField, RocDateTimeField)
        found, wrong = 0, []
        stack = [forms.BaseForm]
        while stack:
            form = stack.pop()
            stack.extend(form.__subclasses__())
            if not form.__module__.startswith("anxin."):
                continue
            for name, field in getattr(form, "base_fields", {}).items():
                if isinstance(field, plain):
                    found += 1
                    if not isinstance(field, ours):
                        wrong.append(f"{form.__module__}.{form.__name__}.{name}")
        self.assertGreater(found, 10)
        self.assertEqual(wrong, [])


class FilterTestCase(SimpleTestCase):
    def test_it_writes_roc_dates_in_chinese(self):
        with translation.override("zh-hant"):
            self.assertEqual(render("{{ d|roc }}", d=date(2025, 1, 22)), "民國114年1月22日")
            self.assertEqual(render("{{ d|roc_short }}", d=date(2025, 1, 22)), "114/01/22")
            moment = datetime(2025, 1, 22, 6, 30, tzinfo=UTC)  # 14:30 in Taipei
            self.assertEqual(render("{{ d|roc_datetime }}", d=moment), "民國114年1月22日 14:30")

    def test_it_keeps_the_calendar_explicit_in_english(self):
        with translation.override("en"):
            self.assertEqual(render("{{ d|roc }}", d=date(2025, 1, 22)), "ROC 114-01-22")
            self.assertEqual(render("{{ d|roc_short }}", d=date(2025, 1, 22)), "114/01/22")
            moment = datetime(2025, 1, 21, 16, 5, tzinfo=UTC)  # 00:05 on the 22nd in Taipei
            self.assertEqual(render("{{ d|roc_datetime }}", d=moment), "ROC 114-01-22 00:05")

    def test_it_writes_nothing_for_no_date(self):
        for name in ("roc", "roc_short", "roc_datetime"):
            with self.subTest(name=name):
                self.assertEqual(render("{{ d|" + name + " }}", d=None), "")
                self.assertEqual(render("{{ missing|" + name + " }}"), "")

    def test_it_needs_no_load_tag(self):
        """The filters are builtins: every template has them."""
        self.assertEqual(render("{{ d|roc_short }}", d=date(1912, 1, 1)), "001/01/01")
        self.assertEqual(
            render("{{ d|roc }}", d=datetime(2025, 1, 22, tzinfo=TAIPEI)),
            "民國114年1月22日",
        )


class MoreInputFormsTestCase(SimpleTestCase):
    """Forms that registers and spreadsheets produce, and slips that must be refused."""

    def test_it_reads_western_and_compact_forms(self):
        for text in ("2025年1月22日", "20250122", "114．01．22", "1140122"):
            self.assertEqual(parse_date(text), date(2025, 1, 22), text)

    def test_it_reads_a_roc_date_that_lost_its_leading_zero(self):
        self.assertEqual(parse_date("880701"), date(1999, 7, 1))

    def test_it_refuses_a_zero_padded_roc_year_as_a_western_year(self):
        with self.assertRaises(DateFormatError):
            parse_date("0114/01/22")

    def test_it_formats_dates_before_the_republic_readably(self):
        self.assertEqual(format_long(date(1911, 5, 1)), "民國前1年5月1日")
        self.assertEqual(format_short(date(1911, 5, 1)), "1911-05-01")

    def test_roc_datetime_accepts_a_plain_date(self):
        from anxin.core.templatetags.roc import roc_datetime

        with translation.override("zh-hant"):
            self.assertEqual(roc_datetime(date(2025, 1, 22)), "民國114年1月22日")
