"""The resource directory (shaped like Open Referral's HSDS), its search and the care-resource
map."""

__all__: list[str] = []
