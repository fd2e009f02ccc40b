"""Channels: due declarations."""
