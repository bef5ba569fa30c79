"""``python -m benchmarks``: build the handbook and its floor at 13, 100 and 1,000 roles; time ``check`` and serve;
compare the search engines (benchmarks/search.py) and Zensical against MkDocs (benchmarks/zensical.py) on the
same sizes.

    python -m benchmarks                      # 13, 100, 1,000 roles (5, 5, 3 runs), serve, search: ~20 minutes
    python -m benchmarks --sizes 13,100 --repeat 5
    python -m benchmarks --profile 100        # also: where a build at 100 roles spends its time (cProfile)
    python -m benchmarks --search-only        # only the search engines compared (lunr, Pagefind, bigram)
    python -m benchmarks --no-search          # no search comparison (it needs Chromium)
    python -m benchmarks --no-zensical        # no Zensical comparison (it needs `make zensical-setup`)

N=13 uses the repository's real data/ when it has role files, synthetic roles otherwise. Every build runs
in a temporary copy of the project; results go to benchmarks/results/ (JSON and Markdown, git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from . import floor, hotspots, measure, report, serve
from . import zensical as zensical_bench
from . import search as search_bench
from .project import ROOT, Project, real_data_available, real_project, synthetic_project

RESULTS = ROOT / "benchmarks" / "results"
REAL_SIZE = 13
CHECKED = re.compile(r"用时 ([0-9.]+) 秒")  # the last words of `check`'s summary


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def make_project(target: Path, roles: int) -> Project:
    if roles == REAL_SIZE and real_data_available():
        return real_project(target)
    return synthetic_project(target, roles)


def measure_site(side: report.Side, site: Path, sample_role: str) -> None:
    side.site_bytes = measure.tree_bytes(site)
    side.role_page_bytes = (site / "roles" / sample_role / "index.html").stat().st_size
    side.search_index_bytes = (site / "search" / "search_index.json").stat().st_size
    pages = [(path.relative_to(site).as_posix(), path.stat().st_size) for path in site.rglob("*.html")]
    side.pages = len(pages)
    side.largest_pages = sorted(pages, key=lambda item: -item[1])[:3]


def time_check(project: Path, runs: int = 3) -> tuple[float, float | None, float]:
    """``python -m macros check`` on a project: the median wall time and the time it reports itself, of runs
    after an earlier run (files in the OS's cache, bytecode written, as for a maintainer between edits), and
    the wall time of the first run."""
    command = [sys.executable, "-m", "macros", "--root", str(project), "check"]
    cold = measure.run(command, project)
    if cold.returncode != 0:
        say(f"check failed on {project}:\n{cold.output[-2000:]}")
        return cold.seconds, None, cold.seconds
    walls, reported = [], []
    for _ in range(runs):
        result = measure.run(command, project)
        walls.append(result.seconds)
        match = CHECKED.search(result.output)
        if match:
            reported.append(float(match.group(1)))
    return statistics.median(walls), statistics.median(reported) if reported else None, cold.seconds


def make_floor(base: Path, project: Project) -> Path:
    """The floor of ``project`` in ``base/floor``: its pages as rendered, as plain Markdown without macros.
    The capture build (untimed) also warms the disk cache and writes macros/'s bytecode."""
    say(f"{project.roles} roles: capture build (the floor's Markdown)")
    captured = base / "captured"
    floor.prepare_capture(project.root)
    measure.mkdocs_build(project.root, base / "site-capture", floor.CAPTURE_CONFIG,
                         {floor.CAPTURE_ENV: str(captured)})
    shutil.rmtree(base / "site-capture", ignore_errors=True)
    return floor.floor_project(project.root, captured, base / "floor")


def bench_size(workdir: Path, roles: int, repeat: int, keep: bool) -> report.SizeResult:
    base = workdir / f"n{roles}"
    say(f"{roles} roles: writing the project")
    project = make_project(base / "project", roles)
    floor_root = make_floor(base, project)
    result = report.SizeResult(project.roles, "real" if project.real else "synthetic", project.sample_role,
                               project.role_bytes // project.roles, project.role_chars // project.roles)
    sites = {"handbook": base / "site-handbook", "floor": base / "site-floor"}
    for run in range(repeat):  # alternate: handbook, floor, handbook, floor, ...
        for kind, root in (("handbook", project.root), ("floor", floor_root)):
            outcome = measure.mkdocs_build(root, sites[kind])
            side = getattr(result, kind)
            side.seconds.append(outcome.seconds)
            side.max_rss_mib.append(outcome.max_rss_mib)
            say(f"{roles} roles: run {run + 1}/{repeat} {kind:8} {outcome.seconds:7.2f} s "
                f"{outcome.max_rss_mib:6.0f} MiB")
    for kind, site in sites.items():
        measure_site(getattr(result, kind), site, project.sample_role)
    result.check_seconds, result.check_reported_seconds, result.check_cold_seconds = time_check(project.root)
    say(f"{roles} roles: check {result.check_seconds:.2f} s (first run, nothing cached: "
        f"{result.check_cold_seconds:.2f} s)")
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return result


def bench_search(workdir: Path, roles: int, keep: bool, engines: list[str]) -> list[search_bench.EngineResult]:
    """The search engines compared on one project: the corpus at the real size, role names otherwise."""
    base = workdir / f"search-n{roles}"
    project = make_project(base / "project", roles)
    if project.real:
        queries = search_bench.corpus()
    else:
        from .synthetic import role_names

        queries = search_bench.synthetic_corpus(role_names(roles))

    def build(root: Path, site: Path, env: dict[str, str]) -> float:
        return measure.mkdocs_build(root, site, extra_env=env).seconds

    measure.mkdocs_build(project.root, base / "warm")  # untimed: parse cache, bytecode, disk cache
    shutil.rmtree(base / "warm", ignore_errors=True)
    results = search_bench.compare(project.root, project.roles, queries, base, build, say, engines)
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return results


SERVE_SIZES = (REAL_SIZE, 1000)  # the real data, and a thousand synthetic roles
FLOOR_SERVE_EDITS_AT_1000 = 3  # each of the floor's saves rebuilds all 1,000 pages (about a minute)


def bench_serve(workdir: Path, edits: int) -> dict:
    """Saves under ``mkdocs serve``: of a role's YAML file in the handbook (as `make serve` runs it: only the pages
    a save changed are made again), and of the same role's page in the floor (plain `mkdocs serve` rebuilding the
    same pages), at each of SERVE_SIZES; the two servers of a size are measured one after the other."""
    results = []
    for size in SERVE_SIZES:
        base = workdir / f"serve-{size}"
        project = make_project(base / "project", size)
        floor_root = make_floor(base, project)
        say(f"serve: {project.roles} roles ({'real' if project.real else 'synthetic'} data), {edits} saves")
        role_file = f"data/roles/{project.sample_role}.yaml"
        outcome = serve.measure_serve(project.root, project.root / role_file, edits)
        outcome.update({"roles": project.roles, "data": "real" if project.real else "synthetic",
                        "role_file": role_file})
        page = floor_root / "handbook" / "roles" / f"{project.sample_role}.md"
        floor_edits = edits if size < 1000 else min(edits, FLOOR_SERVE_EDITS_AT_1000)
        outcome["floor"] = serve.measure_serve(floor_root, page, floor_edits, touch=serve.touch_page,
                                               options=serve.FLOOR_SERVE, timeout=600.0)
        say(f"serve: {project.roles} roles: reloaded {outcome['median_reload_seconds']:.2f} s after a save "
            f"(median; floor {outcome['floor']['median_reload_seconds']:.2f} s)")
        results.append(outcome)
        shutil.rmtree(base, ignore_errors=True)
    return {"sizes": results}


ZENSICAL_REPEAT = {1000: 1}  # a Zensical build of 1,000 roles takes minutes; otherwise 3 pairs


def bench_zensical(workdir: Path, sizes: list[int], edits: int) -> list[dict]:
    """Zensical against MkDocs at each size: whole builds, alternating; then, at the real size and at 1,000 roles,
    a save under each one's serve (benchmarks/zensical.py)."""
    results = []
    for size in sizes:
        base = workdir / f"zensical-{size}"
        project = make_project(base / "project", size)
        measure.mkdocs_build(project.root, base / "warm")  # untimed: bytecode, disk cache
        shutil.rmtree(base / "warm", ignore_errors=True)
        outcome = zensical_bench.bench_builds(project, ZENSICAL_REPEAT.get(size, 3), say)
        if edits > 0 and size in SERVE_SIZES:
            outcome["serve"] = zensical_bench.bench_serve(project, edits, say)
        results.append(outcome)
        shutil.rmtree(base, ignore_errors=True)
    return results


def bench_profile(workdir: Path, roles: int, results: Path) -> dict:
    project = synthetic_project(workdir / f"profile-{roles}", roles)
    say(f"profile: {roles} roles under cProfile")
    raw = hotspots.profile_build(project.root, workdir / f"profile-site-{roles}", results / f"profile-{roles}.prof")
    summary = hotspots.summarise(raw, project.root / "macros")
    text_file = results / f"profile-{roles}.txt"
    text_file.write_text(summary.pop("text"), encoding="utf-8")
    summary.update({"roles": roles, "file": text_file.relative_to(ROOT).as_posix()})
    return summary


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("sizes are role counts of at least 2, e.g. 13,100,1000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=[13, 100, 1000], help="role counts (default 13,100,1000)")
    parser.add_argument("--repeat", type=int, default=5, help="handbook/floor build pairs per size (default 5)")
    parser.add_argument("--large-repeat", type=int, default=3,
                        help="pairs for sizes of 1,000 roles and more (default 3; each pair takes about a minute)")
    parser.add_argument("--serve-edits", type=int, default=5, help="saves timed under mkdocs serve (0: skip)")
    parser.add_argument("--profile", type=int, metavar="N", help="also profile a build of N synthetic roles")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON and Markdown go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--no-search", action="store_true", help="skip the search engine comparison")
    parser.add_argument("--no-zensical", action="store_true", help="skip Zensical against MkDocs")
    parser.add_argument("--search-engines", type=lambda text: [e for e in text.split(",") if e],
                        default=list(search_bench.ENGINES),
                        help=f"engines compared (default {','.join(search_bench.ENGINES)})")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search engine comparison (no handbook/floor builds, no serve)")
    args = parser.parse_args(argv)
    args.results.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="pm-handbook-bench-"))
    started = dt.datetime.now().astimezone()
    say(f"working in {workdir}")
    try:
        sizes, engines = [], []
        for roles in args.sizes:
            repeat = args.large_repeat if roles >= 1000 and args.large_repeat else args.repeat
            if not args.search_only:
                sizes.append(bench_size(workdir, roles, max(1, repeat), args.keep))
            if not args.no_search:
                engines += bench_search(workdir, roles, args.keep, args.search_engines)
        served = bench_serve(workdir, args.serve_edits) if args.serve_edits > 0 and not args.search_only else None
        engines_compared = (bench_zensical(workdir, args.sizes, args.serve_edits)
                            if not (args.no_zensical or args.search_only) and zensical_bench.available() else None)
        if engines_compared is None and not (args.no_zensical or args.search_only):
            say("zensical: not installed (make zensical-setup): not compared")
        profiled = bench_profile(workdir, args.profile, args.results) if args.profile else None
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results = {
        "date": started.isoformat(timespec="seconds"),
        "duration_seconds": round((dt.datetime.now().astimezone() - started).total_seconds(), 1),
        "machine": report.machine(),
        "sizes": report.as_json(sizes),
        "scaling": report.scaling(sizes),
        "check_1000_reported_seconds": next((s.check_reported_seconds for s in sizes if s.roles == 1000), None),
        "serve": served,
        "zensical": engines_compared,
        "profile": profiled,
        "targets": report.targets(sizes, served) + search_bench.targets(engines),
        "search": [asdict(result) for result in engines],
    }
    table = report.markdown(results, sizes) + report.zensical_markdown(engines_compared) + (
        "\n".join(search_bench.markdown(engines)) + "\n" if engines else "")
    stamp = started.strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}", "latest"):
        (args.results / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                                   encoding="utf-8")
        (args.results / f"{name}.md").write_text(table, encoding="utf-8")
    print(table)
    say(f"results written to {args.results / f'bench-{stamp}.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
