"""Advice: due declarations."""
