"""Lighthouse (the pinned copy in node_modules) on the home page and a role page, as a phone: accessibility,
best practices and SEO score 100, and nothing is fetched from outside. Performance is printed, not asserted
(it depends on the machine); `make audit` covers every page type, mobile and desktop.
"""

from __future__ import annotations

import pytest
from browser_support import in_ci
from conftest import ROOT

import audit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def results(browser, built_site):
    """One mobile Lighthouse run per page (``browser`` makes the test skip, or fail in CI, without Chromium)."""
    if not audit.LIGHTHOUSE.exists():
        message = "Lighthouse is not installed: run `make setup` (npm ci)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    pages = {"home": audit.PAGES["home"], "role": audit.PAGES["role"]}
    found = audit.run(pages, ("mobile",), site=built_site, out=ROOT / "test-output" / "lighthouse" / "pytest")
    audit.write_report(found, ROOT / "test-output" / "lighthouse" / "pytest")
    return {result.page: result for result in found}


@pytest.mark.parametrize("page", ["home", "role"])
def test_lighthouse_scores(results, page):
    result = results[page]
    print(f"\n{page} (mobile): {result.scores}")
    below = {name: result.scores.get(name) for name, target in audit.REQUIRED.items()
             if result.scores.get(name, 0) < target}
    details = "\n".join(f"  {category}: {audit_id} {score:.2f} {title} {value}"
                        for category, audit_id, score, title, value in result.findings if category != "performance")
    assert not below, f"{page}: {below}\n{details}\nfull report: {result.report}"
    assert not result.external, f"{page} fetched from outside: {result.external}"
