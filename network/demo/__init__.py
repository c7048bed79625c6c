"""Demo content for a fresh site, written for the platform from the network's public record.

Loading is idempotent: each item is looked up by a stable key (a Spanish slug
under its parent, an ISO code, a name) and created only when missing, so a
second run changes nothing and an editor's later changes are never overwritten.
"""
