"""The notifications declarations of the resources and the EAP zone: each part declares its
own (imported here for what it registers)."""

from anxin.resources.advice import notifications as _advice  # noqa: F401
from anxin.resources.channels import notifications as _channels  # noqa: F401
from anxin.resources.directory import notifications as _directory  # noqa: F401
from anxin.resources.zone import notifications as _zone  # noqa: F401
