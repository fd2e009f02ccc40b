"""The application form preselects no urgency (issue 13, item 5): a default of 「緊急」
inflated the urgent queue with requests whose sender never chose it."""

import re

from anxin.counseling.models import CounsellingRequest
from tests.counseling.base import CounselingTestCase, application

APPLY = "/counselling/apply/"


def selected_urgency(html: str) -> list[str]:
    """The values of the urgency select's selected options, as a browser would show."""
    select = re.search(r'<select name="urgency".*?</select>', html, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"([^>]*)>', select)
    marked = [value for value, attrs in options if "selected" in attrs]
    # A select with nothing marked shows its first option.
    return marked or [options[0][0]]


class ApplyUrgencyTestCase(CounselingTestCase):
    def test_it_preselects_no_urgency(self):
        """The form opens with an empty choice shown, not 「緊急」."""
        self.login(self.alice)
        response = self.client.get(APPLY)
        self.assertEqual(selected_urgency(response.content.decode()), [""])

    def test_a_request_without_urgency_is_refused_in_zh_hant_keeping_what_was_typed(self):
        self.login(self.alice)
        data = application(details="我想談談工作壓力", urgency="")
        response = self.client.post(APPLY, data, HTTP_ACCEPT_LANGUAGE="zh-hant")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CounsellingRequest.objects.exists())
        self.assertContains(response, "請選擇您需要協助的急迫程度")
        self.assertContains(response, "我想談談工作壓力")
        self.assertContains(response, "0912-345-678")
        self.assertEqual(selected_urgency(response.content.decode()), [""])

    def test_the_self_test_link_still_presets_urgent(self):
        """From a self-test's crisis result the form is set to urgent, visibly."""
        self.login(self.alice)
        response = self.client.get(APPLY + "?from=self-test")
        self.assertEqual(selected_urgency(response.content.decode()), ["urgent"])
