"""The results: one record per size, the targets, and the Markdown table written beside the JSON."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass
class Side:
    """One kind of build (the handbook or the floor) at one size."""

    seconds: list[float] = field(default_factory=list)
    max_rss_mib: list[float] = field(default_factory=list)
    site_bytes: int = 0
    role_page_bytes: int = 0
    search_index_bytes: int = 0
    pages: int = 0
    largest_pages: list[tuple[str, int]] = field(default_factory=list)

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    @property
    def rss(self) -> float:
        return max(self.max_rss_mib)


@dataclass
class SizeResult:
    roles: int
    data: str  # "real" or "synthetic"
    sample_role: str
    role_file_bytes_per_role: int
    role_file_chinese_chars_per_role: int
    handbook: Side = field(default_factory=Side)
    floor: Side = field(default_factory=Side)
    check_seconds: float | None = None  # `python -m macros check`, wall time of the process
    check_reported_seconds: float | None = None  # the time check prints (loading and checking only)
    check_cold_seconds: float | None = None  # the first check after writing the project

    def ratios(self) -> dict[str, float]:
        h, f = self.handbook, self.floor
        return {
            "time": h.time / f.time,
            "time_fastest": min(h.seconds) / min(f.seconds),  # the runs least disturbed by anything else
            "rss": h.rss / f.rss,
            "site": h.site_bytes / f.site_bytes,
            "role_page": h.role_page_bytes / f.role_page_bytes,
            "search_index": h.search_index_bytes / f.search_index_bytes,
        }


def machine() -> dict[str, Any]:
    """Cores, memory and CPU model of this machine, and the versions that were measured."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "jieba", "Markdown", "PyYAML", "Jinja2"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {"cores": os.cpu_count(), "memory_gib": memory, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions}


def _find(sizes: list[SizeResult], roles: int, data: str | None = None) -> SizeResult | None:
    return next((s for s in sizes if s.roles == roles and (data is None or s.data == data)), None)


def scaling(sizes: list[SizeResult]) -> dict[str, float | None]:
    """How the handbook grows from 100 to 1,000 roles, and a role page from the smallest size to 1,000. The
    smallest size is the real data when there is some (its role count is whatever data/roles holds), whose
    pages say more than the synthetic ones: growth with the number of roles is read from 100 to 1,000."""
    small = min((s for s in sizes if s.roles < 100), key=lambda s: s.roles, default=None)
    hundred, thousand = _find(sizes, 100), _find(sizes, 1000)
    return {
        "time_1000_over_100": thousand.handbook.time / hundred.handbook.time if thousand and hundred else None,
        "floor_time_1000_over_100": thousand.floor.time / hundred.floor.time if thousand and hundred else None,
        "role_page_1000_over_smallest": (thousand.handbook.role_page_bytes / small.handbook.role_page_bytes
                                   if thousand and small else None),
        "role_page_1000_over_100": (thousand.handbook.role_page_bytes / hundred.handbook.role_page_bytes
                                    if thousand and hundred else None),
    }


def targets(sizes: list[SizeResult], serve: dict | None) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met (None: not measured)."""
    grow = scaling(sizes)
    hundred, thousand = _find(sizes, 100), _find(sizes, 1000)

    def target(name: str, value: float | None, limit: float, unit: str = "") -> dict[str, Any]:
        return {"target": name, "value": value, "limit": limit, "unit": unit,
                "met": None if value is None else value <= limit}

    return [
        target("build ≤ 1.10× floor at N=100", hundred.ratios()["time"] if hundred else None, 1.10, "×"),
        target("build ≤ 1.10× floor at N=1000", thousand.ratios()["time"] if thousand else None, 1.10, "×"),
        target("time(1000) / time(100) ≤ 11", grow["time_1000_over_100"], 11.0, "×"),
        target("role page HTML at N=1000 ≤ 1.3× at N=100 (same synthetic text)", grow["role_page_1000_over_100"],
               1.3, "×"),
        target("check of 1000 roles < 2 s", thousand.check_seconds if thousand else None, 2.0, "s"),
        *(target(f"serve: a save reloads in ≤ {limit:g} s at N={size}", _serve_at(serve, size), limit, "s")
          for size, limit in SERVE_TARGETS),
    ]


SERVE_TARGETS = ((15, 1.0), (1000, 2.0))  # roles, seconds from a save to the reload (issue #23)


def _serve_at(serve: dict | None, roles: int) -> float | None:
    found = [run for run in (serve or {}).get("sizes", []) if run["roles"] == roles]
    return found[0]["median_reload_seconds"] if found else None


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f}"


def _kb(value: float) -> str:
    return f"{value / 1e3:.1f}"


def _serve_line(what: str, serve: dict[str, Any]) -> str:
    build, noticed = serve["median_build_only_seconds"], serve["median_detected_seconds"]
    details = ([f"MkDocs noticed the change after {noticed:.2f} s"] if noticed is not None else []) + (
        [f"the build itself took {build:.2f} s"] if build is not None else [])
    return (f"{what}: {serve['median_reload_seconds']:.2f} s from the save to the reload of the open pages "
            f"(median of {serve['edits']} saves" + "".join(f"; {detail}" for detail in details) + ").")


def markdown(results: dict[str, Any], sizes: list[SizeResult]) -> str:
    """The results as Markdown: the table, scaling, check and serve, the targets."""
    lines = [f"# Build benchmark, {results['date']}", ""]
    host = results["machine"]
    lines += [f"Machine: {host['cores']} cores, {host['memory_gib']} GiB, {host['cpu']}; Python {host['python']}; "
              + ", ".join(f"{k} {v}" for k, v in host["versions"].items()), ""]
    lines += ["Each cell: handbook / floor (same pages as plain Markdown, no macros plugin) / ratio. Time is the "
              "median of the repetitions; memory is the build process's peak RSS. check: the whole "
              "`python -m macros check` process, median of 3 runs after an earlier one (in brackets: the time "
              "it reports, loading and checking only); after the slash, the first run "
              "after writing the project.", ""]
    lines += ["| roles | data | runs | build time (s) | peak memory (MiB) | site (MB) | role page HTML (KB) "
              "| search index (KB) | check (s) |",
              "| ---: | --- | ---: | --- | --- | --- | --- | --- | ---: |"]
    for size in sizes:
        h, f, r = size.handbook, size.floor, size.ratios()
        check = "–" if size.check_seconds is None else f"{size.check_seconds:.2f}"
        if size.check_reported_seconds is not None:
            check += f" ({size.check_reported_seconds:.2f})"
        if size.check_cold_seconds is not None:
            check += f" / {size.check_cold_seconds:.2f}"
        lines.append(
            f"| {size.roles:,} | {size.data} | {len(h.seconds)} "
            f"| {h.time:.2f} / {f.time:.2f} / {r['time']:.2f}× "
            f"| {h.rss:.0f} / {f.rss:.0f} / {r['rss']:.2f}× "
            f"| {_mb(h.site_bytes)} / {_mb(f.site_bytes)} / {r['site']:.2f}× "
            f"| {_kb(h.role_page_bytes)} / {_kb(f.role_page_bytes)} / {r['role_page']:.2f}× "
            f"| {_kb(h.search_index_bytes)} / {_kb(f.search_index_bytes)} / {r['search_index']:.2f}× "
            f"| {check} |")
    grow = results["scaling"]
    lines += ["", "Scaling:", ""]
    for key, value in grow.items():
        lines.append(f"- {key}: {value:.2f}" if value is not None else f"- {key}: not measured")
    fastest = ", ".join(f"{size.roles:,}: {size.ratios()['time_fastest']:.2f}×" for size in sizes)
    lines.append(f"- build time handbook / floor, fastest run of each: {fastest}")
    for serve in (results.get("serve") or {}).get("sizes", []):
        lines += ["", _serve_line(f"Serve ({serve['roles']} roles, {serve['data']} data), saving a role's YAML file",
                                  serve)]
        if serve.get("floor"):
            lines += ["", _serve_line("Serve, the floor (plain MkDocs rebuilding the same pages), saving the role's "
                                      "page", serve["floor"])]
    profile = results.get("profile")
    if profile:
        lines += ["", f"Profile at N={profile['roles']}: macros/ {profile['macros_seconds']:.2f} s of "
                  f"{profile['profiled_seconds']:.2f} s profiled ({profile['macros_share']:.0%}); jieba dictionary "
                  f"load {profile['jieba_initialize_seconds']:.2f} s. Details: {profile['file']}"]
    lines += ["", "| target | measured | met |", "| --- | ---: | --- |"]
    for item in results["targets"]:
        value = "not measured" if item["value"] is None else f"{item['value']:.2f}{item['unit']}"
        met = {True: "yes", False: "no", None: "–"}[item["met"]]
        lines.append(f"| {item['target']} | {value} | {met} |")
    for size in sizes:
        if size.handbook.largest_pages:
            pages = ", ".join(f"{path} {_kb(length)} KB" for path, length in size.handbook.largest_pages)
            lines += ["", f"Largest pages at {size.roles:,} roles: {pages}"]
    return "\n".join(lines) + "\n"


def as_json(sizes: list[SizeResult]) -> list[dict[str, Any]]:
    out = []
    for size in sizes:
        record = asdict(size)
        record["ratios"] = size.ratios()
        record["handbook"]["median_seconds"] = size.handbook.time
        record["floor"]["median_seconds"] = size.floor.time
        out.append(record)
    return out


def zensical_markdown(compared: list[dict[str, Any]] | None) -> str:
    """Zensical against MkDocs (benchmarks/zensical.py): build time and memory at each size, and a save under
    each one's serve until the served page shows it."""
    if not compared:
        return ""
    lines = ["", "## Zensical against MkDocs", "",
             "Whole builds of the same project, MkDocs (`mkdocs build`) / Zensical (`python -m macros zensical`: "
             "its build and the last step) / ratio; medians, alternating runs.", "",
             "| roles | data | runs | build time (s) | peak memory (MiB) |", "| ---: | --- | ---: | --- | --- |"]
    for size in compared:
        seconds, rss = size["median_seconds"], size["max_rss_mib"]
        m_rss, z_rss = max(rss["mkdocs"]), max(rss["zensical"])
        lines.append(f"| {size['roles']:,} | {size['data']} | {len(size['seconds']['zensical'])} "
                     f"| {seconds['mkdocs']:.2f} / {seconds['zensical']:.2f} / {size['ratio']:.2f}× "
                     f"| {m_rss:.0f} / {z_rss:.0f} / {z_rss / m_rss:.2f}× |")
    for size in compared:
        served = size.get("serve")
        if not served:
            continue
        lines += ["", f"Serve ({size['roles']:,} roles), saving a role's YAML file until the served page shows it:"]
        for engine in ("mkdocs", "zensical"):
            one = served[engine]
            shown = ", ".join(f"{value:.2f}" for value in one["shown_seconds"]) or "none"
            median = "–" if one["median_shown_seconds"] is None else f"{one['median_shown_seconds']:.2f} s"
            lines.append(f"- {engine}: median {median} (each: {shown}; not shown within a minute: "
                         f"{one['not_shown']} of {one['edits']}); first build {one['startup_seconds']:.1f} s")
    return "\n".join(lines) + "\n"
