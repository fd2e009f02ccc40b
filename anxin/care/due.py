"""The due declarations of the care network: each part declares its own (imported here for
what it registers)."""

from anxin.care.interviews import due as _interviews  # noqa: F401
from anxin.care.mentoring import due as _mentoring  # noqa: F401
from anxin.care.outreach import due as _outreach  # noqa: F401
from anxin.care.workers import due as _workers  # noqa: F401
