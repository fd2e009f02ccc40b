"""Logging filters.

An expected refusal, a 403 for a role that may not open a page or a 404 for an object the
user may not see, is one line in the log: Django attaches the exception's traceback to its
"Forbidden" line, and a busy day of refusals buried the tracebacks that matter (a 500)
under hundreds that do not. The refusal itself stays logged: path and status, no body.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404

EXPECTED_REFUSALS = (PermissionDenied, Http404)


class RefusalsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], EXPECTED_REFUSALS):
            record.exc_info = None
            record.exc_text = None
        return True
