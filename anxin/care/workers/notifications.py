"""Workers: notifications declarations."""
