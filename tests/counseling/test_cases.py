"""The counsellor's cases, session records (附表二) and closing a case."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.core.paging import PER_PAGE
from anxin.counseling.models import Case, SessionRecord
from anxin.counseling.services import case_close, session_read
from tests.counseling.base import SESSION_FIELDS, CounselingTestCase, session_post

CASES = "/counselling/cases/"


class MyCasesTestCase(CounselingTestCase):
    def test_it_lists_only_the_counsellors_own_cases_with_session_counts(self):
        mine = self.make_case()
        self.make_session(mine)
        self.make_session(mine)
        theirs = self.make_case(counselor=self.counselor2)
        self.login(self.counselor)
        response = self.client.get(CASES)
        cases = list(response.context["cases"])
        self.assertEqual(cases, [mine])
        self.assertEqual(cases[0].session_count, 2)
        self.assertContains(response, mine.code)
        self.assertNotContains(response, theirs.code)

    def test_it_runs_a_fixed_number_of_queries(self):
        def count() -> int:
            self.client.get(CASES)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(CASES)
            self.assertEqual(response.status_code, 200)
            return len(context)

        self.login(self.counselor)
        for _ in range(10):
            self.make_session(self.make_case())
        small = count()
        for _ in range(90):
            self.make_case()
        self.assertEqual(count(), small)

    def close(self, case: Case, *, days_ago: int) -> Case:
        return case_close(
            case=case,
            outcome=Case.Outcome.RESOLVED,
            closed_on=timezone.localdate() - timedelta(days=days_ago),
            expected_version=case.version,
        )

    def test_it_lists_open_cases_first_then_the_most_recently_closed(self):
        """On both databases: PostgreSQL sorts NULL last in ascending order, so the open
        cases (no closing date) must be put first explicitly."""
        closed_long_ago = self.close(self.make_case(), days_ago=30)
        open_old = self.make_case()
        closed_lately = self.close(self.make_case(), days_ago=2)
        open_new = self.make_case()
        self.login(self.counselor)
        response = self.client.get(CASES)
        self.assertEqual(
            list(response.context["cases"]), [open_new, open_old, closed_lately, closed_long_ago]
        )
        self.assertContains(response, "進行中個案 2 件")

    def test_it_shows_fifty_cases_a_page_and_the_pager_keeps_the_filters(self):
        for _ in range(PER_PAGE + 5):
            self.make_case()
        self.login(self.counselor)
        first = self.client.get(CASES, {"status": "open"})
        self.assertEqual(len(first.context["cases"]), PER_PAGE)
        self.assertContains(first, "第 1 頁，共 2 頁")
        self.assertContains(first, "?status=open&amp;page=2")
        second = self.client.get(CASES, {"status": "open", "page": "2"})
        self.assertEqual(len(second.context["cases"]), 5)
        shown = {case.pk for case in first.context["cases"]} | {
            case.pk for case in second.context["cases"]
        }
        self.assertEqual(len(shown), PER_PAGE + 5)
        # A page past the end or not a number shows a page, never an error.
        self.assertEqual(len(self.client.get(CASES, {"page": "99"}).context["cases"]), 5)
        self.assertEqual(len(self.client.get(CASES, {"page": "x"}).context["cases"]), PER_PAGE)

    def test_it_filters_by_status_year_and_code(self):
        open_case = self.make_case()
        closed_case = self.close(self.make_case(), days_ago=1)
        last_year = self.make_case()
        Case.objects.filter(pk=last_year.pk).update(opened_at=timezone.now() - timedelta(days=400))
        self.login(self.counselor)

        def listed(**filters) -> set:
            response = self.client.get(CASES, filters)
            self.assertEqual(response.status_code, 200)
            return {case.pk for case in response.context["cases"]}

        self.assertEqual(listed(status="open"), {open_case.pk, last_year.pk})
        self.assertEqual(listed(status="closed"), {closed_case.pk})
        this_year = timezone.localdate().year - 1911
        earlier = timezone.localtime(Case.objects.get(pk=last_year.pk).opened_at).year - 1911
        self.assertEqual(listed(year=this_year), {open_case.pk, closed_case.pk})
        self.assertEqual(listed(year=earlier), {last_year.pk})
        self.assertEqual(listed(q=closed_case.code[-4:]), {closed_case.pk})
        response = self.client.get(CASES, {"q": "NO-SUCH"})
        self.assertContains(response, "沒有符合篩選條件的個案。")

    def test_a_bad_filter_value_answers_a_message_and_the_whole_list(self):
        case = self.make_case()
        self.login(self.counselor)
        response = self.client.get(CASES, {"year": "１１５年", "status": "nonsense"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["cases"]), [case])
        self.assertContains(response, 'aria-invalid="true"', count=2)

    def test_it_answers_405_and_refuses_other_roles(self):
        self.login(self.counselor)
        self.assertEqual(self.client.post(CASES).status_code, 405)
        for user in (self.alice, self.hr, self.supervisor, self.auditor, self.sysadmin,
                     self.intake, self.eap_admin):  # fmt: skip
            self.login(user)
            self.assertEqual(self.client.get(CASES).status_code, 403, user)


class CaseDetailTestCase(CounselingTestCase):
    def test_it_shows_the_records_and_logs_every_read_for_the_employee(self):
        """Invariant 2: each sealed field shown is an access-log row with the employee's
        file as subject, and the employee sees the rows on “Who read my file”."""
        case = self.make_case(self.make_request(details="想聊聊"))
        record = self.make_session(case, assessment="評估內容")
        self.login(self.counselor)
        response = self.client.get(case.get_absolute_url())
        self.assertContains(response, "評估內容")
        self.assertContains(response, "想聊聊")
        rows = AccessLog.objects.filter(record_uuid=record.uuid)
        self.assertEqual(rows.count(), len(SESSION_FIELDS))
        self.assertEqual({row.purpose for row in rows}, {"care"})
        self.assertEqual({row.subject_uuid for row in rows}, {self.alice_employee.uuid})
        self.login(self.alice)
        # The employee's page shows the counsellor's look: one line counting every row
        # (the request's and the record's fields), naming both kinds of record.
        looks = self.client.get("/people/me/access-log/").context["log"].looks
        request_rows = AccessLog.objects.filter(record_uuid=case.request.uuid).count()
        self.assertEqual(sum(look.rows for look in looks), rows.count() + request_rows)
        self.assertEqual(
            {kind for look in looks for kind, _ in look.read}, {"晤談紀錄", "諮商申請"}
        )

    def test_another_counsellor_gets_404_and_no_read(self):
        case = self.make_case()
        record = self.make_session(case)
        self.login(self.counselor2)
        for url in (
            case.get_absolute_url(),
            f"{case.get_absolute_url()}sessions/new/",
            record.get_absolute_url(),
            f"{case.get_absolute_url()}close/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
            if url != case.get_absolute_url():  # the case page itself answers GET only
                self.assertEqual(self.client.post(url, session_post()).status_code, 404, url)
        self.assertFalse(AccessLog.objects.filter(record_uuid=record.uuid).exists())
        self.assertEqual(SessionRecord.objects.count(), 1)

    def test_it_refuses_other_roles_and_methods(self):
        case = self.make_case()
        self.login(self.counselor)
        self.assertEqual(self.client.post(case.get_absolute_url()).status_code, 405)
        for user in (self.alice, self.hr, self.supervisor, self.auditor, self.sysadmin,
                     self.intake):  # fmt: skip
            self.login(user)
            self.assertEqual(self.client.get(case.get_absolute_url()).status_code, 403, user)


class SessionRecordTestCase(CounselingTestCase):
    def test_it_records_a_session_sealed(self):
        case = self.make_case()
        marker = "MARKER-session-92f"
        data = session_post(**{field: f"{field} {marker}" for field in SESSION_FIELDS[:-1]})
        self.login(self.counselor)
        response = self.client.post(f"{case.get_absolute_url()}sessions/new/", data)
        self.assertRedirects(response, case.get_absolute_url())
        record = SessionRecord.objects.get()
        self.assertEqual(record.minutes, 50)
        self.assertEqual(record.author, self.counselor)
        columns = ", ".join(SESSION_FIELDS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM counseling_sessionrecord")  # noqa: S608
            [row] = cursor.fetchall()
        for value in row:
            self.assertTrue(value.startswith("anx1:"))
            self.assertNotIn(marker, value)
            self.assertNotIn("low", value)
        clinical = session_read(record=record, case=case, actor=self.counselor, role="counselor")
        self.assertEqual(clinical["assessment"], f"assessment {marker}")
        self.assertEqual(clinical["risk_level"], "low")

    def test_it_shows_the_form_and_validates_with_what_was_typed_kept(self):
        case = self.make_case()
        self.login(self.counselor)
        url = f"{case.get_absolute_url()}sessions/new/"
        self.assertEqual(self.client.get(url).status_code, 200)
        future = timezone.localdate() + timedelta(days=2)
        response = self.client.post(
            url, session_post(held_on=future.isoformat(), assessment="保留這段文字", minutes="0")
        )
        form = response.context["form"]
        self.assertTrue(form.has_error("held_on", "future"))
        self.assertTrue(form.has_error("minutes", "min_value"))
        self.assertContains(response, "保留這段文字")
        self.assertFalse(SessionRecord.objects.exists())
        self.assertEqual(self.client.put(url).status_code, 405)

    def test_editing_reads_then_saves_and_a_stale_save_is_refused(self):
        """Invariant 11: the second of two edits from the same version is refused with a
        clear message, and what its author typed is still in the form."""
        case = self.make_case()
        record = self.make_session(case)
        self.login(self.counselor)
        url = record.get_absolute_url()
        response = self.client.get(url)
        self.assertEqual(response.context["form"].initial["assessment"], "assessment text")
        self.assertEqual(AccessLog.objects.filter(record_uuid=record.uuid).count(), 6)
        first = session_post(assessment="第一版", version=str(record.version))
        second = session_post(assessment="第二版，較晚存檔", version=str(record.version))
        self.assertRedirects(self.client.post(url, first), case.get_absolute_url())
        response = self.client.post(url, second)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "第二版，較晚存檔")
        self.assertIn("其他人儲存", str(response.context["form"].non_field_errors()))
        record.refresh_from_db()
        self.assertEqual(record.version, 2)
        clinical = session_read(record=record, case=case, actor=self.counselor, role="counselor")
        self.assertEqual(clinical["assessment"], "第一版")
        self.assertEqual(self.client.delete(url).status_code, 405)

    def test_a_record_of_another_case_answers_404(self):
        mine = self.make_case()
        other = self.make_case(counselor=self.counselor2)
        record = self.make_session(other)
        self.login(self.counselor)
        response = self.client.get(f"{mine.get_absolute_url()}sessions/{record.uuid}/")
        self.assertEqual(response.status_code, 404)


class CloseTestCase(CounselingTestCase):
    def test_it_closes_with_an_outcome_and_date_and_freezes_the_records(self):
        case = self.make_case()
        url = f"{case.get_absolute_url()}close/"
        self.login(self.counselor)
        self.assertEqual(self.client.get(url).status_code, 200)
        today = timezone.localdate()
        response = self.client.post(
            url, {"outcome": "resolved", "closed_on": today.isoformat(), "version": case.version}
        )
        self.assertRedirects(response, CASES)
        case.refresh_from_db()
        self.assertEqual(case.outcome, Case.Outcome.RESOLVED)
        self.assertEqual(case.closed_on, today)
        self.assertEqual(case.request.status, "closed")
        response = self.client.post(f"{case.get_absolute_url()}sessions/new/", session_post())
        self.assertRedirects(response, case.get_absolute_url())
        self.assertFalse(SessionRecord.objects.exists())

    def test_it_refuses_a_future_date_a_missing_outcome_and_a_stale_version(self):
        case = self.make_case()
        url = f"{case.get_absolute_url()}close/"
        self.login(self.counselor)
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = self.client.post(
            url, {"outcome": "", "closed_on": tomorrow.isoformat(), "version": case.version}
        )
        form = response.context["form"]
        self.assertTrue(form.has_error("closed_on", "future"))
        self.assertTrue(form.has_error("outcome", "required"))
        response = self.client.post(
            url,
            {"outcome": "other", "closed_on": timezone.localdate().isoformat(), "version": 99},
        )
        self.assertTrue(response.context["form"].non_field_errors())
        case.refresh_from_db()
        self.assertFalse(case.is_closed)
        self.assertEqual(self.client.patch(url).status_code, 405)
