"""Zone: due declarations."""
