"""Case flows (non-voluntary, crisis) run from the plan's declarative steps, emergency
(break-glass) access, and the retention purge."""
