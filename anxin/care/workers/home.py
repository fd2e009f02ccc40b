"""Workers: home declarations."""
