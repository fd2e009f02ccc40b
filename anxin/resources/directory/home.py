"""Directory: home declarations."""
