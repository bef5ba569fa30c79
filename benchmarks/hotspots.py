"""Where a build spends its time: ``mkdocs build`` under cProfile, summarised for our code (``macros/``).

``python -m benchmarks --profile`` writes ``benchmarks/results/profile-<N>.txt``: the whole build's top
functions, the time spent in macros/ (entry points called by MkDocs or mkdocs-macros, inclusive), the
functions of macros/ by own time, and what jieba's one-off dictionary load costs.
"""

from __future__ import annotations

import io
import pstats
import sys
from pathlib import Path

from .measure import child_env, run

Func = tuple[str, int, str]


def profile_build(project: Path, site: Path, output: Path) -> Path:
    """Build ``project`` under cProfile; the raw profile goes to ``output``."""
    command = [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--clean",
               "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)]
    result = run(command, project, child_env())
    if result.returncode != 0 or not (site / "index.html").exists():  # cProfile exits 0 even when the build fails
        raise RuntimeError(f"profiled build failed:\n{result.output[-4000:]}")
    return output


def _name(func: Func) -> str:
    file, line, name = func
    return f"{name} ({Path(file).name}:{line})" if line else name


def _ours(func: Func, code: Path) -> bool:
    return func[0].startswith(str(code))


def summarise(raw: Path, code: Path, top: int = 25) -> dict:
    """Totals and text tables from a profile; ``code`` is the macros/ folder that was profiled."""
    stats = pstats.Stats(str(raw))
    table: dict[Func, tuple] = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _cc, _nc, _tt, ct, _callers in table.values())
    # Our code's inclusive time. Everything in macros/ runs inside macros/__init__.py: importing it, define_env,
    # the macros it registers, the hooks; those are the entry points. What Jinja calls besides (templates,
    # helpers) runs inside our own rendering, and counting it would count it twice.
    entries = {
        func: ct for func, (_cc, _nc, _tt, ct, callers) in table.items()
        if _ours(func, code) and func[0].endswith("__init__.py")
        and not any(_ours(caller, code) for caller in callers)
    }
    ours = sum(entries.values())
    jieba = max((ct for func, (_cc, _nc, _tt, ct, _c) in table.items()
                 if "jieba" in func[0] and func[2] == "initialize"), default=0.0)
    own = sorted(((tt, nc, ct, func) for func, (_cc, nc, tt, ct, _c) in table.items() if _ours(func, code)),
                 reverse=True)

    buffer = io.StringIO()
    print(f"whole build: {total:.2f} s (profiled, slower than unprofiled)", file=buffer)
    print(f"macros/ inclusive: {ours:.2f} s ({ours / total:.0%})", file=buffer)
    print(f"jieba dictionary load (once per process): {jieba:.2f} s\n", file=buffer)
    print("macros/ entry points (inclusive seconds):", file=buffer)
    for func, ct in sorted(entries.items(), key=lambda item: -item[1])[:top]:
        print(f"  {ct:8.3f}  {_name(func)}", file=buffer)
    print("\nmacros/ functions by own time (own s, calls, inclusive s):", file=buffer)
    for tt, nc, ct, func in own[:top]:
        print(f"  {tt:8.3f} {nc:8d} {ct:8.3f}  {_name(func)}", file=buffer)
    print(f"\nwhole build, top {top} by cumulative time:", file=buffer)
    stream = io.StringIO()
    pstats.Stats(str(raw), stream=stream).sort_stats("cumulative").print_stats(top)
    buffer.write(stream.getvalue().split("\n", 6)[-1] if stream.getvalue().count("\n") > 6 else stream.getvalue())
    print(f"\nwhole build, top {top} by own time:", file=buffer)
    stream = io.StringIO()
    pstats.Stats(str(raw), stream=stream).sort_stats("tottime").print_stats(top)
    buffer.write(stream.getvalue().split("\n", 6)[-1] if stream.getvalue().count("\n") > 6 else stream.getvalue())
    return {
        "profiled_seconds": total,
        "macros_seconds": ours,
        "macros_share": ours / total if total else 0.0,
        "jieba_initialize_seconds": jieba,
        "entry_points": {_name(func): ct for func, ct in sorted(entries.items(), key=lambda item: -item[1])[:top]},
        "text": buffer.getvalue(),
    }
