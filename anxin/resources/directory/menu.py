"""Directory: menu declarations."""
