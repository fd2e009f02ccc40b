"""Zone: home declarations."""
