"""Command line for maintainers: ``python -m macros <command>``.

    check        validate data/ and the role pages; print every problem; exit 1 if any
    sync-stubs   write the missing page stubs of roles (handbook/roles/) and career tracks (handbook/career/)
    new-role     write a commented YAML skeleton and the page stub of a new role
    contract     add the URLs the handbook publishes to data/url-contract.txt (never removes any)
    schemas      regenerate data/schema/ and the export's schemas (macros/site/api_schema/) from the models,
                 and the guide's examples
    export       write the machine-readable export (roles.json, raci.json, career.json, raci.csv) into a folder
    build        build the site into a temporary folder, then swap it in: a failed build keeps the old site
    zensical     build the same mkdocs.yml with Zensical into site-zensical/, then the build's last step
    finish       the build's last step on a written site (export, redirects, cards, the check of references)

No command prints a traceback: whatever goes wrong ends in one ``错误：`` line saying what was being done (and
on which file, where known), exit status 1; Ctrl-C ends a command quietly with status 130. Everything printed
comes from the message table (:mod:`macros.data.messages`), in Chinese.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from .data.files import WriteError, reason, shown
from .data.messages import ERROR, WARNING, say
from .data.read import HandbookError, Problem, load_handbook

ROOT = Path(__file__).resolve().parent.parent
# What each command is doing (an entry of the message table), for the one line that reports an error nothing
# else reported.
DOING = {"check": "doing_check", "sync-stubs": "doing_sync_stubs", "new-role": "doing_new_role",
         "schemas": "doing_schemas", "contract": "doing_contract", "export": "doing_export", "build": "doing_build",
         "zensical": "doing_zensical", "finish": "doing_finish"}


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(ERROR + str(problem), file=sys.stderr)


def _refuse(where: object, message: str) -> None:
    """One line saying why a command stopped: ``错误：<where>：<message>``."""
    print(ERROR + say("refused", where=where, message=message), file=sys.stderr)


def _wrote(root: Path, path: Path) -> None:
    print(say("wrote", path=path.relative_to(root).as_posix()))


def check(root: Path) -> int:
    """Validate everything ``check`` covers; return the exit status."""
    from .data.drafts import draft_summaries
    from .maintain.consistency import project_problems

    started = time.perf_counter()
    try:
        loaded = load_handbook(root)
    except HandbookError as error:
        _print_problems(list(error.problems))
        print(say("problems_in_data", count=len(error.problems)), file=sys.stderr)
        return 1
    handbook = loaded.handbook
    problems = project_problems(root, handbook)
    for warning in loaded.warnings:
        print(WARNING + str(warning), file=sys.stderr)
    for todo in loaded.todos:  # what a draft still needs before it can be published
        print(WARNING + str(todo), file=sys.stderr)
    for line in draft_summaries(handbook, loaded.todos):  # and how many, and how to publish it
        print(WARNING + line, file=sys.stderr)
    if problems:
        _print_problems(problems)
        print(say("problems_found", count=len(problems)), file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(say("check_passed", roles=len(handbook.roles), activities=len(handbook.activities.activities),
              skills=len(handbook.skills.skills), tracks=len(handbook.career.tracks), seconds=f"{elapsed:.2f}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=say("cli_description"), add_help=False,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help=say("help_root"))
    commands = parser.add_subparsers(dest="command", required=True)
    command = {name: commands.add_parser(name, help=say(key), add_help=False) for name, key in (
        ("check", "help_check"), ("sync-stubs", "help_sync_stubs"), ("new-role", "help_new_role"),
        ("schemas", "help_schemas"), ("contract", "help_contract"), ("export", "help_export"), ("build", "help_build"),
        ("zensical", "help_zensical"), ("finish", "help_finish"))}
    command["new-role"].add_argument("slug", help=say("help_slug"))
    command["new-role"].add_argument("--family", help=say("help_family"))
    command["new-role"].add_argument("--activity", help=say("help_activity"))
    command["export"].add_argument("directory", type=Path, help=say("help_export_directory"))
    command["build"].add_argument("--site-dir", type=Path, default=Path("site"), help=say("help_site_dir"))
    command["finish"].add_argument("--site-dir", type=Path, default=Path("site-zensical"), help=say("help_site_dir"))
    command["zensical"].add_argument("--zensical", default="zensical", help=say("help_zensical_command"))
    for each in (parser, *command.values()):  # argparse's own -h says it in English
        each.add_argument("-h", "--help", action="help", help=say("help_help"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except WriteError as error:  # a file a command must not or cannot write: says which, why and what to do
        print(ERROR + str(error), file=sys.stderr)
    except OSError as error:
        where = args.command
        if isinstance(error.filename, (str, bytes)):
            where = shown(Path(os.path.abspath(args.root)), Path(os.fsdecode(error.filename)))
        _refuse(where, say("command_failed", doing=say(DOING[args.command]), reason=reason(error)))
    except Exception as error:  # noqa: BLE001 - never a traceback: one line a maintainer can pass on
        what = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        _refuse(args.command, say("command_crashed", doing=say(DOING[args.command]), what=what))
    return 1


def _run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    if args.command == "check":
        # A short-lived process that only keeps what it loads: cyclic garbage collection would only scan
        # the loaded records again (0.1 s at 1,000 roles) and free nothing of note.
        gc.disable()
        return check(root)
    if args.command == "build":
        from .maintain.publish import build

        return build(root, args.site_dir)
    if args.command == "zensical":  # Zensical's build of the same mkdocs.yml, then the last step (site/finish.py)
        from .site.finish import build_zensical

        return build_zensical(root, args.zensical)
    if args.command == "finish":
        from .site.finish import run_finish

        return run_finish(root, (root / args.site_dir).resolve())
    if args.command == "schemas":
        from .data.schemas import write_schemas
        from .site.export_models import write_api_schemas

        for path in [*write_schemas(root), *write_api_schemas(root)]:
            _wrote(root, path)
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
            _wrote(root, path)
        return 0
    if args.command == "sync-stubs":
        from .maintain.stubs import write_missing_stubs

        written, removed = write_missing_stubs(root, handbook)
        for path in written:
            _wrote(root, path)
        retired = {role.slug: role.successor for role in handbook.retired}
        for path in removed:
            shown = path.relative_to(root).as_posix()
            print(say("removed_retired_stub", path=shown, successor=retired[path.stem]) if path.stem in retired else
                  say("removed_renamed_stub", path=shown))
        if not written and not removed:
            print(say("stubs_complete"))
        return 0
    if args.command == "contract":
        from .maintain.contract import CONTRACT, update_contract

        try:
            new = update_contract(root, handbook)
        except OSError as error:
            _refuse(CONTRACT.as_posix(), say("contract_cannot_update", reason=reason(error)))
            return 1
        except UnicodeDecodeError as error:
            _refuse(CONTRACT.as_posix(), say("contract_not_utf8", byte=f"{error.object[error.start]:02x}"))
            return 1
        contract = CONTRACT.as_posix()
        print(say("contract_added", path=contract, count=len(new)) if new else say("contract_complete", path=contract))
        return 0
    if args.command == "export":
        from mkdocs.config import load_config

        from .maintain.publish import folder_problem
        from .site.export import write_api

        directory = Path(os.path.abspath(args.directory))
        problem = folder_problem(root, directory)
        if problem is None and os.path.lexists(directory) and (directory.is_symlink() or not directory.is_dir()):
            problem = say("export_not_folder")
        if problem:
            _refuse(args.directory, problem)
            return 1
        conf = load_config(str(root / "mkdocs.yml"))
        try:
            written = write_api(handbook, directory, conf)
        except WriteError as error:  # named inside the folder: name it as the maintainer gave it
            _refuse(args.directory / error.where, error.message)
            return 1
        for path in written:
            print(say("wrote", path=path))
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    status = main()
    # The process ends here: freezing spares the garbage collector's final pass over everything loaded
    # (a quarter of a second at 1,000 roles, a third of `check`); nothing needs collecting any more.
    gc.freeze()
    sys.exit(status)
