"""``mkdocs serve`` under 30 saves, bad and good, of data, role pages, prose pages and templates: it keeps
answering every request within a second, shows each mistake in the terminal, keeps the last good pages
while something is wrong and shows each good save. Every wait is for a condition, bounded."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from hostile_support import valid_project_copy
from test_serve import _serve, _tail, _wait_for

SLUG = "risk-manager"
ROLE = f"data/roles/{SLUG}.yaml"
STUB = f"handbook/roles/{SLUG}.md"
ANSWER_WITHIN = 1.0  # seconds


class Prober:
    """Asks for a page ten times a second in the background; keeps how long each answer took."""

    def __init__(self, url: str):
        self.url = url
        self.slowest = 0.0
        self.failures: list[str] = []
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:  # 127.0.0.1 only
                    response.read()
                    if response.status != 200:
                        self.failures.append(f"status {response.status}")
            except Exception as error:  # noqa: BLE001 - any failure to answer is the finding
                self.failures.append(f"{type(error).__name__}: {error}")
            self.slowest = max(self.slowest, time.monotonic() - started)
            self.count += 1
            self._stop.wait(0.1)

    def __enter__(self) -> Prober:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=15)


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read().decode("utf-8")


def _steps(project: Path) -> list[tuple[str, dict[str, str | None], str | None, str]]:
    """(what, {file: new text or None to delete}, the message a bad save shows, the summary then shown)."""
    read = {name: (project / name).read_text(encoding="utf-8") for name in
            (ROLE, STUB, "data/glossary.yaml", "data/career.yaml", "data/schema/role.schema.json",
             "handbook/glossary.md", "overrides/main.html", "macros/site/templates/role.md.j2")}
    role, stub = read[ROLE], read[STUB]

    def summary(text: str) -> dict[str, str]:
        return {ROLE: role.replace("summary: 一句话简介。", f"summary: {text}")}

    steps = [
        ("bad level", {ROLE: role.replace("intermediate: 3}", "intermediate: 7}")}, "skills[0].levels.intermediate",
         "一句话简介。"),
        ("good summary", summary("第一版简介。"), None, "第一版简介。"),
        ("orphan stub", {"handbook/roles/ghost-role.md": "---\nrole: ghost-role\n---\n\n{{ role_page() }}\n"},
         "handbook/roles/ghost-role.md:2:1 role", "第一版简介。"),
        ("orphan removed", {"handbook/roles/ghost-role.md": None, **summary("第二版简介。")}, None, "第二版简介。"),
        ("Jinja error in the stub", {STUB: stub.replace("{{ role_page() }}", "{{ role_page( }}")},
         f"{STUB}:5:1", "第二版简介。"),
        ("stub restored", {STUB: stub, **summary("第三版简介。")}, None, "第三版简介。"),
        ("theme override broken", {"overrides/main.html": read["overrides/main.html"].replace(
            "{% block extrahead %}", "{% block extrahead %}{% if %}", 1)}, "main.html", "第三版简介。"),
        ("theme override restored", {"overrides/main.html": read["overrides/main.html"], **summary("第四版简介。")},
         None, "第四版简介。"),
        ("page template broken", {"macros/site/templates/role.md.j2": read["macros/site/templates/role.md.j2"]
                                  + "\n{% for %}\n"}, "role.md.j2", "第四版简介。"),
        ("page template restored", {"macros/site/templates/role.md.j2": read["macros/site/templates/role.md.j2"],
                                    **summary("第五版简介。")}, None, "第五版简介。"),
        ("YAML syntax", {ROLE: role.replace("summary: 一句话简介。", "summary: [第五版")}, f"{ROLE}:7:8",
         "第五版简介。"),
        ("good summary", summary("第六版简介。"), None, "第六版简介。"),
        ("stub names another role", {STUB: stub.replace(f"role: {SLUG}", "role: project-manager")},
         f"{STUB}:2:1 role", "第六版简介。"),
        ("stub restored", {STUB: stub, **summary("第七版简介。")}, None, "第七版简介。"),
        ("glossary PMP/pmp", {"data/glossary.yaml": read["data/glossary.yaml"]
                              + "  - id: pmp-lower\n    term: pmp\n    expansion: 小写\n    description: 重复。\n"},
         "data/glossary.yaml:11:11 terms[2].term", "第七版简介。"),
        ("glossary restored", {"data/glossary.yaml": read["data/glossary.yaml"], **summary("第八版简介。")}, None,
         "第八版简介。"),
        ("unknown family", {ROLE: role.replace("family: delivery", "family: nowhere")}, f"{ROLE}:4:9 family",
         "第八版简介。"),
        ("good summary", summary("第九版简介。"), None, "第九版简介。"),
        ("stale schema", {"data/schema/role.schema.json": read["data/schema/role.schema.json"] + " "},
         "data/schema/role.schema.json:1:1", "第九版简介。"),
        ("schema restored", {"data/schema/role.schema.json": read["data/schema/role.schema.json"],
                             **summary("第十版简介。")}, None, "第十版简介。"),
        ("Jinja error in a prose page", {"handbook/glossary.md": read["handbook/glossary.md"] + "\n{{ glossary( }}\n"},
         "handbook/glossary.md", "第十版简介。"),
        ("prose page restored", {"handbook/glossary.md": read["handbook/glossary.md"], **summary("十一版简介。")},
         None, "十一版简介。"),
        ("data file deleted", {"data/career.yaml": None}, "data/career.yaml", "十一版简介。"),
        ("data file restored", {"data/career.yaml": read["data/career.yaml"], **summary("十二版简介。")}, None,
         "十二版简介。"),
        (".yml role file", {"data/roles/extra-role.yml": "slug: extra-role\n"}, "data/roles/extra-role.yml",
         "十二版简介。"),
        (".yml removed", {"data/roles/extra-role.yml": None, **summary("十三版简介。")}, None, "十三版简介。"),
        ("review in the future", {ROLE: role.replace("last_reviewed: 2026-10-01", "last_reviewed: 2099-01-01")},
         f"{ROLE}:39:16 last_reviewed", "十三版简介。"),
        ("good summary", summary("十四版简介。"), None, "十四版简介。"),
        ("role page deleted", {STUB: None}, f"{ROLE}:1:1 slug", "十四版简介。"),
        ("role page restored", {STUB: stub, **summary("最终版简介。")}, None, "最终版简介。"),
    ]
    assert len(steps) == 30
    return steps


def _rebuilds(log: Path) -> int:
    """How many rebuilds have ended: each says one line (macros/site/preview.py)."""
    return len(re.findall(r"预览(?:已更新|未更新)", log.read_text(encoding="utf-8", errors="replace")))


def _save(project: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = project / name
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_serve_survives_thirty_bad_and_good_saves(tmp_path: Path) -> None:
    project = valid_project_copy(tmp_path / "project")
    log = tmp_path / "serve.log"
    steps = _steps(project)
    with _serve(project, log) as (server, root_url):
        page_url = f"{root_url}roles/{SLUG}/"
        _wait_for("the role page", lambda: "一句话简介。" in _page(page_url), log)
        with Prober(page_url) as prober:
            # Let the watcher take its first look, so that the first save is seen as a change.
            _wait_for("a few answers", lambda: prober.count >= 5, log)
            for what, files, message, shown in steps:
                offset = len(log.read_text(encoding="utf-8", errors="replace"))
                rebuilds = _rebuilds(log)
                _save(project, files)
                if message:
                    _wait_for(f"{what}: the message {message!r}",
                              lambda: message in log.read_text(encoding="utf-8", errors="replace")[offset:], log)
                    _wait_for(f"{what}: the rebuild to end", lambda: _rebuilds(log) > rebuilds, log)
                    assert shown in _page(page_url), f"{what}: the last good page is no longer shown"
                else:
                    _wait_for(f"{what}: the page to show {shown!r}", lambda: shown in _page(page_url), log)
                assert server.poll() is None, f"{what}: mkdocs serve stopped:\n{_tail(log)}"
        assert not prober.failures, prober.failures[:5]
        assert prober.slowest < ANSWER_WITHIN, f"a request took {prober.slowest:.2f} s"
        assert prober.count > 30
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, f"mkdocs serve printed a traceback:\n{_tail(log, 80)}"
