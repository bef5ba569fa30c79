"""Job-posting text (招聘文案, "JD") for every level of a role's career track, made from the data alone.

One text per level, in the style of Chinese job boards: 岗位职责 (the level's scope and expectations, then the
role's responsibility areas with their duties) and 任职要求 (the level's experience, each skill with the
proficiency expected at that level, named and numbered, and the certifications that help, never required),
ending with the canonical address of the role page's ``#jd`` section.

The text is written once, by ``templates/jd.txt.j2``: the role page shows it (and copies it), and the build
writes it to ``api/jd/<slug>.txt`` and ``api/jd/<slug>.md`` for every published role (drafts get none).
"""

from __future__ import annotations

import os

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.files import write_file
from ..data.models import CareerLevel, CareerTrack, Certification, Handbook, ResponsibilityArea, Role, Skill, SkillLevel
from .career import level_key
from .render import markdown_escape, render_text
from .typography import join_cjk
from .urls import JD_ANCHOR, canonical_url, role_src

JD_DIR = "jd"  # under api/: api/jd/<slug>.txt and .md
JD_FORMATS = ("txt", "md")


@dataclass(frozen=True)
class JdSkill:
    """A skill with the proficiency expected at one level, and what that proficiency looks like for it."""

    skill: Skill
    level: SkillLevel
    descriptor: str  # the skill's own descriptor of that proficiency (data/skills.yaml)


@dataclass(frozen=True)
class JdCertification:
    """A certification of the role: preferred (优先) at the levels where the data says it matters, a plus
    (加分) at the role's other levels. Never a requirement."""

    certification: Certification
    preferred: bool


@dataclass(frozen=True)
class JdLevel:
    """The job posting of one level of the role."""

    role: Role
    track: CareerTrack
    level: CareerLevel
    areas: tuple[ResponsibilityArea, ...]
    skills: tuple[JdSkill, ...]
    certifications: tuple[JdCertification, ...]
    url: str  # the canonical address of the role page's #jd section

    @property
    def title(self) -> str:
        return f"{self.role.name} · {self.level.name}"

    @property
    def preferred(self) -> tuple[Certification, ...]:
        return tuple(item.certification for item in self.certifications if item.preferred)

    @property
    def plus(self) -> tuple[Certification, ...]:
        return tuple(item.certification for item in self.certifications if not item.preferred)

    def text(self, markdown: bool = False) -> str:
        """The posting as plain text (what "复制 JD" copies), or as Markdown (``api/jd/<slug>.md``)."""
        fold = (lambda value: markdown_escape(value)) if markdown else join_cjk
        return render_text("jd.txt.j2", jd=self, markdown=markdown, t=fold).strip()


def role_jd(handbook: Handbook, role: Role, url: str) -> tuple[JdLevel, ...]:
    """The postings of every level the role spans, lowest first; ``url`` is the role page's canonical address."""
    track = handbook.track_by_id[role.career.track]
    certifications = handbook.certifications_for(role)
    postings = []
    for level in handbook.levels_of(role):
        skills = tuple(
            JdSkill(skill := handbook.skill_by_id[item.skill], handbook.level_by_number[item.at(level.id)],
                    skill.levels[item.at(level.id) - 1])
            for item in role.skills
        )
        key = level_key(track.id, level.id)
        certs = tuple(JdCertification(cert, key in cert.levels) for cert in certifications)
        postings.append(JdLevel(role, track, level, role.responsibilities, skills, certs, f"{url}#{JD_ANCHOR}"))
    return tuple(postings)


def role_jd_file(postings: tuple[JdLevel, ...], markdown: bool) -> str:
    """Every level's posting in one file, separated by a blank line (and a rule in Markdown)."""
    separator = "\n\n---\n\n" if markdown else "\n\n\n"
    return separator.join(posting.text(markdown) for posting in postings) + "\n"


def jd_files(role: Role) -> dict[str, str]:
    """The paths from the site's root of a role's posting files, by format (``api/jd/<slug>.txt``, ``.md``)."""
    return {extension: f"api/{JD_DIR}/{role.slug}.{extension}" for extension in JD_FORMATS}


# The last build's files, by role: `mkdocs serve` writes every role's files after each save, and at 1,000 roles
# making them all again took 1 s of a save's 2 (`make bench`). A file is made from its role, the career data and
# the skills (and its address); a file whose records are the very objects of the last build (macros.data.read keeps
# the records of a file that did not change) is the same file, and where it is still as written (its size and time)
# it is not written again: checking 2,000 files' contents took 0.17 s of each save.
_MADE: dict[tuple[str, str, bool], tuple[tuple[Any, ...], str, tuple[str, int, int] | None]] = {}


def _as_written(path: Path) -> tuple[str, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (os.fspath(path), info.st_size, info.st_mtime_ns)


def write_jd_files(handbook: Handbook, api_dir: Path, conf: Any) -> list[Path]:
    """``api/jd/<slug>.txt`` and ``.md`` for every published role (``handbook.roles``: never a draft's)."""
    directory = api_dir / JD_DIR
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    before = dict(_MADE)
    _MADE.clear()
    for role in handbook.roles:
        url = canonical_url(conf, role_src(role.slug))
        sources = (role, handbook.career, handbook.skills)
        for extension in JD_FORMATS:
            key = (role.slug, url, extension == "md")
            path = directory / f"{role.slug}.{extension}"
            made = before.get(key)
            if made is None or any(old is not new for old, new in zip(made[0], sources)):
                made = (sources, role_jd_file(role_jd(handbook, role, url), markdown=extension == "md"), None)
            if made[2] is None or made[2] != _as_written(path):
                write_file(api_dir, path, made[1])
                made = (made[0], made[1], _as_written(path))
            _MADE[key] = made
            written.append(path)
    return written
