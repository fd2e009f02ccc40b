"""Directory: notifications declarations."""
