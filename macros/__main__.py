"""Command line for maintainers: ``python -m macros <command>``.

    check        validate data/ and the role pages; print every problem; exit 1 if any
    sync-stubs   write the missing page stubs of roles (handbook/roles/) and career tracks (handbook/career/)
    new-role     write a commented YAML skeleton and the page stub of a new role
    contract     add the URLs the handbook publishes to data/url-contract.txt (never removes any)
    schemas      regenerate data/schema/*.schema.json from the model, and the guide's examples
    export       write the machine-readable export (roles.json, raci.json, career.json, raci.csv) into a folder
    build        build the site into a temporary folder, then swap it in: a failed build keeps the old site
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from .data.read import HandbookError, Problem, load_handbook

ROOT = Path(__file__).resolve().parent.parent


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)


def check(root: Path) -> int:
    """Validate everything ``check`` covers; return the exit status."""
    from .maintain.consistency import project_problems
    from .maintain.scaffold import placeholder_warnings

    started = time.perf_counter()
    try:
        loaded = load_handbook(root)
    except HandbookError as error:
        _print_problems(list(error.problems))
        print(f"{len(error.problems)} problem(s) found in data/.", file=sys.stderr)
        return 1
    handbook = loaded.handbook
    problems = project_problems(root, handbook)
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for warning in placeholder_warnings(root):
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        _print_problems(problems)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"ok: {len(handbook.roles)} roles, {len(handbook.activities.activities)} RACI activities, "
          f"{len(handbook.skills.skills)} skills, {len(handbook.career.tracks)} career tracks checked "
          f"in {elapsed:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ and the role pages")
    commands.add_parser("sync-stubs", help="write missing role and track page stubs")
    new_role = commands.add_parser("new-role", help="scaffold a new role")
    new_role.add_argument("slug", help="the new role's URL name, e.g. release-manager")
    new_role.add_argument("--family", help="its family id (default: the first family)")
    new_role.add_argument("--activity", help="an activity id of data/activities.yaml where it is R")
    commands.add_parser("schemas", help="regenerate data/schema/ and data/guide-examples.json")
    commands.add_parser("contract", help="promise the published URLs in data/url-contract.txt")
    export = commands.add_parser("export", help="write the machine-readable export into a folder")
    export.add_argument("directory", type=Path)
    build_parser = commands.add_parser("build", help="build the site atomically")
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    if args.command == "check":
        # A short-lived process that only keeps what it loads: cyclic garbage collection would only scan
        # the loaded records again (0.1 s at 1,000 roles) and free nothing of note.
        gc.disable()
        return check(root)
    if args.command == "build":
        from .maintain.publish import build

        return build(root, args.site_dir)
    if args.command == "schemas":
        from .data.schemas import write_schemas

        for path in write_schemas(root):
            print(f"wrote {path.relative_to(root)}")
    if args.command == "new-role":
        from .maintain.scaffold import new_role as scaffold

        return scaffold(root, args.slug, args.family, args.activity)
    try:
        handbook = load_handbook(root).handbook
    except HandbookError as error:
        _print_problems(list(error.problems))
        return 1
    if args.command == "schemas":
        from .maintain.examples import write_examples

        for path in write_examples(root, handbook):
            print(f"wrote {path.relative_to(root)}")
        return 0
    if args.command == "sync-stubs":
        from .maintain.stubs import write_missing_stubs

        written, removed = write_missing_stubs(root, handbook)
        for path in written:
            print(f"wrote {path.relative_to(root)}")
        for path in removed:
            print(f"removed {path.relative_to(root)} (a renamed role: its old URL redirects)")
        if not written and not removed:
            print("every role and track has its page")
        return 0
    if args.command == "contract":
        from .maintain.contract import update_contract

        try:
            new = update_contract(root, handbook)
        except (OSError, UnicodeDecodeError) as error:
            print(f"error: data/url-contract.txt:1:1: cannot update it ({error}); fix the file first", file=sys.stderr)
            return 1
        print(f"added {len(new)} URL(s) to data/url-contract.txt" if new else "the contract lists every URL")
        return 0
    if args.command == "export":
        from .site.export import write_api
        from mkdocs.config import load_config

        conf = load_config(str(root / "mkdocs.yml"))
        for path in write_api(handbook, args.directory, conf):
            print(f"wrote {path}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    status = main()
    # The process ends here: freezing spares the garbage collector's final pass over everything loaded
    # (a quarter of a second at 1,000 roles, a third of `check`); nothing needs collecting any more.
    gc.freeze()
    sys.exit(status)
