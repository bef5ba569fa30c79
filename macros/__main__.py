"""Command line for maintainers: ``python -m macros <command>``.

    check        validate data/ and the role pages; print every problem; exit 1 if any
    sync-stubs   write the missing role page stubs under handbook/roles/
    new-role     write a commented YAML skeleton and the page stub of a new role
    contract     add the URLs the handbook publishes to data/url-contract.txt (never removes any)
    schemas      regenerate data/schema/*.schema.json from the model, and the guide's examples
    export       write the machine-readable export (roles.json, raci.json, raci.csv) into a folder
    build        build the site into a temporary folder, then swap it in: a failed build keeps the old site
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .data.read import HandbookError, Problem, load_handbook

ROOT = Path(__file__).resolve().parent.parent


def _print_problems(problems: list[Problem], stream=sys.stderr) -> None:
    for problem in problems:
        print(f"error: {problem}", file=stream)


def check(root: Path) -> int:
    """Validate everything ``check`` covers; return the exit status."""
    from .data.lint import lint_pages
    from .data.read import read_vocabulary
    from .data.schemas import render_schemas
    from .maintain.contract import contract_problems
    from .maintain.scaffold import placeholder_warnings
    from .maintain.stubs import stub_problems

    started = time.perf_counter()
    try:
        loaded = load_handbook(root)
    except HandbookError as error:
        _print_problems(list(error.problems))
        print(f"{len(error.problems)} problem(s) found in data/.", file=sys.stderr)
        return 1
    handbook = loaded.handbook
    problems = stub_problems(root, handbook) + contract_problems(root, handbook)
    problems += [Problem(f.file, f.line, f.column, f.field, f.message)
                 for f in lint_pages(root, read_vocabulary(root))]
    for name, text in render_schemas().items():
        path = root / "data" / "schema" / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, "",
                                    "out of date with macros/data/models.py: run `python -m macros schemas`"))
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
          f"{len(handbook.skills.skills)} skills, {len(handbook.career.stages)} career stages checked "
          f"in {elapsed:.2f} s")
    return 0


def build(root: Path, site_dir: Path, strict: bool = True) -> int:
    """Build into ``<site>.building`` and swap it in only when the build succeeded."""
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    staging = site_dir.with_name(site_dir.name + ".building")
    retired = site_dir.with_name(site_dir.name + ".old")
    for path in (staging, retired):
        shutil.rmtree(path, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging),
               "--config-file", str(root / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=root, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "the previous site is unchanged" if site_dir.exists() else "no site was written"
        print(f"build failed: {kept} ({site_dir})", file=sys.stderr)
        return result.returncode
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"site written to {site_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ and the role pages")
    commands.add_parser("sync-stubs", help="write missing role page stubs")
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

        written = write_missing_stubs(root, handbook)
        for path in written:
            print(f"wrote {path.relative_to(root)}")
        if not written:
            print("every role has its page")
        return 0
    if args.command == "contract":
        from .maintain.contract import update_contract

        new = update_contract(root, handbook)
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
