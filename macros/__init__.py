"""The handbook's face to mkdocs-macros: load the data once per build, register one macro per page kind.

Everything else lives in modules named for what they hold: ``model`` (the typed handbook), ``load`` and
``rules`` (reading and validating data/), ``parse_cache`` (parsed files kept between runs), ``raci``
(views of the matrix), ``render`` and ``pages`` (templates), ``seo`` (link previews and structured data),
``stubs`` (role page files), ``export`` (the machine-readable API), ``theme_cache`` and ``segment_cache``
(work kept between builds), ``__main__`` (the command line).
"""

from __future__ import annotations

import functools
import gc
import sys
from pathlib import Path
from typing import Any

from .data.read import HandbookError, Loaded, load_handbook

# The last valid data of each project this process has built. `mkdocs serve` rebuilds in one process, and
# mkdocs 1.6's server stops answering every request after a failed rebuild until a build succeeds: so a
# save with a mistake in it rebuilds from the last valid data instead, and the site stays up.
_last_valid: dict[Path, Loaded] = {}


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: runs at the start of every build (and every rebuild under serve)."""
    # Imported here: `python -m macros` imports this package first, and `check` needs no MkDocs or Jinja.
    import logging

    from mkdocs.exceptions import PluginError

    from .maintain.stubs import role_of_page
    from .site import pages, practice_pages, segment_cache, seo, theme_cache
    from .site.render import Linker
    from .site.tooltips import TermMatcher

    log = logging.getLogger("mkdocs.plugins.handbook")
    root = Path(env.project_dir)
    theme_cache.register(env.conf)
    segment_cache.install()
    try:
        loaded = load_handbook(root)
    except HandbookError as error:
        if root not in _last_valid:
            # PluginError stops `mkdocs build` (and the first build of `mkdocs serve`) with just this text.
            raise PluginError("invalid handbook data:\n" + error.report()) from None
        # Printed, not logged: a logged error would abort this rebuild too (strict: true counts it).
        problems = "\n".join(str(problem) for problem in error.problems)
        print(f"ERROR   -  invalid handbook data:\n{problems}\n{len(error.problems)} problem(s) in data/; "
              "the site still shows the last valid data until they are fixed.", file=sys.stderr, flush=True)
        loaded = _last_valid[root]
    else:
        _last_valid[root] = loaded
    for warning in loaded.warnings:
        log.info("%s", warning)  # info, not warning: a stale review must not fail a --strict build
    handbook = loaded.handbook
    env.variables["handbook_stats"] = {
        "roles": len(handbook.roles),
        "activities": len(handbook.activities.activities),
        "faq": len(handbook.faq.entries) + sum(len(role.faq) for role in handbook.roles),
    }

    def link() -> Linker:
        return Linker(env.page.file.src_uri, env.conf["use_directory_urls"])

    @env.macro
    def role_page() -> str:
        """The role named by this page's front matter (``role: <slug>``)."""
        role = role_of_page(handbook, env.page.file.src_uri, env.page.meta)
        seo.describe_role_page(env.page, env.conf, handbook, role)
        return pages.role_page(handbook, role, link())

    @env.macro
    def role_families(level: int = 2, anchor_prefix: str = "") -> str:
        """Every family with its roles as cards."""
        return pages.families_page(handbook, link(), level, anchor_prefix)

    @env.macro
    def raci_matrix() -> str:
        """The full RACI matrix with its legend."""
        return pages.raci_page(handbook, link())

    @env.macro
    def raci_by_phase() -> str:
        """One RACI matrix per life-cycle phase."""
        return pages.raci_phases_page(handbook, link())

    @env.macro
    def career_path() -> str:
        """The career ladder and certifications."""
        return pages.career_page(handbook, link())

    @env.macro
    def skills_matrix() -> str:
        """Roles × skills and the level descriptors."""
        return pages.skills_page(handbook, link())

    @env.macro
    def faq_list() -> str:
        """All questions; also marks the page up as a schema.org FAQPage."""
        seo.describe_faq_page(env.page, handbook)
        return pages.faq_page(handbook, link())

    @env.macro
    def glossary() -> str:
        """The glossary table."""
        return pages.glossary_page(handbook, link())

    @env.macro
    def work_cadence() -> str:
        """Iterations, release patterns and recurring events, with who takes part."""
        return practice_pages.cadence_page(handbook, link())

    @env.macro
    def release_and_incidents() -> str:
        """Incident levels and every release and incident practice, with who does what."""
        return practice_pages.operations_page(handbook, link())

    @env.macro
    def tool_categories() -> str:
        """Tool categories with neutral examples, and the categories each activity uses."""
        return practice_pages.tools_page(handbook, link())

    @env.macro
    def company_settings() -> str:
        """Company sizes, every role's staffing by size, titles, ToB/ToG delivery, goals and reviews."""
        return practice_pages.settings_page(handbook, link())

    @env.macro
    def yaml_example(kind: str) -> str:
        """A real excerpt of data/ for the maintainer guide."""
        return pages.yaml_example(root, handbook, kind)

    @env.macro
    def validation_examples() -> str:
        """Real mistakes and the real messages, for the maintainer guide."""
        return pages.maintainer_examples(root, handbook)

    # Kept on the env for the event hooks below, which mkdocs-macros calls with the env only.
    env.handbook = handbook
    env.term_matcher = TermMatcher(handbook.glossary.terms)  # read by the on_page_content hook (mkdocs_hooks)
    # The data lives until the build ends. Without this, each full collection during the build scans it again:
    # at 1,000 roles ~60,000 objects, a third of a second per build (see benchmarks/). Undone after the build.
    gc.freeze()


def on_pre_page_macros(env: Any) -> None:
    """Compile each distinct page source once per build rather than once per page.

    mkdocs-macros compiles every page's Markdown as a Jinja template, and every role page has the same body
    (``{{ role_page() }}``): at 1,000 roles, compiling it 1,000 times cost a quarter of a second (see
    benchmarks/). A compiled template renders any page's variables, so reusing it changes nothing else.
    mkdocs-macros makes a new Jinja environment for each build, hence the check on every page.
    """
    jinja = env.env
    if not getattr(jinja.from_string, "handbook_cached", False):
        cached = functools.lru_cache(maxsize=64)(jinja.from_string)
        cached.handbook_cached = True
        jinja.from_string = cached


def on_post_build(env: Any) -> None:
    """Write the machine-readable export and the redirects of former role URLs into the built site."""
    from .site.export import write_site_extras

    write_site_extras(env.handbook, Path(env.conf["site_dir"]), env.conf)
    gc.unfreeze()  # under `mkdocs serve`, what this build leaves behind can be collected again
