"""Anchang (案场): the sales office of a real-estate project."""
