"""The counselling room's yearly interviews with each agency's personnel head."""

__all__: list[str] = []
