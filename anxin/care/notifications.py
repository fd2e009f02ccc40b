"""The notifications declarations of the care network: each part declares its own (imported
here for what it registers)."""

from anxin.care.interviews import notifications as _interviews  # noqa: F401
from anxin.care.mentoring import notifications as _mentoring  # noqa: F401
from anxin.care.outreach import notifications as _outreach  # noqa: F401
from anxin.care.workers import notifications as _workers  # noqa: F401
