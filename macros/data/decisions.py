"""Who decides, said once: what the texts claim about decisions agrees with the RACI matrix.

The RACI matrix (data/activities.yaml) is where "who decides" is written; everywhere else a text may only repeat
it. ``check`` and every build refuse:

- a role's duty that claims a decision (one of :data:`DECISION_WORDS`: 拍板, 批准, 决定, 主持 …) without naming
  the activity it concerns (``text:`` and ``activity:``), or naming one whose A is someone else than the one it
  says decides (the A, or the holder named for where the A's post does not exist, may be said to decide);
- the same claim in the part a role plays in a recurring event (data/cadence.yaml ``rhythm``: ``part`` and
  ``activity``) and in an answer of an FAQ entry that names its ``activity`` (there, only a clause that names
  who decides is compared);
- a ``fallback`` (who decides where the A's post does not exist) whose holder is the A itself, has no letter in
  the activity, is itself a post most companies do not staff, or whose note does not name it and say it decides.

Two more rules of the RACI's wording are tests over the real data (tests/test_decisions.py), with the words
kept here: an A held by a post the company-size data says is shared at most sizes (:func:`often_missing`) has a
``fallback``; a reason says the A decides with 最终负责 or 拍板 (:data:`ACCOUNTABLE_WORDS`), never with a bare 负责,
which the R's work would also be called (the R 执行).

Who a clause says decides: the last role or party named before the decision word in that clause (by its name,
an alias, or its name without the prefix 项目), else, in a duty or a rhythm, the role itself. A clause that
negates the decision before the word (不替…做决定, 无权拍板) claims nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .messages import say
from .models import Role

# The words that claim a decision, in one place: a duty using one of them names its activity, and only the A
# (or the fallback holder) may be said to do it.
DECISION_WORDS = ("拍板", "批准", "决定", "主持", "放行", "审批", "裁决", "签发", "定夺")
# How a reason says the A decides (and a bare 负责 does not: the R's work is 执行).
ACCOUNTABLE_WORDS = ("最终负责", "拍板")
# 负责 as part of these words is not a bare 负责: 最终负责 (the A), 负责人 (a person in charge).
BARE_RESPONSIBLE = re.compile(r"(?<!最终)负责(?!人)")
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")
_DECISION = re.compile("|".join(DECISION_WORDS))
# A negation before the decision word, in the same clause: the clause says who does NOT decide.
_NEGATION = re.compile(r"(?<!不)不(?![少同断仅只久])|无权|并非|而非|无须|无需")


@dataclass(frozen=True)
class Claim:
    """One clause claiming a decision: the word, who it says decides (a member id, or None if unsaid)."""

    word: str
    member: str | None


def member_names(roles: Iterable[Role], parties: Iterable[Any]) -> list[tuple[str, str]]:
    """(name, member id) for every way the texts name a role or party, longest first (项目经理 before 经理)."""
    names: dict[str, str] = {}
    for member, name, aliases in [(role.slug, role.name, role.aliases) for role in roles] + \
            [(party.id, party.name, ()) for party in parties]:
        short = name.removeprefix("项目")  # 项目发起人 is also 发起人; an alias is taken as written
        for each in (name, short, *aliases) if len(short) >= 3 else (name, *aliases):
            names.setdefault(each, member)
    return sorted(names.items(), key=lambda item: -len(item[0]))


def claims(text: str, names: list[tuple[str, str]], own: str | None) -> Iterator[Claim]:
    """Every clause of ``text`` that claims a decision, with who it says decides (``own`` when it names no one)."""
    for clause in _CLAUSE.finditer(text):
        words = clause.group()
        found = _DECISION.search(words)
        if found is None or _NEGATION.search(words[:found.start()]):
            continue
        yield Claim(found.group(), _last_named(words[:found.start()], names) or own)


def _last_named(text: str, names: list[tuple[str, str]]) -> str | None:
    """The member named last in ``text`` (the longest name where names overlap)."""
    best: tuple[int, int, str] | None = None  # (end, length, member)
    for name, member in names:
        at = text.rfind(name)
        if at != -1 and (best is None or (at + len(name), len(name)) > best[:2]):
            best = (at + len(name), len(name), member)
    return best[2] if best else None


def often_missing(settings: Any) -> dict[str, list[str]]:
    """Roles that are shared (no person of their own) at most company sizes -> those sizes' names."""
    if settings is None:
        return {}
    names = {size.id: size.name for size in settings.company_sizes}
    found = {}
    for slug, by_size in settings.roles_by_size.items():
        shared = [names.get(size, size) for size, staffing in by_size.items() if staffing.staffing == "shared"]
        if 2 * len(shared) > len(names):
            found[slug] = shared
    return found


def check_decisions(activities: Any, settings: Any, faq: Any, cadence: Any, roles: list[Role], out: Any) -> None:
    """The three rules of this module over what loaded (``activities`` None: nothing to compare with)."""
    if activities is None:
        return
    by_id = {activity.id: activity for activity in activities.activities}
    labels = {role.slug: role.name for role in roles} | {party.id: party.name for party in activities.parties}
    names = member_names(roles, activities.parties)
    missing = often_missing(settings)
    for activity in activities.activities:
        _check_fallback(activity, missing, labels, names, out)
    for role in roles:
        for area in role.responsibilities:
            for index, duty in enumerate(area.duties):
                for claim in claims(duty, names, role.slug):
                    activity = by_id.get(duty.activity) if duty.activity else None
                    if duty.activity is None:
                        out.add(out.place_in(area, "duties", index),
                                say("decision_needs_activity", word=claim.word))
                    elif activity is not None:  # an unknown activity is reported as an unknown reference
                        _compare(claim, activity, labels, lambda: out.place_in(area, "duties", index, "text"), out)
    published = {role.slug for role in roles}
    for slug, role_cadence in (cadence.roles.items() if cadence else ()):
        for item in role_cadence.rhythm if slug in published else ():
            activity = by_id.get(item.activity) if item.activity else None
            for claim in claims(item.part, names, slug) if activity else ():
                _compare(claim, activity, labels, lambda: out.place(item, "part"), out)
    for entry in [*(faq.entries if faq else ()), *(entry for role in roles for entry in role.faq)]:
        activity = by_id.get(entry.activity) if entry.activity else None
        if activity is None:
            continue
        for claim in claims(entry.answer, names, None):
            if claim.member is not None:
                _compare(claim, activity, labels, lambda: out.place(entry, "answer"), out)


def _compare(claim: Claim, activity: Any, labels: dict[str, str], where: Any, out: Any) -> None:
    """A claim names the A of its activity, or the holder where the A's post does not exist. ``where`` gives the
    problem's place, asked only for a problem (finding places maps every record of every file: 0.1 s at 1,000
    roles)."""
    owner = next(member for member, letter in activity.raci.items() if letter == "A") \
        if list(activity.raci.values()).count("A") == 1 else None
    if owner is None:
        return  # the RACI rules report an activity without exactly one A
    holder = activity.fallback.holder if activity.fallback else None
    if claim.member in (owner, holder):
        return
    also = say("decision_fallback", holder=labels.get(holder, holder)) if holder else ""
    out.add(where(), say("decision_not_accountable", word=claim.word, who=labels.get(claim.member, claim.member),
                       activity=activity.id, owner=labels.get(owner, owner), fallback=also))


def _check_fallback(activity: Any, missing: dict[str, list[str]], labels: dict[str, str],
                    names: list[tuple[str, str]], out: Any) -> None:
    accountable = [member for member, letter in activity.raci.items() if letter == "A"]
    if len(accountable) != 1:
        return
    owner, fallback = accountable[0], activity.fallback
    if fallback is None:
        return  # where one is needed is a test over the real data (see the module's docstring)
    named = {member for _name, member in names if _name in fallback.note}
    if fallback.holder not in named or not any(word in fallback.note for word in ACCOUNTABLE_WORDS):
        out.add(out.place(fallback, "note"), say("fallback_note_unsaid", holder=labels.get(fallback.holder,
                                                 fallback.holder), words="、".join(ACCOUNTABLE_WORDS)))
    if fallback.holder == owner:
        out.add(out.place(fallback, "holder"), say("fallback_holder_is_a", holder=fallback.holder))
    elif fallback.holder not in activity.raci:
        out.add(out.place(fallback, "holder"), say("fallback_holder_no_letter", holder=fallback.holder))
    elif fallback.holder in missing:
        out.add(out.place(fallback, "holder"), say("fallback_holder_missing", holder=fallback.holder,
                                                   sizes="、".join(missing[fallback.holder])))
