"""The due declarations of the resources and the EAP zone: each part declares its own
(imported here for what it registers)."""

from anxin.resources.advice import due as _advice  # noqa: F401
from anxin.resources.channels import due as _channels  # noqa: F401
from anxin.resources.directory import due as _directory  # noqa: F401
from anxin.resources.zone import due as _zone  # noqa: F401
