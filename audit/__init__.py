"""Lighthouse audits of the built handbook, behind ``make audit`` (``python -m audit``).

The site is built with ``--strict`` into a temporary folder, served on 127.0.0.1 (gzip, as any static host
compresses text), and audited by the pinned Lighthouse from node_modules with Debian's Chromium, offline:
every host name except the local server is unresolvable. Scores (mobile, Lighthouse's default, and desktop)
go to ``test-output/lighthouse/report.md`` and ``summary.json``, each full report next to them.

Targets: accessibility, best practices and SEO 100 on every page type (a run below them fails);
performance at least 95 on mobile (reported: it depends on the machine and on the page's weight).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS, INSTALL_HINT, chromium_path, serve  # noqa: E402

OUT = ROOT / "test-output" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
# Page types: one page of each kind the handbook has.
PAGES = {
    "home": "",
    "role": "roles/project-manager/",
    "raci": "raci/",
    "career": "career/",
    "track": "career/project-management/",
    "work": "work/release-incident/",
    "skills": "skills/",
    "faq": "faq/",
    "glossary": "glossary/",
}
REQUIRED = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE_TARGET = {"mobile": 95}


@dataclass
class Result:
    page: str
    path: str
    preset: str
    scores: dict[str, int]
    # Audits that cost points: (category, audit id, score, title, display value).
    findings: list[tuple[str, str, float, str, str]] = field(default_factory=list)
    report: str = ""
    # Requests that left 127.0.0.1 (there must be none: the handbook is read offline).
    external: list[str] = field(default_factory=list)

    def misses(self) -> list[str]:
        """Targets this run missed, required ones first."""
        missed = [f"{name} {self.scores.get(name)} < {target}" for name, target in REQUIRED.items()
                  if self.scores.get(name, 0) < target]
        target = PERFORMANCE_TARGET.get(self.preset)
        if target and self.scores.get("performance", 0) < target:
            missed.append(f"performance {self.scores.get('performance')} < {target} (target)")
        return missed


def build(site: Path) -> None:
    """``mkdocs build --strict`` of the project into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode:
        raise SystemExit("the site does not build:\n" + result.stdout + result.stderr)


def chrome_flags() -> str:
    """The offline Chromium flags as Lighthouse's --chrome-flags wants them (values with spaces quoted)."""
    flags = ["--headless=new"]
    for flag in CHROMIUM_ARGS:
        name, equals, value = flag.partition("=")
        flags.append(f"{name}='{value}'" if equals and " " in value else flag)
    return " ".join(flags)


def lighthouse(url: str, preset: str, report: Path, chrome: str) -> dict:
    """One Lighthouse run; the JSON report is written to ``report`` and returned."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make setup`")
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={chrome_flags()}",
               "--max-wait-for-load=60000"]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True,
                            timeout=300)
    if result.returncode or not report.exists():
        raise RuntimeError(f"Lighthouse failed on {url} ({preset}):\n{result.stdout}{result.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(page: str, path: str, preset: str, data: dict, report: Path) -> Result:
    categories = data["categories"]
    scores = {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES if name in categories}
    findings = []
    for name, category in categories.items():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1 or not ref.get("weight"):
                continue
            findings.append((name, audit["id"], audit["score"], audit["title"], audit.get("displayValue", "")))
    runtime_error = data.get("runtimeError")
    if runtime_error:
        findings.append(("runtime", runtime_error.get("code", ""), 0, runtime_error.get("message", ""), ""))
    requests = ((data["audits"].get("network-requests") or {}).get("details") or {}).get("items") or []
    external = sorted({item["url"] for item in requests
                       if item.get("url", "").startswith(("http:", "https:"))
                       and not item["url"].startswith(("http://127.0.0.1", "http://localhost"))})
    return Result(page, path, preset, scores, findings, str(report), external)


def run(pages: dict[str, str] | None = None, presets: tuple[str, ...] = PRESETS, site: Path | None = None,
        out: Path = OUT) -> list[Result]:
    """Audit ``pages`` of ``site`` (built now when not given) with each preset."""
    chrome = chromium_path()
    if not chrome:
        raise SystemExit(f"Chromium not found: {INSTALL_HINT}")
    pages = PAGES if pages is None else pages
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handbook-audit-") as temporary:
        if site is None:
            site = Path(temporary) / "site"
            build(site)
        results = []
        with serve(site) as base:
            for page, path in pages.items():
                for preset in presets:
                    report = out / f"{page}-{preset}.json"
                    data = lighthouse(base + path, preset, report, chrome)
                    results.append(summarise(page, path, preset, data, report))
    return results


def markdown(results: list[Result]) -> str:
    lines = [
        "# Lighthouse",
        "",
        "Lighthouse " + _version() + ", Debian Chromium, offline, site served on 127.0.0.1 with gzip. "
        "Targets: accessibility, best practices and SEO 100; performance ≥ 95 on mobile.",
        "",
        "| page | path | preset | performance | accessibility | best practices | SEO | missed |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for result in results:
        score = result.scores
        missed = result.misses() + [f"fetched {url}" for url in result.external]
        lines.append(f"| {result.page} | /{result.path} | {result.preset} | {score.get('performance')} | "
                     f"{score.get('accessibility')} | {score.get('best-practices')} | {score.get('seo')} | "
                     f"{'; '.join(missed) or '—'} |")
    lines += ["", "## What cost points", ""]
    any_finding = False
    for result in results:
        for category, audit_id, score, title, value in result.findings:
            any_finding = True
            lines.append(f"- {result.page} ({result.preset}), {category}: `{audit_id}` {score:.2f} — {title}"
                         + (f" ({value})" if value else ""))
    if not any_finding:
        lines.append("Nothing: every weighted audit passed.")
    return "\n".join(lines) + "\n"


def _version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    try:
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "(unknown version)"


def write_report(results: list[Result], out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps([asdict(result) for result in results], ensure_ascii=False,
                                                 indent=2) + "\n", encoding="utf-8")
    report = out / "report.md"
    report.write_text(markdown(results), encoding="utf-8")
    return report
