"""The data floor: ``data/`` read once into typed records, every rule checked once, every problem collected.

Knows nothing of Jinja, MkDocs or the site; the floors above read what it gives them.
"""
