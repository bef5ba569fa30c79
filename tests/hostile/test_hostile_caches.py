"""Shared temp folders are not trusted: what another user left in them never breaks a build or is loaded.

Another user is ``nobody`` (files are handed to it with chown, so these tests need root; elsewhere they
skip). The temp folder is the test's own (TMPDIR), so nothing outside the test is touched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile_support import run_command, valid_project_copy

NOBODY = 65534

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="handing files to another user needs root")


def _temp_folder_of_another_user(tmp_path: Path) -> Path:
    temp = tmp_path / "tmp"
    temp.mkdir(mode=0o1777)
    temp.chmod(0o1777)  # as /tmp: sticky, writable by all
    uid = os.getuid()
    # Jinja's default bytecode cache folder, made first by someone else: Jinja refuses to use it.
    jinja = temp / f"_jinja2-cache-{uid}"
    jinja.mkdir(mode=0o700)
    os.chown(jinja, NOBODY, NOBODY)
    # jieba's default dictionary cache, planted: jieba would load it with marshal.
    planted = temp / "jieba.cache"
    planted.write_bytes(b"\xe3planted by another user")
    os.chown(planted, NOBODY, NOBODY)
    # The parse cache's folder name, taken by someone else.
    parse = temp / f"pm-handbook-parse-{uid}"
    parse.mkdir(mode=0o777)
    os.chown(parse, NOBODY, NOBODY)
    return temp


@pytest.mark.slow
@needs_root
def test_a_build_ignores_what_other_users_left_in_the_temp_folder(tmp_path: Path) -> None:
    project = valid_project_copy(tmp_path / "project")
    temp = _temp_folder_of_another_user(tmp_path)
    answer = run_command(project, "build", timeout=300, env={"TMPDIR": str(temp)})
    assert answer.status == 0, answer.output
    assert "Traceback" not in answer.output
    assert str(temp / "jieba.cache") not in answer.output  # never loaded
    assert (temp / "jieba.cache").read_bytes() == b"\xe3planted by another user"
    assert not list((temp / f"_jinja2-cache-{os.getuid()}").iterdir())
    private = project / ".cache"
    assert private.stat().st_mode & 0o077 == 0
    assert {path.name for path in private.iterdir()} >= {"build.lock"}


@pytest.mark.slow
@needs_root
def test_a_private_folder_of_another_user_is_not_used_and_breaks_nothing(tmp_path: Path) -> None:
    project = valid_project_copy(tmp_path / "project")
    private = project / ".cache"
    private.mkdir(mode=0o777)
    private.chmod(0o777)
    os.chown(private, NOBODY, NOBODY)
    answer = run_command(project, "build", timeout=300)
    assert answer.status == 0, answer.output
    assert list(private.iterdir()) == []  # nothing written into it, nothing read from it
    assert (project / "site" / "index.html").is_file()


def test_the_private_folder_is_refused_when_it_is_a_link(tmp_path: Path) -> None:
    from macros.data.private import private_folder

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".cache").symlink_to(elsewhere)
    assert private_folder(project, "jinja") is None
    assert not (elsewhere / "jinja").exists()
    (project / ".cache").unlink()
    made = private_folder(project, "jinja")
    assert made == project / ".cache" / "jinja" and made.stat().st_mode & 0o077 == 0
