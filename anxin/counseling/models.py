"""Models of the counseling app."""
