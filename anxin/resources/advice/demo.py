"""Advice: demo declarations."""
