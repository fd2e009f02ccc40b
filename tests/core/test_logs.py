"""Expected refusals are one line in the log; an error keeps its traceback."""

import logging
import sys

from anxin.core.logs import RefusalsWithoutTraceback
from tests.base import BaseTestCase


class RefusalLogTestCase(BaseTestCase):
    def test_it_logs_a_403_in_one_line_without_a_traceback(self):
        self.login(self.alice)
        with self.assertLogs("django.request", logging.WARNING) as logs:
            response = self.client.get("/counselling/cases/")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(len(logs.records), 1)
        self.assertIsNone(logs.records[0].exc_info)
        self.assertEqual(
            logs.output,
            ["WARNING:django.request:Forbidden (Permission denied): /counselling/cases/"],
        )

    def test_it_logs_a_404_in_one_line_without_a_traceback(self):
        self.login(self.alice)
        with self.assertLogs("django.request", logging.WARNING) as logs:
            response = self.client.get("/counselling/cases/TPE115-9999/")
        self.assertIn(response.status_code, (403, 404))
        self.assertEqual([record.exc_info for record in logs.records], [None])
        self.assertTrue(all("\n" not in line for line in logs.output))

    def test_an_unexpected_error_keeps_its_traceback(self):
        try:
            raise ValueError("boom")
        except ValueError:
            record = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /",
                None, sys.exc_info(),
            )  # fmt: skip
        self.assertTrue(RefusalsWithoutTraceback().filter(record))
        self.assertIsNotNone(record.exc_info)
        self.assertIn("ValueError: boom", logging.Formatter().format(record))
