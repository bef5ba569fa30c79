"""The four pages on how the work runs (cadence, release and incidents, tools, company size), and the context
a role page needs for its own sections on them. Same contract as :mod:`macros.site.pages`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..data.models import Handbook, Role
from . import practice_views as views
from . import urls
from .raci import RaciMatrix
from .render import render_markdown
from .topics import role_topics
from .urls import Linker


@dataclass(frozen=True)
class PracticePages:
    """Source paths of the practice pages, for links from templates."""

    cadence: str = urls.CADENCE
    operations: str = urls.OPERATIONS
    tools: str = urls.TOOLS
    settings: str = urls.COMPANY_SIZE


PAGES = PracticePages()


def role_context(handbook: Handbook, role: Role) -> dict[str, Any]:
    """What ``role-practice.md.j2`` (included in the role page) needs."""
    return {"practice": views.role_practice(handbook, role), "pages": PAGES, "anchor": urls.record_anchor,
            "topics": role_topics(handbook, role)}  # what a new hire meets (macros/site/topics.py)


def cadence_page(handbook: Handbook, link: Linker) -> Markup:
    return render_markdown("cadence.md.j2", page=views.cadence_page(handbook), anchor=urls.record_anchor, pages=PAGES,
                           link=link)


def operations_page(handbook: Handbook, link: Linker) -> Markup:
    return render_markdown("operations.md.j2", scale=handbook.operations.incident_levels,
                           practices=views.practice_views(handbook), anchor=urls.record_anchor, pages=PAGES, link=link)


def tools_page(handbook: Handbook, link: Linker) -> Markup:
    return render_markdown("tools.md.j2", tools=handbook.tools, rows=views.tools_by_activity(handbook),
                           anchor=urls.record_anchor, pages=PAGES, link=link)


def settings_page(handbook: Handbook, link: Linker) -> Markup:
    return render_markdown("settings.md.j2", settings=handbook.settings, matrix=views.size_matrix(handbook),
                           delivery=views.delivery_views(handbook), anchor=urls.record_anchor, pages=PAGES, link=link,
                           fallbacks=RaciMatrix.of(handbook).fallbacks())
