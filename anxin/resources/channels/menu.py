"""Channels: menu declarations."""
