"""Workers: menu declarations."""
