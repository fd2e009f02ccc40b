"""Workers: due declarations."""
