"""Directory: demo declarations."""
