"""Mentoring's pages: hr confirms from the proposals; the pair logs a talk whose note
only the two of them read; hr's pages never show it; an outsider is refused."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.care.mentoring import services
from anxin.care.mentoring.models import MentoringPair, MentoringTalk
from anxin.core.models import AccessLog
from tests.base import make_employee
from tests.care.mentoring_base import MentoringTestCase


class MentoringViewsTestCase(MentoringTestCase):
    def pair(self) -> MentoringPair:
        return services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.mentor,
            today=self.today,
        )  # fmt: skip

    def log(self, pair, note="壓力調適的筆記"):
        talk = pair.talks.first()
        url = f"/care/mentoring/{pair.uuid}/talks/{talk.uuid}/"
        return url, self.client.post(
            url,
            {"held_on": self.today.isoformat(), "topic": "stress", "note": note,
             "version": talk.version},
        )  # fmt: skip

    def test_hr_sees_the_proposal_and_confirms_it(self):
        self.login(self.hr)
        response = self.client.get("/care/mentoring/pairs/")
        self.assertContains(response, "許新人")
        response = self.client.post(
            "/care/mentoring/pairs/confirm/", {"mentee": self.hire.uuid, "mentor": self.mentor.pk}
        )
        self.assertRedirects(response, "/care/mentoring/pairs/")
        self.assertTrue(MentoringPair.objects.filter(mentee=self.hire).exists())

    def test_the_mentor_logs_a_talk_and_the_new_hire_reads_its_note(self):
        pair = self.pair()
        self.login(self.mentor_user)
        url, response = self.log(pair)
        self.assertEqual(response.status_code, 302)
        talk = MentoringTalk.objects.get(uuid=pair.talks.first().uuid)
        self.assertEqual(talk.topic, "stress")
        self.assertNotIn("壓力調適", talk.note)  # sealed
        self.login(self.hire_user)
        self.assertContains(self.client.get(url), "壓力調適的筆記")
        self.assertTrue(AccessLog.objects.filter(purpose="mentoring").exists())

    def test_hr_never_sees_the_note_and_others_get_404(self):
        pair = self.pair()
        self.login(self.mentor_user)
        url, _response = self.log(pair, note="只給兩人的話")
        self.login(self.hr)
        for path in ("/care/mentoring/pairs/", "/care/mentoring/rates/"):
            self.assertNotContains(self.client.get(path), "只給兩人的話")
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(f"/care/mentoring/{pair.uuid}/").status_code, 404)

    def test_only_the_new_hire_asks_for_another_mentor(self):
        pair = self.pair()
        self.login(self.mentor_user)
        self.assertEqual(self.client.post(f"/care/mentoring/{pair.uuid}/change/").status_code, 404)
        self.login(self.hire_user)
        self.client.post(f"/care/mentoring/{pair.uuid}/change/")
        pair.refresh_from_db()
        self.assertIsNotNone(pair.change_asked_at)
        self.assertEqual(self.client.get(f"/care/mentoring/{pair.uuid}/change/").status_code, 405)

    def test_a_talk_in_the_future_is_refused(self):
        pair = self.pair()
        self.login(self.hire_user)
        talk = pair.talks.first()
        response = self.client.post(
            f"/care/mentoring/{pair.uuid}/talks/{talk.uuid}/",
            {"held_on": "2999-01-01", "topic": "career", "version": talk.version},
        )
        self.assertEqual(response.status_code, 200)
        talk.refresh_from_db()
        self.assertIsNone(talk.held_on)

    def test_hr_pages_run_a_fixed_number_of_queries(self):
        self.login(self.hr)
        counts = []
        for batch in (2, 8):
            for number in range(batch):
                hire = make_employee(None, unit=self.unit, number=f"Q{batch}{number:02d}",
                                     name=f"新{batch}{number}", hire_date=self.today)  # fmt: skip
                if number % 2:
                    services.pair_confirm(actor=self.hr, scope=self.agency, mentee=hire,
                                          mentor=self.mentor, today=self.today)  # fmt: skip
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/care/mentoring/pairs/").status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_the_wrong_method_and_the_outsider(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get("/care/mentoring/pairs/").status_code, 403)
        self.login(self.hr)
        self.assertEqual(self.client.put("/care/mentoring/mentors/").status_code, 405)


class MentoringHomeTestCase(MentoringTestCase):
    def test_the_home_pages_show_the_next_talk_and_hrs_figures(self):
        pair = services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.mentor,
            today=self.today,
        )  # fmt: skip
        services.change_ask(pair=pair, now=pair.confirmed_at)
        self.login(self.hire_user)
        self.assertContains(self.client.get("/"), "mentoring-next-heading")
        self.login(self.hr)
        response = self.client.get("/")
        self.assertContains(response, "mentoring-figures-heading")
        self.assertEqual(response.context["mentoring_figures"], {"active": 1, "asked": 1})
        self.login(self.alice)
        self.assertNotContains(self.client.get("/"), "mentoring-next-heading")
