"""The URL contract: every public URL and anchor the handbook has promised, kept in ``data/url-contract.txt``.

HR link role pages and their sections from job postings, so a promised URL must keep working for good. Only
published roles are promised (``handbook.roles``): a draft's URLs and ids are free to change until it is
published. A retired role's promised URLs keep working: its pages redirect to its successor.
``check`` fails when a promised URL no longer resolves — a role renamed without listing its old slug under
``former_slugs``, an anchor removed — and when the handbook publishes URLs the contract does not list yet
(``python -m macros contract`` adds them; nothing is ever removed from the file).
"""

from __future__ import annotations

from pathlib import Path

from ..data.files import write_file
from ..data.messages import say
from ..data.models import Handbook
from ..data.problems import Problem
from ..site import urls as site_urls

CONTRACT = Path("data/url-contract.txt")
HEADER = """\
# The URL contract: every URL and anchor of the handbook that may be linked from outside (job postings,
# offer letters, intranet pages). Paths are relative to site_url. Lines are only ever added: to rename a role,
# keep its old slug in `former_slugs` and the old URLs keep working through a redirect.
# Update with: python -m macros contract
"""


def published_urls(handbook: Handbook) -> list[str]:
    """Every URL (with anchor) the current handbook publishes, in a stable order: macros.site.urls, which owns
    every page and anchor, says which; a new kind of page is added there, not here."""
    return site_urls.promised_urls(handbook)


def read_contract(root: Path) -> list[tuple[int, str]]:
    """(line number, URL) of every promised URL; an absent file promises nothing."""
    path = root / CONTRACT
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.strip()) for number, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")]


def redirects(handbook: Handbook) -> dict[str, str]:
    """Former role slug -> current slug; a retired role's slug (and its former ones) -> its successor."""
    return {former: role.slug for role in handbook.roles for former in role.former_slugs} | retired_redirects(handbook)


def retired_redirects(handbook: Handbook) -> dict[str, str]:
    """A retired role's slug and former slugs -> its successor."""
    return {slug: role.successor for role in handbook.retired for slug in (role.slug, *role.former_slugs)}


def resolve(url: str, handbook: Handbook, published: set[str]) -> str | None:
    """The URL a promised URL leads to today (following a role redirect), or None if it leads nowhere."""
    if url in published:
        return url
    if url.startswith("roles/"):
        slug, _, rest = url[len("roles/"):].partition("/")
        current = redirects(handbook).get(slug)
        if current and f"roles/{current}/{rest}" in published:
            return f"roles/{current}/{rest}"
        if slug in retired_redirects(handbook):
            # The retired role's own sections (its responsibility areas) are not the successor's: its page
            # redirects to the successor's page, which is where the link now leads.
            return f"roles/{current}/"
    if url.startswith("faq/#") and url[len("faq/#"):] in {entry.id for role in handbook.retired for entry in role.faq}:
        return "faq/"  # a retired role's questions left with it: the FAQ page is still there
    return None


def contract_problems(root: Path, handbook: Handbook) -> list[Problem]:
    """Promised URLs that no longer resolve, and published URLs missing from the contract."""
    try:
        promised = read_contract(root)
    except UnicodeDecodeError as error:
        return [Problem(CONTRACT.as_posix(), error.object.count(b"\n", 0, error.start) + 1, 1, "",
                        say("contract_not_utf8", byte=f"{error.object[error.start]:02x}"))]
    except OSError as error:
        return [Problem(CONTRACT.as_posix(), 1, 1, "", say("contract_unreadable", detail=error.strerror))]
    if not promised:
        return []
    published = published_urls(handbook)
    published_set = set(published)
    problems = []
    for number, url in promised:
        if resolve(url, handbook, published_set) is None:
            problems.append(Problem(CONTRACT.as_posix(), number, 1, "", _broken_reason(url, handbook)))
    promised_set = {url for _number, url in promised}
    missing = [url for url in published if url not in promised_set]
    if missing:
        problems.append(Problem(CONTRACT.as_posix(), 1, 1, "",
                                say("contract_missing_urls", count=len(missing), first=missing[0])))
    return problems


def _broken_reason(url: str, handbook: Handbook) -> str:
    if url.startswith("roles/"):
        slug = url[len("roles/"):].partition("/")[0]
        if any(role.slug == slug for role in handbook.drafts):
            return say("contract_role_unpublished", url=url, slug=slug)
        if slug not in handbook.role_by_slug and slug not in redirects(handbook):
            return say("contract_role_gone", url=url, slug=slug)
    return say("contract_url_broken", url=url)


def update_contract(root: Path, handbook: Handbook) -> list[str]:
    """Append the published URLs the contract lacks; return them."""
    path = root / CONTRACT
    promised = {url for _n, url in read_contract(root)}
    new = [url for url in published_urls(handbook) if url not in promised]
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if new:
        write_file(root, path, text.rstrip("\n") + "\n" + "\n".join(new) + "\n")  # never through a link
    return new
