"""Applying a corpus case to a copy of the small project, running ``check`` or the build on it, and judging
the answer: the exit status, no traceback, a message naming file, line and field, the last good site intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from conftest import copy_minimal_project
from hostile_cases import Case

from macros.data.messages import ERROR

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 60.0  # seconds a check may take before it counts as a hang


@dataclass
class Answer:
    status: int | None  # None: it did not finish (a hang)
    output: str
    crashed: bool = False  # killed by a signal, or an uncaught exception

    @property
    def hung(self) -> bool:
        return self.status is None


def _load(project: Path):
    from macros.data.read import load_handbook

    return load_handbook(project).handbook


def _rename_role(project: Path, old: str, new: str, keep_former: bool = True) -> None:
    """The documented rename: new file name and slug, references updated, the old slug kept as former."""
    data = project / "data"
    source = data / "roles" / f"{old}.yaml"
    target = data / "roles" / f"{new}.yaml"
    source.rename(target)
    word = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path in [*data.glob("*.yaml"), *(data / "roles").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(word.sub(new, text), encoding="utf-8")
    if keep_former:
        with target.open("a", encoding="utf-8") as stream:
            stream.write(f"former_slugs: [{old}]\n")


def apply(project: Path, edits: tuple) -> None:
    """Make a case's edits to a project copy."""
    for op in edits:
        kind, args = op[0], op[1:]
        path = project / args[0] if args and isinstance(args[0], str) else None
        if kind == "replace":
            old, new = args[1], args[2]
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} should occur once in {args[0]}"
            path.write_text(text.replace(old, new), encoding="utf-8", newline="")
        elif kind == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(args[1], bytes):
                path.write_bytes(args[1])
            else:
                path.write_text(args[1], encoding="utf-8", newline="")
        elif kind == "append":
            path.write_text(path.read_text(encoding="utf-8") + args[1], encoding="utf-8", newline="")
        elif kind == "prepend":
            path.write_text(args[1] + path.read_text(encoding="utf-8"), encoding="utf-8", newline="")
        elif kind == "delete":
            path.unlink()
        elif kind == "symlink":
            path.symlink_to(args[1])
        elif kind == "mkdir":
            path.mkdir(parents=True)
        elif kind == "bytes":
            old, new = args[1], args[2]
            if old is None:
                path.write_bytes(new)
            else:
                data = path.read_bytes()
                assert data.count(old.encode()) == 1, f"{old!r} should occur once in {args[0]}"
                path.write_bytes(data.replace(old.encode(), new))
        elif kind == "encode":
            path.write_bytes(path.read_text(encoding="utf-8").encode(args[1]))
        elif kind == "crlf":
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        elif kind == "cr":
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
        elif kind == "outside":
            outside = project.parent / f"outside-{path.name}"
            path.rename(outside)
            path.symlink_to(outside)
        elif kind in ("contract", "update-contract"):
            from macros.maintain.contract import update_contract

            update_contract(project, _load(project))
        elif kind == "sync-stubs":
            from macros.maintain.stubs import write_missing_stubs

            write_missing_stubs(project, _load(project))
        elif kind == "rename-role":
            _rename_role(project, *args)
        elif kind == "prepend-front-matter":
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                text = text[text.index("\n---\n", 4) + 5:]
            path.write_text("---\n" + yaml.safe_dump(args[1], allow_unicode=True) + "---\n" + text, encoding="utf-8")
        else:
            raise ValueError(f"unknown edit {kind!r}")


def expected_line(project: Path, case: Case) -> int:
    if case.at is None:
        return 1
    if isinstance(case.at, int):
        return case.at
    data = (project / case.file).read_bytes()
    index = data.find(case.at.encode("utf-8"))
    assert index >= 0, f"{case.at!r} is not in {case.file}"
    return data[:index].count(b"\n") + data[:index].count(b"\r") * (b"\n" not in data) + 1


def tree_digest(folder: Path) -> str:
    """One digest of every file's path and bytes under a folder ('' when there is no folder)."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Overtime(BaseException):
    pass


def run_check_here(project: Path) -> Answer:
    """``check`` in this process (fast), bounded by a timer; an uncaught exception counts as a crash."""
    from macros.__main__ import check

    def overtime(_signum, _frame):
        raise _Overtime

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = check(project)
    except _Overtime:
        return Answer(None, out.getvalue() + err.getvalue())
    except Exception as error:  # noqa: BLE001 - a crash is a finding, reported by the test
        import traceback

        return Answer(1, out.getvalue() + err.getvalue() + "".join(traceback.format_exception(error)), crashed=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Answer(status, out.getvalue() + err.getvalue())


def run_command(project: Path, *command: str, timeout: float = TIME_LIMIT, env: dict | None = None) -> Answer:
    """``python -m macros <command>`` in a subprocess, as a maintainer runs it."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    try:
        result = subprocess.run([sys.executable, "-m", "macros", "--root", str(project), *command], cwd=project,
                                env=environment, capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"") + (expired.stderr or b"")
        return Answer(None, out.decode("utf-8", "replace") if isinstance(out, bytes) else str(out))
    output = result.stdout + result.stderr
    crashed = result.returncode < 0 or "Traceback (most recent call last)" in output
    return Answer(result.returncode, output, crashed)


def message_pattern(case: Case, line: int) -> re.Pattern:
    field = re.escape(case.field) + "：" if case.field else ""
    return re.compile(rf"^{ERROR}{re.escape(case.file)}:{line}:\d+ {field}(.*)$", re.MULTILINE)


def judge(case: Case, project: Path, answer: Answer) -> list[str]:
    """What is wrong with an answer to a case (nothing: an empty list)."""
    faults = []
    if answer.hung:
        return [f"no answer within {TIME_LIMIT:.0f} s (a hang)"]
    if answer.crashed or "Traceback (most recent call last)" in answer.output:
        faults.append("crashed (traceback or signal)")
    if answer.status != case.exit:
        faults.append(f"exit status {answer.status}, expected {case.exit}")
    if case.exit != 0:
        line = expected_line(project, case)
        found = [match.group(1) for match in message_pattern(case, line).finditer(answer.output)]
        alternatives = [part.lower() for part in case.text.split("|")]
        if not any(any(part in message.lower() for part in alternatives) for message in found):
            where = f"{case.file}:{line}" + (f": {case.field}" if case.field else "")
            faults.append(f"no message naming {where} with {case.text!r}")
    elif ERROR in answer.output:
        faults.append("an error was reported for input that must be accepted")
    return faults


def valid_project_copy(target: Path) -> Path:
    """The small valid project of tests/conftest.py's minimal_project."""
    return copy_minimal_project(target)
