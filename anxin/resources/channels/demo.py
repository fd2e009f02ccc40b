"""Channels: demo declarations."""
