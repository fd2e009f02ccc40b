"""Retention of mentoring notes (invariant 6, decision 0075): a talk's note is emptied a
year after its pair closed; the talk stays for the completion rates. (The interviews'
retention is tested in test_interviews.py.)"""

from datetime import timedelta

from django.utils import timezone

from anxin.care.mentoring import due as mentoring_due
from anxin.care.mentoring import services as mentoring
from anxin.care.mentoring.models import MentoringPair, MentoringTalk
from anxin.people.roles import Role
from tests.care.mentoring_base import MentoringTestCase

NOTE = "聊到跟科長相處的壓力"


class MentoringNotesRetentionTests(MentoringTestCase):
    def held_talk_with_a_note(self):
        pair = mentoring.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.mentor,
            today=self.today,
        )  # fmt: skip
        talk = pair.talks.order_by("due_on").first()
        mentoring.talk_log(
            talk=talk, held_on=self.today, topic="stress", note=NOTE,
            expected_version=talk.version, today=self.today,
        )  # fmt: skip
        return pair, talk

    def test_a_note_stays_while_the_pair_is_open_and_a_year_after_it_closed(self):
        pair, talk = self.held_talk_with_a_note()
        now = timezone.now()
        self.assertIn(
            "emptied 0", mentoring_due.mentoring_notes_purge(now=now + timedelta(days=900))
        )
        closed = now - mentoring.KEEP_NOTES + timedelta(hours=1)
        MentoringPair.objects.filter(pk=pair.pk).update(
            status=MentoringPair.Status.COMPLETED, closed_at=closed
        )
        self.assertIn("emptied 0", mentoring_due.mentoring_notes_purge(now=now))
        self.assertTrue(MentoringTalk.objects.get(pk=talk.pk).note.startswith("anx1:"))

    def test_the_note_is_emptied_a_year_after_the_pair_closed_and_the_talk_stays(self):
        pair, talk = self.held_talk_with_a_note()
        now = timezone.now()
        MentoringPair.objects.filter(pk=pair.pk).update(
            status=MentoringPair.Status.ENDED,
            closed_at=now - mentoring.KEEP_NOTES - timedelta(hours=1),
        )
        self.assertEqual(mentoring_due.mentoring_notes_purge(now=now), "emptied 1 talk note(s)")
        kept = MentoringTalk.objects.get(pk=talk.pk)
        self.assertEqual((kept.note, kept.topic, kept.held_on), ("", "stress", self.today))
        self.assertEqual(mentoring.talk_note(kept, actor=self.hire_user, role=Role.EMPLOYEE), "")
