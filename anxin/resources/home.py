"""The home declarations of the resources and the EAP zone: each part declares its own
(imported here for what it registers)."""

from anxin.resources.advice import home as _advice  # noqa: F401
from anxin.resources.channels import home as _channels  # noqa: F401
from anxin.resources.directory import home as _directory  # noqa: F401
from anxin.resources.zone import home as _zone  # noqa: F401
