"""The handbook's face to mkdocs-macros: load the data once per build, register one macro per page kind.

The package is built in floors, each importing only those below it (tests/test_layout.py holds it to that):

    __init__.py, __main__.py   this entry point and the command line
    maintain/                  files written for maintainers: role skeletons, page stubs, the URL contract
    site/                      pages, rendering and templates, RACI views, SEO, export, URLs and anchors
    data/                      the records (pydantic), reading data/, the rules, problems, JSON Schemas
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .data.messages import say
from .data.read import HandbookError, load_handbook


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: runs at the start of every build (and every rebuild under serve)."""
    # Imported here: `python -m macros` imports this package first, and `check` needs no MkDocs or Jinja.
    import logging

    from mkdocs.exceptions import PluginError

    from .data.drafts import draft_summaries
    from .maintain.consistency import project_problems
    from .maintain.stubs import role_of_page, track_of_page
    from .site import pages, practice_pages, search_index, seo
    from .site.published import PublishedPages
    from .site.engine import (OptionsError, ProblemsError, apply_head, make_config_inert, place_under_index,
                              site_options)
    from .site.tooltips import TermMatcher
    from .site.urls import CAREER, ROLES_INDEX, Linker, canonical_url

    log = logging.getLogger("mkdocs.plugins.handbook")
    root = Path(env.project_dir)
    try:
        options = site_options(env.conf)
    except OptionsError as error:
        raise PluginError(str(error)) from None
    _use_markdown_extensions(env.conf)
    search_index.install(env.conf)
    make_config_inert(env.conf)  # before any page is made from site_url or prints site_name
    # A ProblemsError stops the build with its text; under `mkdocs serve` (site/preview.py) the last good pages
    # stay up and show its problems at their top.
    try:
        loaded = load_handbook(root)
    except HandbookError as error:
        raise ProblemsError(say("build_stopped") + "\n" + error.report(), error.problems) from None
    # What `check` rejects is never published: the same rules (maintain/consistency.py) as `check`.
    problems = project_problems(root, loaded.handbook)
    if problems:
        raise ProblemsError(say("build_stopped") + "\n" + HandbookError(problems).report(), problems) from None
    for warning in loaded.warnings:
        log.info("%s", warning)  # info, not warning: a stale review must not fail a --strict build
    for line in draft_summaries(loaded.handbook, loaded.todos):  # a draft's to-dos in one line (check lists them)
        log.info("%s", line)
    handbook = loaded.handbook
    env.variables["handbook_stats"] = {
        "roles": len(handbook.roles),
        "activities": len(handbook.activities.activities),
        "faq": len(handbook.all_faq),
    }

    def link() -> Linker:
        return Linker(env.page.file.src_uri, env.conf["use_directory_urls"])

    @env.macro
    def role_page() -> str:
        """The role named by this page's front matter (``role: <slug>``)."""
        role = role_of_page(handbook, env.page.file.src_uri, env.page.meta)
        apply_head(env.page, seo.role_head(handbook, role, canonical_url(env.conf, env.page.file.src_uri),
                                           env.conf.get("repo_url"), options.data_edit_uri))
        place_under_index(env.page, env.variables.get("navigation"), ROLES_INDEX)
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
        """Every career track as a ladder, the joins between tracks, and the certifications."""
        return pages.career_page(handbook, link())

    @env.macro
    def track_page() -> str:
        """The career track named by this page's front matter (``track: <id>``)."""
        track = track_of_page(handbook, env.page.file.src_uri, env.page.meta)
        apply_head(env.page, seo.track_head(track))
        place_under_index(env.page, env.variables.get("navigation"), CAREER)
        return pages.track_page(handbook, track, link())

    @env.macro
    def skills_matrix() -> str:
        """Roles × skills and the level descriptors."""
        return pages.skills_page(handbook, link())

    @env.macro
    def faq_list() -> str:
        """All questions; also marks the page up as a schema.org FAQPage."""
        apply_head(env.page, seo.faq_head(handbook))
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
        return pages.yaml_example(loaded.texts, handbook, kind)

    @env.macro
    def validation_examples() -> str:
        """Real mistakes and the real messages, for the maintainer guide."""
        return pages.maintainer_examples(root)

    @env.macro
    def preview_banner_example() -> str:
        """The preview's problem banner for a real mistake, as a static picture, for the maintainer guide."""
        return pages.preview_banner_example(root)

    # Kept on the env for the event hooks below, which mkdocs-macros calls with the env only.
    env.handbook = handbook
    env.published = PublishedPages(card_cache=options.card_cache)  # cards and address checks (mkdocs_hooks)
    env.term_matcher = TermMatcher(handbook.glossary.terms)  # read by the on_page_content hook (mkdocs_hooks)


def _use_markdown_extensions(conf: Any) -> None:
    """Chinese line joins and ASCII title ids (``macros.site.typography``) and tables a phone reads row by row
    (``macros.site.tables``) on every page; added once, also when `mkdocs serve` builds again with the same
    config. (Listing them in mkdocs.yml would need this project installed as a package.)"""
    from .site.tables import PhoneTablesExtension
    from .site.typography import TypographyExtension

    extensions = conf["markdown_extensions"]
    for kind in (TypographyExtension, PhoneTablesExtension):
        if not any(isinstance(extension, kind) for extension in extensions):
            extensions.append(kind())


def on_post_page_macros(env: Any) -> None:
    """Make what a page's front matter prints in <head> inert (glossary tooltips come later, in the HTML)."""
    from .site.engine import make_meta_inert

    make_meta_inert(env.page)


def on_post_build(env: Any) -> None:
    """Write the machine-readable export and the redirects of former role URLs into the built site."""
    from .site.export import write_site_extras

    write_site_extras(env.handbook, Path(env.conf["site_dir"]), env.conf)
