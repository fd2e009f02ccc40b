"""The menu declarations of the care network: each part declares its own (imported here for
what it registers)."""

from anxin.care.interviews import menu as _interviews  # noqa: F401
from anxin.care.mentoring import menu as _mentoring  # noqa: F401
from anxin.care.outreach import menu as _outreach  # noqa: F401
from anxin.care.workers import menu as _workers  # noqa: F401
