"""Advice: home declarations."""
