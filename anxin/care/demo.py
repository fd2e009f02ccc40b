"""The demo declarations of the care network: each part declares its own (imported here for
what it registers)."""

from anxin.care.interviews import demo as _interviews  # noqa: F401
from anxin.care.mentoring import demo as _mentoring  # noqa: F401
from anxin.care.outreach import demo as _outreach  # noqa: F401
from anxin.care.workers import demo as _workers  # noqa: F401
