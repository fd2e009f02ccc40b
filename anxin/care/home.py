"""The home declarations of the care network: each part declares its own (imported here for
what it registers)."""

from anxin.care.interviews import home as _interviews  # noqa: F401
from anxin.care.mentoring import home as _mentoring  # noqa: F401
from anxin.care.outreach import home as _outreach  # noqa: F401
from anxin.care.workers import home as _workers  # noqa: F401
