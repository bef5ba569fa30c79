"""The site floor: view models computed in Python, markup in Jinja templates, and the engine's hooks.

Reads the data floor's records; never imports the maintainer tools or the package's entry points.
"""
