"""A refused request is logged in one line; a server error keeps its traceback."""

import io
import logging
import sys

from anxin.core.logs import OneLineRefusals
from tests.base import BaseTestCase


def _console() -> logging.Handler:
    """The console handler the settings' LOGGING installs on the root logger."""
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, OneLineRefusals) for f in handler.filters):
            return handler
    raise AssertionError("the console handler has no OneLineRefusals filter")


class OneLineRefusalsTestCase(BaseTestCase):
    def test_it_logs_a_refused_request_in_one_line(self):
        """An employee sent to the roster page: one line naming the path, no traceback."""
        handler = _console()
        buffer = io.StringIO()
        previous = handler.setStream(buffer)
        try:
            self.login(self.alice)
            response = self.client.get("/people/roster/")
        finally:
            handler.setStream(previous)
        self.assertEqual(response.status_code, 403)
        logged = buffer.getvalue()
        self.assertIn("Forbidden (Permission denied): /people/roster/", logged)
        self.assertNotIn("Traceback", logged)
        self.assertEqual(len(logged.strip().splitlines()), 1)

    def test_it_keeps_the_traceback_of_a_server_error(self):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            info = sys.exc_info()
        for status, kept in ((500, True), (403, False), (400, False)):
            record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), info)
            record.status_code = status
            self.assertTrue(OneLineRefusals().filter(record))
            self.assertEqual(record.exc_info is not None, kept, status)
