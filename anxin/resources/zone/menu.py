"""Zone: menu declarations."""
