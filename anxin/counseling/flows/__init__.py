"""Case flows (non-voluntary, crisis) run from the plan's declarative steps, and the
retention purge."""
