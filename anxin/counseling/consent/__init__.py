"""Consent and disclosure, referrals into counselling, case conferences and emergency
(break-glass) access."""
