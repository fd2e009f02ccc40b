"""Directory: due declarations."""
