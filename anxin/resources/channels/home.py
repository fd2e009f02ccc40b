"""Channels: home declarations."""
