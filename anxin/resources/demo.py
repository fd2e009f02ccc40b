"""The demo declarations of the resources and the EAP zone: each part declares its own
(imported here for what it registers)."""

from anxin.resources.advice import demo as _advice  # noqa: F401
from anxin.resources.channels import demo as _channels  # noqa: F401
from anxin.resources.directory import demo as _directory  # noqa: F401
from anxin.resources.zone import demo as _zone  # noqa: F401
