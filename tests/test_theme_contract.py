"""Where the handbook takes over a part of Material's templates, it does so by a block or a partial of its own
made from Material's, never by rewriting Material's rendered HTML. Each such copy is checked here against the
Material installed: when an upgrade changes what was copied, this fails and names what to make again."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
THEME = Path(material.__file__).parent / "templates"
MAIN = ROOT / "overrides" / "main.html"


def _block(text: str, name: str) -> str:
    found = re.search(r"\{%-? block " + name + r" -?%\}(.*?)\{%-? endblock -?%\}", text, re.S)
    assert found, f"no block {name}"
    return found.group(1)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


def test_the_theme_settings_are_materials_but_for_the_search_worker() -> None:
    material_block = _lines(_block((THEME / "base.html").read_text(encoding="utf-8"), "config"))
    ours = _lines(_block(MAIN.read_text(encoding="utf-8"), "config"))
    worker = next(line for line in material_block if line.startswith('"search":'))
    worker_file = re.search(r'"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', worker)
    assert worker_file and (THEME / worker_file.group(1)).is_file()
    # Ours: how the worker is chosen, then Material's block with the worker's address as chosen.
    assert ours[ours.index("{%- endif -%}") + 1:] == [
        '"search": search_worker,' if line == worker else line for line in material_block]
    assert worker_file.group(1) in "\n".join(ours[:ours.index("{%- endif -%}")]), "Material's worker for pagefind"


# How Material's (minified) bundle talks to its search worker: it posts the settings as message 0 and each query as
# message 2, and takes message 1 as ready and message 3 as the results.
BUNDLE_SPEAKS = {
    "SETUP = 0": r"\{type:0,data:\{config:",
    "QUERY = 2": r"\{type:2,data:",
    "READY = 1": r"\.type===1\}",
    "RESULT = 3": r"\.type===3\}",
}


@pytest.mark.parametrize("message", sorted(BUNDLE_SPEAKS))
def test_the_search_worker_speaks_materials_messages(message: str) -> None:
    bundle = next((THEME / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    worker = (ROOT / "handbook" / "assets" / "javascripts" / "search-worker.js").read_text(encoding="utf-8")
    assert message in worker
    assert re.search(BUNDLE_SPEAKS[message], bundle), f"Material's bundle no longer sends or reads {message}"


# Material's partials the handbook keeps its own copy of, and the one change made to each.
PARTIALS = {
    "search.html": [('<div class="md-search" data-md-component="search" role="dialog">',
                     '<div class="md-search" data-md-component="search" role="dialog" '
                     "aria-label=\"{{ lang.t('search.placeholder') }}\">")],
    "palette.html": [('<form class="md-header__option" data-md-component="palette">',
                      '<form class="md-header__option" data-handbook-palette>')],
    "copyright.html": [('<div class="md-copyright">\n',
                        '<div class="md-copyright">\n'
                        "  <a class=\"handbook-maintainers\" href=\"{{ 'maintainers/' | url }}\">维护者指南</a>\n")],
    "path.html": [("<nav class=\"md-path\" aria-label=\"{{ lang.t('nav') }}\" {{ hidden }}>",
                   '<nav class="md-path" aria-label="当前位置" {{ hidden }}>')],
    "content.html": [("{{ page.content }}\n", '{% include "partials/under-title.html" %}\n')],
}
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
OUR_NOTE = re.compile(r"^\{#-.*?-#\}\n", re.S)


@pytest.mark.parametrize("name", sorted(PARTIALS))
def test_a_partial_of_ours_is_materials_with_one_change(name: str) -> None:
    theirs = (THEME / "partials" / name).read_text(encoding="utf-8").removeprefix(GENERATED)
    for old, new in PARTIALS[name]:
        assert theirs.count(old) == 1, f"Material's partials/{name} changed: make overrides/partials/{name} again"
        theirs = theirs.replace(old, new)
    ours = OUR_NOTE.sub("", (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8"), count=1)
    assert ours == theirs, f"overrides/partials/{name} is no longer Material's partial with the one change"


def test_every_script_of_every_page_waits_for_the_page(built_site: Path) -> None:
    """The theme's bundle is deferred by the one replacement main.html makes on the theme's output (its name is the
    theme's), the handbook's scripts by `defer: true` in mkdocs.yml: a replacement that stops matching fails here."""
    blocking = {}
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<html" not in text:
            continue  # a redirect of a former role address
        found = [src for src in re.findall(r"<script\b(?![^>]*\bdefer\b)[^>]*\bsrc=\"([^\"]+)\"", text)]
        if found:
            blocking[page.relative_to(built_site).as_posix()] = found
    assert not blocking, f"scripts that hold up the page: {dict(list(blocking.items())[:3])}"


def test_the_404_pages_base_comes_before_every_address_and_rewrites_nothing(built_site) -> None:
    """The not-found page sets its <base> before anything with an address, and its first script before the
    stylesheets, by wrapping Material's site_meta (not by rewriting it): charset, base and script in its head."""
    assert "| replace(" not in (ROOT / "overrides" / "404.html").read_text(encoding="utf-8")
    head = (built_site / "404.html").read_text(encoding="utf-8").split("</head>")[0]
    addresses = [found.start() for found in re.finditer(r"<[a-z]+ [^>]*\b(?:href|src)=", head)]
    assert addresses and addresses[0] == head.index("<base href="), "an address before the <base>"
    assert head.index('document.querySelector("base")') < head.index('rel="stylesheet"')
    assert head.count("charset=") == 1 and head.index("charset=") < 1024


def test_main_html_rewrites_nothing_of_the_themes_output_but_the_scripts() -> None:
    assert MAIN.read_text(encoding="utf-8").count("| replace(") == 1


def test_nothing_in_the_handbook_reaches_into_materials_python() -> None:
    """Material is used through its settings, its documented front matter and its template blocks only: no
    module of the handbook imports Material's Python or sets anything on it (its search plugin once had its jieba
    turned off and two methods taken over; the sections are now the handbook's own, macros/site/search_index.py)."""
    reaching = re.compile(r"^\s*(?:from|import)\s+material\b|importlib\.import_module\([\"']material", re.M)
    found = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "macros").rglob("*.py"))
             if reaching.search(path.read_text(encoding="utf-8"))]
    assert found == []
