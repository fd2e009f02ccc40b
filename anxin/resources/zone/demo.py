"""Zone: demo declarations."""
