"""Models of this part of counselling; imported by anxin/counseling/models.py."""
