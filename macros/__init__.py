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
    from .site import changes as role_changes
    from .site import pages, practice_pages, search_index, seo, topics
    from .site.engine import (
        BuildParts,
        OptionsError,
        ProblemsError,
        apply_head,
        begin_build,
        engine_of,
        make_config_inert,
        once_per_content,
        site_options,
    )
    from .site.published import PublishedPages
    from .site.tooltips import TermMatcher
    from .site.urls import CAREER, ROLES_INDEX, Linker, canonical_url

    log = logging.getLogger("mkdocs.plugins.handbook")
    root = Path(env.project_dir)
    engine = engine_of(env)  # MkDocs or Zensical: the page's source path and metadata come from it
    try:
        options = site_options(env.conf)
    except OptionsError as error:
        raise PluginError(str(error)) from None
    try:
        search_engine = search_index.engine()
    except search_index.SearchIndexError as error:
        raise PluginError(str(error)) from None  # MkDocs prints the message alone and stops
    env.conf["extra"]["search_engine"] = search_engine  # overrides/main.html: which worker the search box asks
    make_config_inert(env.conf)  # before any page is made from site_url or prints site_name

    def load() -> Any:
        # A ProblemsError stops the build with its text; under `mkdocs serve` (site/preview.py) the last good
        # pages stay up and show its problems at their top.
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
        for line in draft_summaries(loaded.handbook, loaded.todos):  # a draft's to-dos in one line
            log.info("%s", line)
        changes = role_changes.changes_of(root, loaded.handbook)  # each role's 变更记录, from git once per build
        if line := role_changes.missing_line(changes):
            log.info("%s", line)  # info, not warning: a clone without history builds, also with --strict
        return loaded, changes, TermMatcher(loaded.handbook.glossary.terms)

    # Once per build under MkDocs; under Zensical (define_env for every page) once per content of data/.
    loaded, changes, term_matcher = once_per_content(engine, root, load)
    handbook = loaded.handbook
    env.variables["handbook_stats"] = {
        "roles": len(handbook.roles),
        "activities": len(handbook.activities.activities),
        "faq": len(handbook.all_faq),
    }

    def link() -> Linker:
        return Linker(engine.page_src(env.page), env.conf["use_directory_urls"], engine.html_from_source)

    @env.macro
    def role_page() -> str:
        """The role named by this page's front matter (``role: <slug>``)."""
        role = role_of_page(handbook, engine.page_src(env.page), engine.page_meta(env.page))
        canonical = canonical_url(env.conf, engine.page_src(env.page))
        apply_head(env.page, seo.role_head(handbook, role, canonical, env.conf.get("repo_url"), options.data_edit_uri))
        engine.place_under_index(env.page, env.variables.get("navigation"), ROLES_INDEX)
        apply_head(env.page, role_changes.feed_head(changes, role, link()))
        return pages.role_page(handbook, role, link(), canonical) + role_changes.role_section(changes, role, link())

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
        track = track_of_page(handbook, engine.page_src(env.page), engine.page_meta(env.page))
        apply_head(env.page, seo.track_head(track))
        engine.place_under_index(env.page, env.variables.get("navigation"), CAREER)
        return pages.track_page(handbook, track, link())

    @env.macro
    def skills_matrix() -> str:
        """Roles × skills and the level descriptors."""
        return pages.skills_page(handbook, link())

    @env.macro
    def self_assessment() -> str:
        """The self-assessment: a role, a level, a rating per skill and the gaps (run in the reader's browser)."""
        from .site.assess import assess_page

        return assess_page(handbook, link())

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
    def compare_roles() -> str:
        """Two or three roles side by side (/compare/?roles=a,b), filled in by compare.js from api/."""
        from .site.compare import compare_page

        return compare_page(handbook, link())

    @env.macro
    def new_hire_compliance() -> str:
        """The compliance and security gates before launch, who is R and A, and the rules behind them."""
        return topics.compliance_page(handbook, link())

    @env.macro
    def new_hire_grading() -> str:
        """Project grading (an example), and what 立项 and 结项 need."""
        return topics.grading_page(handbook, link())

    @env.macro
    def new_hire_estimation() -> str:
        """人天, story points, staffing schedules, resource pools, one person on several projects."""
        return topics.estimation_page(handbook, link())

    @env.macro
    def new_hire_ai() -> str:
        """AI tools in project work, and what is special about AI projects."""
        return topics.ai_page(handbook, link())

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

    # For the steps after the pages: the MkDocs hooks (tooltips, cards, addresses) and the last step.
    search = None if engine.per_page else search_index.PageSections(env.conf["site_dir"], search_engine)
    begin_build(env.conf, BuildParts(handbook, PublishedPages(card_cache=options.card_cache), term_matcher, search))


def on_post_page_macros(env: Any) -> None:
    """Make what a page's front matter prints in <head> inert (glossary tooltips come later, in the HTML)."""
    from .site.engine import make_meta_inert

    make_meta_inert(env.page)


def on_post_build(env: Any) -> None:
    """The build's last step, as under Zensical (site/finish.py): the search index, the export and the redirects
    of former role URLs, the link-preview cards, and the check that every file a page references was written."""
    from .site.engine import build_parts
    from .site.finish import finish

    parts = build_parts(env.conf)
    if parts is not None:
        finish(parts.handbook, env.conf, parts.published, parts.search)
