"""The hostile corpus's report: at the end of a run, how many cases of each class were refused or accepted (their
text shown, never run), and how many answered as they must. Every test parametrised with a ``case`` of the
corpus counts, under ``check`` and under the build alike (each test is one answer to its case)."""

from __future__ import annotations

from collections import Counter

import pytest

_KEY = "hostile_case"
_answers: Counter[tuple[str, str, str, str]] = Counter()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    case = getattr(getattr(item, "callspec", None), "params", {}).get("case")
    if report.when == "call" and hasattr(case, "cls") and hasattr(case, "exit"):
        face = "build" if "build" in item.originalname else "check"
        # Sent with the report: under pytest-xdist the controller, not the worker, prints the summary.
        report.user_properties.append((_KEY, (case.cls, face, "refused" if case.exit else "accepted, inert")))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, value in report.user_properties:
        if key == _KEY and report.when == "call":
            cls, face, expected = value
            _answers[(cls, face, expected, "as required" if report.passed else "WRONG")] += 1


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not _answers:
        return
    write = terminalreporter.write_line
    terminalreporter.section("hostile corpus: cases by class and outcome")
    write(f"{'class':<24}{'face':<7}{'outcome':<17}{'as required':>12}{'wrong':>7}")
    rows = sorted({key[:3] for key in _answers})
    for cls, face, expected in rows:
        good, bad = _answers[(cls, face, expected, "as required")], _answers[(cls, face, expected, "WRONG")]
        write(f"{cls:<24}{face:<7}{expected:<17}{good:>12}{bad:>7}")
    total_good = sum(count for key, count in _answers.items() if key[3] == "as required")
    total_bad = sum(count for key, count in _answers.items() if key[3] == "WRONG")
    write(f"{'all':<48}{total_good:>12}{total_bad:>7}")
