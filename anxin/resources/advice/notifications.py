"""Advice: notifications declarations."""
