"""A canary for case conferences: markers written into the agenda, the decisions and an
action item show nowhere a non-participant can reach, nor in any inbox or e-mail."""

import uuid
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from anxin.core.models import Notification
from anxin.counseling.conferences import services
from tests.counseling import matrix_conferences
from tests.counseling.conferences_base import ConferenceTestCase


class ConferenceCanaryTestCase(ConferenceTestCase):
    def test_the_markers_stay_with_the_participants(self):
        marker = uuid.uuid4().hex
        conference = self.make_conference(by=self.counselor, agenda=f"agenda {marker}")
        services.conference_answer(conference=conference, agree=True)
        conference.refresh_from_db()
        services.conference_record_decisions(
            conference=conference, decisions=f"decisions {marker}", expected_version=1
        )
        item = services.action_item_add(
            conference=conference, text=f"action {marker}", owner=self.hr,
            due_on=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip
        values = {
            "conf_case": self.case.code,
            "conf_agreed": conference.uuid,
            "conf_pending": conference.uuid,
            "conf_action": item.uuid,
            "missing": uuid.uuid4(),
        }
        paths = [path.format(**values) for _n, method, path, _a in matrix_conferences.ROWS
                 if method == "GET"]  # fmt: skip
        paths += ["/inbox/", "/people/me/access-log/", "/", "/counselling/cases/"]
        outsiders = [self.alice, self.counselor2, self.intake, self.other_hr,
                     self.other_supervisor, self.eap_admin, self.auditor, self.sysadmin,
                     self.outsider]  # fmt: skip
        for user in outsiders:
            self.login(user)
            for path in paths:
                response = self.client.get(path)
                self.assertNotIn(marker, response.content.decode(), (user, path))
        for note in Notification.objects.all():
            self.assertNotIn(marker, note.subject + note.body)
        for message in mail.outbox:
            self.assertNotIn(marker, message.subject + message.body)
        # The participants do read it: the canary is alive.
        self.login(self.hr)
        self.assertContains(self.client.get(conference.get_absolute_url()), marker)
