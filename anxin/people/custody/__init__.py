"""Account custody (DESIGN.md invariant 12, decision 0017): nobody becomes somebody else.

Resetting a person's password and second factor, and granting a role that reads sealed
content or the logs, are a request by one person and an approval by a second person of
another role; the account holder sets the new password and authenticator through a
one-time link sent to him or her. Every step goes to the append-only `SecurityLog`
that the auditor reads.
"""
