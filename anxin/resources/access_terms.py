"""The access-log words of the resources and the EAP zone: each part declares its own
(imported here, found by CoreConfig.ready())."""

from anxin.resources.advice import access_terms as _advice  # noqa: F401
