"""Zone: notifications declarations."""
