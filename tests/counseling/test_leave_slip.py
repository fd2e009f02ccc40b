"""The appointment confirmation is the slip an employee hands to whoever approves her
leave (issue 13 item 8; decision 0040): it says only what the approver needs (name, date
and time, length, that it is for the Employee Assistance Programme under the plan's leave
rule, a neutral place), its issue date (ROC) and a verification code the system checks;
its title is plain text; printed, it shows no menu, no footer, no crisis lines."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from anxin.core.pdf import html_pdf
from anxin.core.roc import format_long
from anxin.counseling.booking import services
from anxin.plans.loader import load_preset
from tests.counseling.booking_base import BookingTestCase, at, fresh
from tests.pdf_tools import pdf_text


def url(appointment) -> str:
    return reverse("counseling:booking_confirmation", args=[appointment.uuid])


def printed(html: str) -> str:
    """The page as a browser prints it (print media, its stylesheets), through WeasyPrint
    and pdftotext, with the static files read from where Django finds them."""

    def local(match):
        return f'href="{finders.find(match.group(1))}"'

    html = re.sub(r'href="/static/([^"]+)"', local, html)
    return pdf_text(html_pdf(html, base_url="/"))


class LeaveSlipTests(BookingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()

    def book(self, **slot):
        return services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(**slot), actor=self.alice
        )

    def test_the_title_is_plain_text(self):
        appointment = self.book()
        self.login(self.alice)
        html = self.client.get(url(appointment)).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        self.assertNotIn("script", title)
        self.assertIn("請假", title)

    def test_it_says_what_the_approver_needs_and_no_more(self):
        """Name, ROC date, time, 90 minutes, the programme, a neutral place, the issue
        date and the code; not the room, its location or the word counselling."""
        appointment = self.book(starts=at(4, 14), minutes=90)
        self.login(self.alice)
        response = self.client.get(url(appointment))
        main = response.content.decode().split("<main", 1)[-1].split("</main>", 1)[0]
        for shown in (
            "王小美",
            format_long(appointment.slot.starts_at),
            "14:00",
            "15:30",
            "90 分鐘",
            "員工協助方案",
            "員工協助方案指定地點",
            "開立日期",
            format_long(timezone.localdate()),
            services.leave_slip_code(appointment),
        ):
            self.assertIn(shown, main)
        for hidden in ("協談室A", "市府大樓5樓", "諮商", "晤談", self.case.code):
            self.assertNotIn(hidden, main)

    def test_a_remote_appointment_needs_no_travel(self):
        appointment = self.book(mode="phone")
        self.login(self.alice)
        self.assertContains(self.client.get(url(appointment)), "以電話或視訊進行，不需外出")

    def test_it_prints_the_plans_leave_rule(self):
        plan = load_preset("taoyuan-104")
        self.case.plan = plan
        self.case.save(update_fields=["plan"])
        appointment = self.book()
        self.login(self.alice)
        self.assertContains(self.client.get(url(appointment)), plan.leave_rule)

    def test_the_code_is_checked_by_the_system(self):
        """The code is bound to the appointment, its time and the name: another
        appointment's code, or this one's after the time changed, does not match."""
        first, second = self.book(starts=at(4, 9)), self.book(starts=at(5, 9))
        code = services.leave_slip_code(first)
        self.assertRegex(code, r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")
        self.assertTrue(services.leave_slip_matches(first, code))
        self.assertTrue(services.leave_slip_matches(first, code.lower().replace("-", "")))
        self.assertFalse(services.leave_slip_matches(second, code))
        first.slot.starts_at = at(6, 9)
        self.assertFalse(services.leave_slip_matches(first, code))

    def test_printed_it_shows_no_menu_footer_or_crisis_lines(self):
        appointment = self.book()
        self.login(self.alice)
        html = self.client.get(url(appointment)).content.decode()
        text = "".join(printed(html).split())
        self.assertIn("王小美", text)
        self.assertIn(services.leave_slip_code(appointment), text)
        for hidden in ("安心", "登出", "English", "1925", "現在就需要有人聊聊", "列印", "返回"):
            self.assertNotIn(hidden, text)


class LeaveSlipCheckTests(BookingTestCase):
    """The coordinator checks a slip's date and code for an approver who asks."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()

    def check(self, day, code):
        self.login(self.intake)
        return self.client.get(
            reverse("counseling:booking_leave_slip_check"), {"day": day, "code": code}
        )

    def test_a_matching_code_gives_what_the_slip_says_and_no_more(self):
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(starts=at(4, 14), minutes=50),
            actor=self.alice,
        )  # fmt: skip
        day = timezone.localtime(appointment.slot.starts_at).date()
        code = services.leave_slip_code(appointment).lower()
        response = self.check(day.isoformat(), code)
        self.assertContains(response, "驗證碼與本預約所開立的請假證明相符")
        for shown in ("王小美", "14:00", "14:50", "50 分鐘"):
            self.assertContains(response, shown)
        for hidden in (self.case.code, "協談室A"):
            self.assertNotContains(response, hidden)

    def test_a_wrong_code_or_day_or_a_cancelled_appointment_matches_nothing(self):
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(starts=at(4, 9)), actor=self.alice
        )
        day = timezone.localtime(appointment.slot.starts_at).date()
        code = services.leave_slip_code(appointment)
        self.assertContains(self.check(day.isoformat(), "AAAA-AAAA"), "沒有載有此驗證碼")
        other_day = day.replace(day=day.day % 28 + 1).isoformat()
        self.assertContains(self.check(other_day, code), "沒有載有此驗證碼")
        services.appointment_cancel(appointment=appointment, actor=self.alice)
        response = self.check(day.isoformat(), code)
        self.assertContains(response, "沒有載有此驗證碼")
        self.assertNotContains(response, "王小美")

    def test_an_empty_form_checks_nothing(self):
        self.login(self.intake)
        response = self.client.get(reverse("counseling:booking_leave_slip_check"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "沒有載有此驗證碼")
