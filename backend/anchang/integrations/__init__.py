"""Integrations: the transactional outbox of events, the changes feed, and signed webhooks."""
