"""``make audit``: Lighthouse scores of every page type, mobile and desktop, into test-output/lighthouse/.

    python -m audit                      # build, serve, audit every page type with both presets
    python -m audit --pages home,role    # some page types only
    python -m audit --presets mobile     # one preset only
    python -m audit --site site          # audit an already built site instead of building one

Exits with 1 when a page misses accessibility, best practices or SEO 100; a performance score below the
target is reported, not fatal (it depends on the machine).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import OUT, PAGES, PRESETS, REQUIRED, ROOT, run, write_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help=f"page types, comma-separated ({', '.join(PAGES)})")
    parser.add_argument("--presets", default=",".join(PRESETS), help="mobile, desktop or both")
    parser.add_argument("--site", type=Path, help="an already built site to audit (default: build one)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the reports go")
    args = parser.parse_args(argv)
    unknown = [name for name in args.pages.split(",") if name not in PAGES]
    presets = tuple(preset for preset in args.presets.split(",") if preset)
    if unknown or not set(presets) <= set(PRESETS):
        parser.error(f"unknown page type(s) {unknown} or preset(s) {presets}")
    pages = {name: PAGES[name] for name in args.pages.split(",")}

    results = run(pages, presets, args.site, args.out)
    report = write_report(results, args.out)
    print(report.read_text(encoding="utf-8"))
    print(f"written: {report.relative_to(ROOT) if report.is_relative_to(ROOT) else report}")
    failed = [result for result in results
              if any(result.scores.get(name, 0) < target for name, target in REQUIRED.items())]
    if failed:
        print(f"error: {len(failed)} run(s) below 100 in accessibility, best practices or SEO", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
