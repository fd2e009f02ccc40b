"""Service results and evaluation: the data of the app."""
