"""Advice: menu declarations."""
