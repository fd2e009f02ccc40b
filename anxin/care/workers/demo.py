"""Workers: demo declarations."""
