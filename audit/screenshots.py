"""``make screenshots``: every page type on a phone (360×740) and a desktop (1280×800), light and dark, as a
reader sees it, into test-output/screenshots/ (not committed: look at them before calling a page done).

    python -m audit.screenshots                  # build, serve, shoot every page type
    python -m audit.screenshots --pages role,raci
    python -m audit.screenshots --site site      # an already built site

Each page is shot whole (``<type>-<size>-<scheme>.png``); the RACI matrix also with a letter's explanation
open on a phone, and the 404 page at a missing address.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import PAGES as AUDITED_PAGES
from . import ROOT, build
from browser_support import INSTALL_HINT, chromium_path, launch, serve

OUT = ROOT / "test-output" / "screenshots"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
# Every page type Lighthouse audits, and the pages a reader also looks at that share a type with one of them.
PAGES = {
    **AUDITED_PAGES,
    "roles": "roles/",
    "raci-phases": "raci/phases/",
    "cadence": "work/cadence/",
    "tools": "work/tools/",
    "company-size": "work/company-size/",
    "compliance": "work/compliance/",
    "grading": "work/grading/",
    "compare": "compare/?roles=project-manager,technical-project-manager",
    "assess": "assess/",
    "maintainers": "maintainers/",
    "benchmarks": "maintainers/benchmarks/",
    "engines": "maintainers/engines/",
    "404": "roles/no-such-role/",
}


def settle(tab) -> None:
    """Wait until every transition and animation of the page has finished (endless ones aside): a reader sees
    the page at rest."""
    tab.evaluate("() => Promise.all(document.getAnimations()"
                 ".filter(animation => animation.effect.getComputedTiming().endTime !== Infinity)"
                 ".map(animation => animation.finished))")


def shoot(site: Path, pages: dict[str, str], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not executable:
        raise SystemExit(f"Chromium not found: {INSTALL_HINT}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright, executable)
        for size, viewport in SIZES.items():
            phone = size == "phone"
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                              color_scheme=scheme, locale="zh-CN", base_url=url)
                tab = context.new_page()
                for name, path in pages.items():
                    tab.goto(path)
                    tab.wait_for_load_state("networkidle")
                    settle(tab)  # the tabs fade in after load
                    target = out / f"{name}-{size}-{scheme}.png"
                    tab.screenshot(path=target, full_page=True, animations="disabled")
                    written.append(target)
                    if name == "raci" and phone:
                        letter = tab.locator(".matrix-tip").nth(40)
                        letter.scroll_into_view_if_needed()
                        letter.tap()
                        settle(tab)
                        target = out / f"raci-tip-{size}-{scheme}.png"
                        tab.screenshot(path=target, animations="disabled")
                        written.append(target)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help=f"page types, comma-separated ({', '.join(PAGES)})")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    unknown = [name for name in args.pages.split(",") if name not in PAGES]
    if unknown:
        parser.error(f"unknown page type(s): {unknown}")
    pages = {name: PAGES[name] for name in args.pages.split(",")}
    with tempfile.TemporaryDirectory(prefix="pm-handbook-shots-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build(site)
        written = shoot(site, pages, args.out)
    print(f"{len(written)} screenshots in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
