"""Link-preview cards: a 1200×630 PNG per page, drawn at build time, offline, with Debian's Noto CJK fonts.

HR pastes role links into 飞书, 企业微信 and Slack; their previews show ``og:image``. Each card carries the
page's Chinese title, its English name and its description. Drawing a card takes a few hundredths of a
second, so drawn cards are kept in the project's private folder (``.cache/cards``, never a shared temp
folder), keyed by everything drawn on them (and this module's design version): a build draws only the cards
whose text changed. ``card_cache: false`` under ``extra:`` in mkdocs.yml draws every card. A cache that cannot
be read or written (a full disk) is turned off for the rest of the build with one warning: it never fails a build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import contextlib
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from ..data.files import reason
from ..data.messages import WARNING, say
from ..data.private import private_folder

WIDTH, HEIGHT = 1200, 630
CARD_DIR = "assets/cards"
# Bump when the drawing changes: cached cards of an older design are then drawn again.
DESIGN = 2

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk")
FONT_FILES = {"regular": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}
SC_INDEX = 2  # the collection's Simplified Chinese face (JP, KR, SC, TC, HK)

BACKGROUND = (40, 53, 147)  # Material's indigo 800: white text on it is 10:1
BAND = (26, 35, 126)
WHITE = (255, 255, 255)
SOFT = (232, 234, 246)
MUTED = (197, 202, 233)

# Closing punctuation never starts a line (the same rule as the pages' `line-break: strict`).
NO_LINE_START = set("、，。：；！？）」』】》〉…—,.;:!?)")


class CardError(Exception):
    """The cards cannot be drawn (fonts missing)."""


@dataclass(frozen=True)
class Card:
    """What one card shows; ``path`` is where it goes, relative to the site's root."""

    path: str
    title: str
    subtitle: str
    kicker: str
    description: str
    site: str


def card_path(page_url: str) -> str:
    """The card of a page, by the page's URL relative to the site root ("" is the home page)."""
    stem = page_url.strip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    return f"{CARD_DIR}/{stem or 'home'}.png"


def font_files() -> dict[str, Path]:
    explicit = os.environ.get("HANDBOOK_CARD_FONT_DIR")
    for folder in ((explicit,) if explicit else ()) + FONT_DIRS:
        files = {weight: Path(folder) / name for weight, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    raise CardError(say("cards_no_fonts", files="、".join(FONT_FILES.values())))


def _flat(text: str) -> str:
    """A text's lines joined by spaces: Pillow cannot measure a line break, nor lay out U+2029."""
    return " ".join(text.splitlines())


def _wrap(draw, text: str, font, width: int, lines: int) -> list[str]:
    """Lines of at most ``width`` pixels, broken between characters (Chinese) or at spaces (Latin words),
    never before closing punctuation; the last line ends in "…" when the text does not fit."""
    text = _flat(text)  # a description may have line breaks
    tokens: list[str] = []
    for char in text:
        if tokens and (char in NO_LINE_START or (char.isascii() and char.isalnum() and tokens[-1][-1:].isascii()
                                                 and tokens[-1][-1:].isalnum())):
            tokens[-1] += char
        else:
            tokens.append(char)
    result: list[str] = []
    line = ""
    for token in tokens:
        if draw.textlength(line + token, font=font) <= width:
            line += token
            continue
        result.append(line.rstrip())
        line = token.lstrip()
        if len(result) == lines:
            break
    else:
        if line:
            result.append(line)
        return result[:lines]
    last = result[lines - 1]
    while last and draw.textlength(last + "…", font=font) > width:
        last = last[:-1]
    result[lines - 1] = last.rstrip("，、。：；") + "…"
    return result[:lines]


def draw(card: Card, fonts: dict[str, Path]) -> bytes:
    """The card as PNG bytes."""
    import io

    from PIL import Image, ImageDraw

    def font(weight: str, size: int):
        return _font(str(fonts[weight]), size)

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=BAND)
    left, width = 72, WIDTH - 144
    pen.text((left, 60), "项目管理手册 · PM Handbook", font=font("bold", 30), fill=MUTED)
    y = 150
    if card.kicker:
        pen.text((left, y), _flat(card.kicker), font=font("regular", 30), fill=SOFT)
        y += 52
    title_font = font("bold", 80)
    for line in _wrap(pen, card.title, title_font, width, 2):
        pen.text((left, y), line, font=title_font, fill=WHITE)
        y += 100
    if card.subtitle:
        subtitle_font = font("regular", 40)
        for line in _wrap(pen, card.subtitle, subtitle_font, width, 1):
            pen.text((left, y + 4), line, font=subtitle_font, fill=SOFT)
            y += 58
    description_font = font("regular", 28)
    y = max(y + 24, 400)
    for line in _wrap(pen, card.description, description_font, width, max(1, (HEIGHT - 120 - y) // 42)):
        pen.text((left, y), line, font=description_font, fill=MUTED)
        y += 42
    pen.text((left, HEIGHT - 66), _flat(card.site), font=font("regular", 28), fill=SOFT)
    # Four colours and their anti-aliased edges: a 64-colour palette looks the same, is a third of the size
    # (about 30 KB, quick to fetch for a chat app) and is faster to encode than full colour.
    output = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(output, format="PNG", compress_level=6)
    return output.getvalue()


@functools.lru_cache(maxsize=16)
def _font(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=SC_INDEX)


def write_cards(cards: list[Card], site_dir: Path, project: Path, cache: bool = True) -> int:
    """Write every card into the built site; returns how many had to be drawn (the others were cached)."""
    if not cards:
        return 0
    fonts = font_files()
    fingerprint = json.dumps([DESIGN, {weight: str(path) for weight, path in fonts.items()}])
    folder = private_folder(project, "cards") if cache else None
    drawn = 0
    for card in cards:
        target = site_dir / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha1((fingerprint + json.dumps(asdict(card), ensure_ascii=False)).encode()).hexdigest()
        cached = folder / f"{key}.png" if folder else None
        data = _from_cache(cached) if cached else None
        fresh = data is None
        if fresh:
            data = draw(card, fonts)
            drawn += 1
        target.write_bytes(data)  # the site itself: failing to write it fails the build
        if cached and fresh and not _to_cache(cached, data):
            folder = None  # off for the rest of this build
    return drawn


def _from_cache(cached: Path) -> bytes | None:
    """A cached card's bytes, or None (not cached yet, or unreadable: then drawn again)."""
    try:
        return cached.read_bytes() if cached.is_file() else None
    except OSError:
        return None


def _to_cache(cached: Path, data: bytes) -> bool:
    """Keep a drawn card; False (after one warning) when the cache cannot take it: the caller turns it off."""
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        print(WARNING + say("refused", where=".cache/cards", message=say("cards_cache_failed", reason=reason(error))),
              file=sys.stderr)
        return False
    return True
