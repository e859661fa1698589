"""Merge: which reports are one event, which names are one person."""
