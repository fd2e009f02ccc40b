"""Topic channels: private membership, posts, moderated comments, digests, LINE delivery."""

__all__: list[str] = []
