"""Logins, access and refresh tokens, and the dependencies that say who may call what."""
