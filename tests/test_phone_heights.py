"""Pages that fit a thumb: on a 360 px phone a role page opens at most 12 screens tall (9,000 px) and the FAQ at
most 16 (12,000 px), because their long parts fold (<details class="fold">) with their summary in view. Nothing
is lost by folding: every folded text is in the page and in the search index, a link to an anchor inside a
fold opens it (from another page and from the page's own contents), and print shows what the page folds.

Debian's Chromium through Playwright, against the real site (fixtures in conftest.py).
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from data_support import record, role_slugs

from macros.site.search_index import plain

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
ROLE_PAGE_MAX = 9_000  # 12 screens of 740 px, rounded down
FAQ_PAGE_MAX = 12_000  # 16 screens
# The fold that holds an anchor, or folds under it (a question's heading, whose answer folds beneath it).
FOLD_OF = ("id => { const target = document.getElementById(id);"
           " return target.closest('details') || target.nextElementSibling; }")
IS_OPEN = f"id => ({FOLD_OF})(id).open"


@pytest.fixture(scope="module")
def phone(browser, site_server):
    context = browser.new_context(locale="zh-CN", base_url=site_server, **PHONE)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def open_page(tab, path: str) -> None:
    tab.errors.clear()
    tab.goto(path)
    tab.wait_for_load_state("networkidle")


def height(tab) -> int:
    return tab.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize("slug", role_slugs(published=True))
def test_a_role_page_opens_within_twelve_phone_screens(phone, handbook, slug):
    role = record(handbook.role_by_slug, slug)
    open_page(phone, f"roles/{role.slug}/")
    assert height(phone) <= ROLE_PAGE_MAX, f"roles/{role.slug}/ is {height(phone)} px tall at 360 px"
    assert not phone.errors


def test_the_faq_opens_within_sixteen_phone_screens(phone):
    open_page(phone, "faq/")
    assert height(phone) <= FAQ_PAGE_MAX, f"faq/ is {height(phone)} px tall at 360 px"
    assert not phone.errors


def test_a_role_s_raci_folds_to_its_letters_with_the_activities_named(phone, handbook, raci_matrix):
    """Each letter the role holds is one summary naming its activities; a tap shows each one's reason."""
    role = handbook.role_by_slug["project-manager"]
    open_page(phone, f"roles/{role.slug}/")
    groups = phone.locator("details.raci-group")
    letters = [text[0] for text in groups.locator("summary").all_inner_texts()]
    expected = raci_matrix.for_role(role.slug)
    assert letters == [group.meaning.letter for group in expected]
    accountable = expected[0].activities
    summary = groups.first.locator("summary")
    assert all(activity.name in summary.inner_text() for activity in accountable)
    reason = phone.get_by_text(accountable[0].reason, exact=False).first
    assert not reason.is_visible()
    summary.tap()
    assert reason.is_visible()
    box = summary.bounding_box()
    assert box["height"] >= 24, "the letter's summary is a tap target of at least 24 px"


# Headings that sit inside a fold: a role's question, its typical week, a question of the FAQ page (shared and
# a role's own). Their anchors come from the data, once it is loaded (folded_anchor).
FOLDS = ["role-question", "role-typical-week", "faq-shared-question", "faq-role-question"]


def folded_anchor(handbook, fold: str) -> tuple[str, str]:
    """(page, anchor) of one of FOLDS."""
    role = handbook.role_by_slug["project-manager"]
    return {
        "role-question": (f"roles/{role.slug}/", handbook.faq_for(role)[-1].id),
        "role-typical-week": (f"roles/{role.slug}/", "typical-week"),
        "faq-shared-question": ("faq/", handbook.faq.entries[-1].id),
        "faq-role-question": ("faq/", next(r for r in handbook.roles if r.faq).faq[0].id),
    }[fold]


@pytest.mark.parametrize("fold", FOLDS)
def test_a_link_from_another_page_opens_the_fold_it_points_into(phone, handbook, fold):
    path, anchor = folded_anchor(handbook, fold)
    open_page(phone, f"{path}#{anchor}")
    target = phone.locator(f"[id='{anchor}']")
    assert phone.evaluate(IS_OPEN, anchor)
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < PHONE["viewport"]["height"], f"{path}#{anchor} is not on screen after the link"
    assert not phone.errors


@pytest.mark.parametrize("fold", FOLDS)
def test_a_link_on_the_page_opens_the_fold_it_points_into(page, handbook, fold):
    path, anchor = folded_anchor(handbook, fold)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(IS_OPEN, anchor)
    page.locator(f".md-sidebar--secondary a[href='#{anchor}']").first.click()
    page.wait_for_function(IS_OPEN, arg=anchor)
    box = page.locator(f"[id='{anchor}']").bounding_box()
    assert 0 <= box["y"] < 800, f"{path}: the contents link to #{anchor} does not bring it on screen"


def test_folded_text_is_in_the_page_and_in_the_search_index(built_site, handbook, raci_matrix):
    """Folding hides nothing: every duty, RACI reason and answer of a role is in its built page, and search
    files each folded answer under its own question, not under the heading before the fold."""
    role = handbook.role_by_slug["project-manager"]
    page = BeautifulSoup((built_site / "roles" / role.slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article").get_text()
    texts = [duty for area in role.responsibilities for duty in area.duties]
    texts += [activity.reason for group in raci_matrix.for_role(role.slug) for activity in group.activities]
    texts += [entry.answer for entry in handbook.faq_for(role)]
    lost = [text[:20] for text in texts if plain(text)[:20] not in page]
    assert not lost, f"folded text missing from roles/{role.slug}/: {lost}"
    sections = {row[0]: row[2] for path in (built_site / "search" / "texts").glob("*.json")
                for row in json.loads(path.read_text(encoding="utf-8"))}
    for entry in (*handbook.faq.entries, *role.faq):
        assert sections.get(entry.id, "").startswith(plain(entry.answer)[:20]), (
            f"search does not file the answer to {entry.question!r} under #{entry.id}")


def test_print_shows_what_the_page_folds(browser, site_server, handbook, raci_matrix):
    """On paper every question of the FAQ page is answered and a role's duties are listed, folds or not."""
    context = browser.new_context(base_url=site_server, locale="zh-CN")
    tab = context.new_page()
    tab.emulate_media(media="print")
    try:
        tab.goto("faq/")
        hidden = tab.evaluate("""() => [...document.querySelectorAll('.fold-head')]
            .filter(head => !head.querySelector('details > p').checkVisibility())
            .map(head => head.querySelector('h3').id)""")
        assert not hidden, f"questions printed without their answer: {hidden}"
        role = handbook.role_by_slug["project-manager"]
        tab.goto(f"roles/{role.slug}/")
        article = tab.locator("article")
        for duty in (duty for area in role.responsibilities for duty in area.duties):
            assert article.get_by_text(duty[:12]).first.is_visible(), f"duty {duty!r} is not printed"
        # The role sheet keeps its RACI to the letters and the activities' names.
        for group in raci_matrix.for_role(role.slug):
            for activity in group.activities:
                assert article.locator("details.raci-group summary").get_by_text(activity.name).first.is_visible()
    finally:
        context.close()


def test_a_tap_on_a_question_opens_and_closes_its_answer(phone, handbook):
    """The question itself is the thing to tap (its copy link still copies); the chevron is a fold toggle of
    at least 24 × 24 px for a keyboard or a thumb."""
    entry = handbook.faq.entries[0]
    open_page(phone, "faq/")
    heading = phone.locator(f"[id='{entry.id}']")
    answer = phone.locator(f".fold-head:has([id='{entry.id}']) details.fold")
    assert not phone.evaluate(IS_OPEN, entry.id)
    heading.tap(position={"x": 60, "y": 12})
    assert phone.evaluate(IS_OPEN, entry.id)
    assert answer.get_by_text(entry.answer.strip()[:12]).first.is_visible()
    heading.tap(position={"x": 60, "y": 12})
    assert not phone.evaluate(IS_OPEN, entry.id)
    toggle = answer.locator("summary").bounding_box()
    assert toggle["width"] >= 24 and toggle["height"] >= 24, toggle
    answer.locator("summary").focus()
    phone.keyboard.press("Enter")
    assert phone.evaluate(IS_OPEN, entry.id)
