"""Channels: notifications declarations."""
