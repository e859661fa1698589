"""Test data and the helpers that make it: generated articles, scratch configs, old databases."""
