"""Consent and disclosure, and referrals into counselling."""
