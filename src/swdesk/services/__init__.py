"""Use cases of swdesk: each runs its own short transaction and returns domain objects."""
