"""The menu declarations of the resources and the EAP zone: each part declares its own
(imported here for what it registers)."""

from anxin.resources.advice import menu as _advice  # noqa: F401
from anxin.resources.channels import menu as _channels  # noqa: F401
from anxin.resources.directory import menu as _directory  # noqa: F401
from anxin.resources.zone import menu as _zone  # noqa: F401
