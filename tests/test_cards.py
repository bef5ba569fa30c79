"""Link previews in chat apps (飞书, 企业微信, Slack): every page names an ``og:image``, and every one of them is
a 1200×630 PNG that the site serves, drawn at build time with the page's Chinese and English names."""

from __future__ import annotations

import io
import urllib.request
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from macros.site.cards import Card, _wrap, card_path, draw, font_files

SITE_URL = "https://pm-handbook.github.io/handbook/"


def pages_of(site):
    """Every built page, except the redirects of former role URLs (they have no content to preview)."""
    for path in sorted(site.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.name == "404.html" or page.find("meta", attrs={"name": "robots", "content": "noindex"}):
            continue
        yield path.relative_to(site).as_posix(), page


def meta(page, **attrs) -> str | None:
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_every_page_has_a_1200_by_630_png_card_that_the_site_serves(built_site, site_server):
    seen = set()
    for name, page in pages_of(built_site):
        image = meta(page, property="og:image")
        assert image and image.startswith(SITE_URL), f"{name}: og:image {image!r}"
        assert meta(page, property="og:image:width") == "1200" and meta(page, property="og:image:height") == "630"
        assert meta(page, name="twitter:card") == "summary_large_image", name
        assert meta(page, property="og:image:alt"), name
        # Fetch it as a chat app does, from the site (served here on 127.0.0.1 instead of site_url).
        local = urljoin(site_server, image[len(SITE_URL):])
        with urllib.request.urlopen(local, timeout=10) as response:
            assert response.status == 200, f"{name}: {image} answered {response.status}"
            data = response.read()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{name}: {image} is not a PNG"
        with Image.open(io.BytesIO(data)) as card:
            assert card.format == "PNG" and card.size == (1200, 630), f"{name}: {image} is {card.size}"
        seen.add(image)
    assert len(seen) >= 20, "pages share cards"


def test_every_role_card_shows_its_chinese_and_english_names(built_site, handbook):
    for role in handbook.roles:
        page = BeautifulSoup((built_site / f"roles/{role.slug}/index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert meta(page, property="og:image:alt") == f"{role.name} · {role.name_en}", role.slug


def test_cards_are_drawn_from_what_they_say():
    """The same text draws the same card; another name draws another card."""
    card = Card(card_path("roles/x/"), "项目风险经理", "Project Risk Manager", "治理与保障 · Governance",
                "系统识别并量化项目的内外部风险。", "pm-handbook.github.io/handbook")
    fonts = font_files()
    first = draw(card, fonts)
    assert first == draw(card, fonts)
    other = Card(card.path, "项目采购经理", card.subtitle, card.kicker, card.description, card.site)
    assert draw(other, fonts) != first
    assert card.path == "assets/cards/roles/x.png" and card_path("") == "assets/cards/home.png"


@pytest.mark.parametrize("text", ["负责风险识别、评估和应对，直到项目收尾。", "A long English name that will not fit on a line"])
def test_card_lines_never_start_with_closing_punctuation(text):
    from PIL import ImageDraw

    from macros.site.cards import NO_LINE_START, _font

    pen = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = _font(str(font_files()["regular"]), 40)
    for width in range(80, 600, 7):
        lines = _wrap(pen, text, font, width, 20)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)
        assert not any(line[:1] in NO_LINE_START for line in lines), (width, lines)


def test_a_build_draws_only_the_cards_whose_text_changed_unless_the_cache_is_off(tmp_path):
    from macros.site.cards import write_cards

    project, site = tmp_path / "project", tmp_path / "site"
    project.mkdir()
    cards = [Card(card_path(f"roles/r{index}/"), f"岗位 {index}", "Role", "", "说明。", "example.org")
             for index in range(3)]
    assert write_cards(cards, site, project) == 3
    assert write_cards(cards, site, project) == 0, "unchanged cards are drawn again"
    changed = [cards[0], Card(cards[1].path, "改名的岗位", "Role", "", "说明。", "example.org"), cards[2]]
    assert write_cards(changed, site, project) == 1
    assert write_cards(changed, site, project, cache=False) == 3
    assert (project / ".cache" / "cards").is_dir()
    assert Image.open(site / cards[1].path).size == (1200, 630)
