"""The build benchmark: ``python -m benchmarks`` (``make bench``).

It builds the handbook at 13 (the real data), 100 and 1,000 roles (synthetic data that passes the real
validation) and, alternating with each build, the *floor*: the very same rendered pages as plain Markdown,
built by MkDocs with the same theme and no macros plugin. The difference is what our data layer costs.

Modules, each named for what it holds:

* ``synthetic`` — N synthetic roles and the catalogues around them (families, skills, RACI, ...)
* ``project``   — temporary project folders: the handbook's code with real or synthetic data
* ``floor``     — capture every page's Markdown after macros ran; the plain-MkDocs project built from it
* ``measure``   — one child process timed: wall time and its peak memory (``wait4``)
* ``serve``     — ``mkdocs serve``: time from saving a role file to the rebuilt site
* ``report``    — the table, the targets, JSON and Markdown under ``benchmarks/results/``
* ``__main__``  — the command line that runs it all
"""
