"""N synthetic roles, and the catalogues around them, that pass the handbook's real validation.

Everything is generated from a seed, so two runs write the same files. Each role carries about 1,500
Chinese characters (about 4.5 KB of UTF-8): 4 responsibility areas of 4 duties, 6 skills, 3 collaborators,
2 questions — the shape of a real role file. As in real role files, a duty that claims a decision names its
activity (``text:`` and ``activity:``) and is held by that activity's A: a role's first duty names the activity
it is A in (saying it decides) or else the one it is R in (saying it does the work); no other text claims one.

The RACI (30 activities, 6 phases) is what a company with many roles would keep: an activity has one
accountable owner and a consulted and an informed role taken from a small core (the first 8 roles, the
company's central PMO and delivery roles), and the roles doing the work. "Every role is R or A in at least
one activity" is the rule that makes the RACI grow with N: role ``i`` is R in activity ``i mod 30``, so at
N = 1,000 an activity holds about 33 R's plus 3 core roles. Only the involved roles are listed per activity,
so the data grows linearly with N; the full matrix page is 30 rows × N columns (linear as well).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.data.lint import HAN

ACTIVITIES_PER_PHASE = 5
CORE_ROLES = 8  # the roles that own (A) and are consulted/informed on activities: bounded, whatever N is
SEED = 20261124



class _Dumper(yaml.SafeDumper):
    """Lists indented under their key (``  - id: …``), as maintainers write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


FAMILIES = [
    ("delivery", "项目交付", "Delivery"),
    ("product-engineering", "产品与技术", "Product and engineering"),
    ("governance", "治理与保障", "Governance"),
    ("business-functions", "业务职能", "Business functions"),
    ("platform", "平台与基础设施", "Platform"),
    ("data", "数据与智能", "Data and intelligence"),
    ("operations", "运营与增长", "Operations and growth"),
    ("customer-success", "客户成功", "Customer success"),
]
BASE_ROLES = [
    ("project-manager", "项目经理", "Project Manager"),
    ("product-manager", "产品经理", "Product Manager"),
    ("technical-project-manager", "技术项目经理", "Technical Project Manager"),
    ("agile-coach", "敏捷教练", "Agile Coach"),
    ("project-coordinator", "项目协调员", "Project Coordinator"),
    ("pmo-manager", "项目管理办公室经理", "PMO Manager"),
    ("project-analyst", "项目管理分析师", "Project Analyst"),
    ("quality-manager", "项目质量经理", "Quality Manager"),
    ("risk-manager", "项目风险经理", "Risk Manager"),
    ("change-manager", "项目变更经理", "Change Manager"),
    ("communications-manager", "项目沟通经理", "Communications Manager"),
    ("procurement-manager", "项目采购经理", "Procurement Manager"),
    ("finance-manager", "项目财务经理", "Finance Manager"),
]
# Business lines (Chinese name, slug word): role i >= 13 is base role i mod 13 of line i // 13.
TEAMS = [
    ("支付", "payments"), ("电商", "commerce"), ("广告", "ads"),
    ("搜索", "search"), ("推荐", "recommendation"), ("直播", "live"),
    ("短视频", "video"), ("地图", "maps"), ("出行", "mobility"),
    ("外卖", "delivery"), ("金融", "finance"), ("保险", "insurance"),
    ("云计算", "cloud"), ("数据库", "database"), ("安全", "security"),
    ("客服", "support"), ("物流", "logistics"), ("供应链", "supply-chain"),
    ("会员", "membership"), ("游戏", "games"), ("教育", "education"),
    ("医疗", "health"), ("办公协同", "workplace"), ("硬件", "devices"),
    ("海外", "international"), ("政企", "enterprise"), ("开放平台", "open-platform"),
    ("中台", "middle-office"), ("基础架构", "infrastructure"), ("大模型", "foundation-models"),
]
# Sites, for when there are more roles than base roles × lines (N > 403).
SITES = [
    ("", ""), ("北京", "beijing"), ("上海", "shanghai"), ("深圳", "shenzhen"),
    ("杭州", "hangzhou"), ("成都", "chengdu"), ("武汉", "wuhan"), ("西安", "xian"),
    ("南京", "nanjing"), ("广州", "guangzhou"),
]
SKILL_GROUPS = [
    ("methods", "项目管理知识与方法", "Project management knowledge and methods"),
    ("communication", "团队协作与沟通", "Teamwork and communication"),
    ("problem-solving", "问题解决与决策", "Problem solving and decisions"),
    ("adaptability", "灵活性与适应性", "Flexibility and adaptability"),
    ("domain", "技术与业务领域知识", "Technical and business knowledge"),
    ("leadership", "领导力", "Leadership"),
]
SKILLS = [
    ("planning-scheduling", "计划与进度管理", "methods"), ("risk-management", "风险管理", "methods"),
    ("quality-management", "质量管理", "methods"), ("agile-practices", "敏捷方法与实践", "methods"),
    ("requirements-analysis", "需求分析", "methods"),
    ("stakeholder-communication", "沟通与利益相关方管理", "communication"),
    ("cross-team-collaboration", "跨团队协作", "communication"),
    ("problem-solving", "问题分析与解决", "problem-solving"), ("decision-making", "决策判断", "problem-solving"),
    ("data-analysis", "数据分析", "problem-solving"), ("adaptability", "应变与适应", "adaptability"),
    ("change-management", "变更管理", "adaptability"), ("technical-knowledge", "技术理解", "domain"),
    ("business-acumen", "业务与市场洞察", "domain"), ("financial-management", "财务与预算管理", "domain"),
    ("procurement-contracts", "采购与合同管理", "domain"), ("leadership-influence", "领导与影响力", "leadership"),
    ("coaching-mentoring", "辅导与培训", "leadership"),
]
LEVELS = [
    (1, "了解", "Awareness"), (2, "应用", "Working"),
    (3, "熟练", "Practitioner"), (4, "精通", "Expert"),
]
STAGES = [
    ("junior", "初级项目经理", "Junior Project Manager", "0–3 年"),
    ("intermediate", "中级项目经理", "Project Manager", "3–5 年"),
    ("senior", "高级项目经理", "Senior Project Manager", "5–8 年"),
    ("department-manager", "项目管理部门经理", "Head of Project Management", "8–12 年"),
    ("director", "项目管理总监", "Director of Project Management", "12 年以上"),
]
TRACK = "project-management"  # every synthetic role climbs this one track, made of STAGES
ENTRY_TRACK = "project-coordination"  # one level that joins TRACK: the guide shows a join
TRACKS = (TRACK, ENTRY_TRACK)
CERTIFICATIONS = [  # id, name, the web domain of the body that owns it (its sources are pages there)
    ("pmp", "PMP", "pmi.org"), ("capm", "CAPM", "pmi.org"), ("pmi-acp", "PMI-ACP", "pmi.org"),
    ("csm", "CSM", "scrumalliance.org"), ("pgmp", "PgMP", "pmi.org"), ("pmi-rmp", "PMI-RMP", "pmi.org"),
    ("npdp", "NPDP", "pdma.org"), ("ruankao-itpm", "信息系统项目管理师", "ruankao.org.cn"),
]
PHASES = [
    ("initiation", "启动", "Initiation"), ("planning", "规划", "Planning"),
    ("execution", "执行", "Execution"), ("monitoring", "监控", "Monitoring"),
    ("closing", "收尾", "Closing"), ("portfolio", "项目组合与治理", "Portfolio and governance"),
]
FAQ_GROUPS = [
    ("basics", "入门与概念"), ("roles", "岗位对比"),
    ("career", "职业发展"), ("ways-of-working", "协作与流程"),
]
TERMS = [
    ("PMP", "项目管理专业人士认证"), ("PMO", "项目管理办公室"), ("RACI", "执行、批准、咨询、知会分工模型"),
    ("WBS", "工作分解结构"), ("Scrum", "一种迭代式敏捷框架"), ("KPI", "关键绩效指标"),
    ("OKR", "目标与关键结果"), ("MVP", "最小可行产品"), ("PRD", "产品需求文档"),
    ("CAPM", "助理项目管理师认证"), ("PMI", "美国项目管理协会"), ("SLA", "服务等级协议"),
    ("UAT", "用户验收测试"),
]

# Fragments the text is assembled from: enough variety that search indexes realistic, varied Chinese.
VERBS = """
组织 推动 制定 评审 跟踪 协调 梳理 复盘 监督 优化
落实 识别 评估 汇总 沟通 对齐 拆解 验收 维护 升级
""".split()
OBJECTS = """
项目计划 里程碑 资源分配方案 风险登记册 变更请求 质量标准
验收标准 预算执行情况 采购合同 供应商交付 需求优先级 迭代节奏
周报与月报 干系人期望 跨团队依赖 上线方案 应急预案 培训材料
度量指标 问题清单 技术方案 项目章程 沟通计划 经验教训库
交付物清单
""".split()
PURPOSES = """
确保项目按期交付 让团队对目标形成共识 把问题暴露在早期
降低返工与延期的概率 让管理层及时掌握真实进展 保证交付质量稳定可控
使投入产出清晰可衡量 减少跨部门协作的摩擦 为后续项目沉淀可复用的经验
帮助新人快速进入角色 让决策有数据可依 把成本控制在预算之内
""".split()
CONTEXTS = """
在项目启动阶段 在每个迭代结束时 在重大变更发生后 在版本上线前
在季度经营复盘中 在多个项目并行时 在需求频繁调整的情况下 面对外部供应商时
在跨地域团队协作中 在资源紧张的时期
""".split()
AREA_TITLES = """
计划与资源 进度与风险 质量与验收 沟通与协调 预算与成本 变更与配置
采购与供应商 度量与报告 团队与能力建设 流程与工具 需求与范围 上线与运营
""".split()

def _sentence(rng: random.Random) -> str:
    """One sentence of about 30 characters."""
    return f"{rng.choice(CONTEXTS)}，{rng.choice(VERBS)}{rng.choice(OBJECTS)}并{rng.choice(VERBS)}" \
           f"{rng.choice(OBJECTS)}，{rng.choice(PURPOSES)}。"


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(_sentence(rng) for _ in range(sentences))


def _duty(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(CONTEXTS)}{rng.choice(VERBS)}" \
           f"{rng.choice(OBJECTS)}，{rng.choice(PURPOSES)}。"


@dataclass(frozen=True)
class RoleName:
    slug: str
    name: str
    name_en: str


def role_names(count: int) -> list[RoleName]:
    """Slugs and names of ``count`` roles: the 13 base roles, then each again per business line and site.

    Slugs are words only (``risk-manager-payments-shanghai``), as a company would name its roles.
    """
    if count > len(BASE_ROLES) * (1 + len(TEAMS) * len(SITES)):
        raise ValueError(f"at most {len(BASE_ROLES) * (1 + len(TEAMS) * len(SITES))} synthetic roles")
    names = []
    for index in range(count):
        slug, name, name_en = BASE_ROLES[index % len(BASE_ROLES)]
        line = index // len(BASE_ROLES)
        if line == 0:
            names.append(RoleName(slug, name, name_en))
            continue
        team, team_slug = TEAMS[(line - 1) % len(TEAMS)]
        site, site_slug = SITES[(line - 1) // len(TEAMS)]
        names.append(RoleName("-".join(part for part in (slug, team_slug, site_slug) if part),
                              f"{site}{team}{name}", f"{name_en}, {team_slug.replace('-', ' ')}"
                              f"{', ' + site_slug.capitalize() if site_slug else ''}"))
    return names


@dataclass(frozen=True)
class Held:
    """An activity a role holds in the RACI: the one its first duty names (``text:`` and ``activity:``)."""

    activity: str  # its id
    work: str  # what is done in it (its name without the phase), 评审项目计划
    letter: str  # "A": the duty says the role decides (only the A may); "R": the role does the work
    owner: str  # the name of the activity's A


def held_activities(names: list[RoleName], listed: list[dict[str, Any]]) -> list[Held]:
    """Per role, the activity its first duty names: the first one it is A in, else the one it is R in
    (``listed``: the activities of :func:`catalogues`)."""
    count, activity_count = len(names), len(PHASES) * ACTIVITIES_PER_PHASE
    racis = [raci_of(number, count, activity_count) for number in range(activity_count)]
    held = []
    for index in range(count):
        number = next((n for n, raci in enumerate(racis) if raci.get(index) == "A"),
                      next(n for n, raci in enumerate(racis) if raci.get(index) == "R"))
        owner = next(i for i, letter in racis[number].items() if letter == "A")
        held.append(Held(listed[number]["id"], listed[number]["name"].split("：", 1)[1], racis[number][index],
                         names[owner].name))
    return held


def _held_duty(rng: random.Random, held: Held) -> dict[str, str]:
    """A duty naming its RACI activity: the A says it decides (a decision word), an R says it does the work."""
    if held.letter == "A":
        text = f"{rng.choice(CONTEXTS)}对{held.work}这项工作最终负责，主持相关会议并拍板结论，{rng.choice(PURPOSES)}。"
    else:
        text = f"{held.work}时承担分到的工作，按时向{held.owner}汇报进展和风险，{rng.choice(PURPOSES)}。"
    return {"text": text, "activity": held.activity}


def role_record(index: int, names: list[RoleName], today: dt.date, held: Held | None = None) -> dict[str, Any]:
    """The content of ``data/roles/<slug>.yaml`` for role ``index``: about 1,500 Chinese characters.

    ``held`` (see :func:`held_activities`) makes the first duty name that activity, as real role files do."""
    rng = random.Random(SEED * 7919 + index)
    me = names[index]
    count = len(names)
    others = []
    for step in (1, 2, 7, 3, 5):
        other = (index + step) % count
        if other != index and other not in others:
            others.append(other)
    first_stage = rng.randrange(0, 3)
    span = [stage[0] for stage in STAGES[first_stage:first_stage + rng.randint(2, 3)]]
    return {
        "slug": me.slug,
        "name": me.name,
        "name_en": me.name_en,
        "family": FAMILIES[index % len(FAMILIES)][0],
        "aliases": [me.name_en, f"{me.name}岗"],
        "summary": f"{me.name}{rng.choice(VERBS)}{rng.choice(OBJECTS)}与{rng.choice(OBJECTS)}，"
                   f"{rng.choice(PURPOSES)}。",
        "mission": _text(rng, 3),
        "responsibilities": [
            {
                "id": f"area-{number + 1}",
                "title": rng.choice(AREA_TITLES) + f"（{number + 1}）",
                "description": _text(rng, 2),
                "duties": [_held_duty(rng, held) if held and number == duty == 0 else _duty(rng)
                           for duty in range(4)],
            }
            for number in range(4)
        ],
        "skills": [
            {"skill": skill_id, "levels": _rising(rng, span), "note": _sentence(rng)}
            for skill_id, _name, _group in rng.sample(SKILLS, 6)
        ],
        "collaborates_with": [{"role": names[other].slug, "how": _sentence(rng)} for other in others[:3]],
        "career": {"track": TRACK, "levels": span},
        "faq": [
            {"id": f"{me.slug}-q{number + 1}", "question": f"{me.name}{rng.choice(CONTEXTS)}最先要"
             f"{rng.choice(VERBS)}什么？", "answer": _text(rng, 4)}
            for number in range(2)
        ],
        "owner": "PMO 知识管理组",
        "last_reviewed": today - dt.timedelta(days=30 + index % 200),
        "former_slugs": [],
    }


def _rising(rng: random.Random, span: list[str]) -> dict[str, int]:
    """An expected proficiency per level that never falls from one level to the next."""
    level = rng.randint(1, 3)
    levels = {}
    for stage in span:
        levels[stage] = level
        level = min(4, level + rng.randint(0, 1))
    return levels


def raci_of(activity: int, count: int, activities: int) -> dict[int, str]:
    """Role index -> letter for one activity (see the module docstring); indices, not slugs."""
    doers = [i for i in range(activity, count, activities)] or [activity % count]
    core = min(CORE_ROLES, count)
    letters: dict[int, str] = {i: "R" for i in doers}
    candidates = [(activity + 1 + step) % core for step in range(core)]
    free = [i for i in candidates if i not in letters]
    for letter, who in zip("ACI", free):
        letters[who] = letter
    return letters


def catalogues(names: list[RoleName]) -> dict[str, dict[str, Any]]:
    """families, skills, career, activities, faq and glossary, keyed by file name."""
    rng = random.Random(SEED)
    count = len(names)
    activity_count = len(PHASES) * ACTIVITIES_PER_PHASE
    activities = []
    for number in range(activity_count):
        phase = PHASES[number // ACTIVITIES_PER_PHASE]
        raci = raci_of(number, count, activity_count)
        activities.append({
            "id": f"{phase[0]}-activity-{number % ACTIVITIES_PER_PHASE + 1}",
            "name": f"{phase[1]}：{rng.choice(VERBS)}{rng.choice(OBJECTS)}",
            "phase": phase[0],
            "description": _sentence(rng),
            "raci": {names[i].slug: letter
                     for i, letter in sorted(raci.items(), key=lambda item: ("ARCI".index(item[1]), item[0]))},
            "reason": _sentence(rng),
        })
    # A certification lists the roles it typically qualifies: a bounded handful, not every role.
    certs = [
        {"id": cert_id, "name": name, "full_name": f"{cert_id.upper()} 认证", "issuer": "认证机构",
         "description": _text(rng, 2),
         "requirements": [_sentence(rng), _sentence(rng)],
         # Every level: each role a certification names spans one of them at least (a rule of check).
         "levels": [f"{TRACK}/{stage[0]}" for stage in STAGES],
         "roles": sorted({names[(number * 5 + k) % count].slug for k in range(5)}),
         "exam": _sentence(rng), "renewal": _sentence(rng),
         "owner_domains": [domain],
         "sources": [{"url": f"https://www.{domain}/certifications/{cert_id}", "title": f"{name}{' ' if name.isascii() else ''}认证说明",
                      "checked": "2026-11-01"}]}
        for number, (cert_id, name, domain) in enumerate(CERTIFICATIONS)
    ]
    faq_entries = [
        {"id": f"shared-question-{number + 1}", "group": FAQ_GROUPS[number % len(FAQ_GROUPS)][0],
         "question": f"{rng.choice(CONTEXTS)}如何{rng.choice(VERBS)}{rng.choice(OBJECTS)}？", "answer": _text(rng, 4),
         "roles": sorted({names[(number * 3 + k) % count].slug for k in range(2)})}
        for number in range(10)
    ]
    return {
        "families.yaml": {"families": [
            {"id": fid, "name": name, "name_en": name_en, "description": _text(rng, 2)}
            for fid, name, name_en in FAMILIES
        ]},
        "skills.yaml": {
            "levels": [{"level": level, "name": name, "name_en": en, "description": _sentence(rng)}
                       for level, name, en in LEVELS],
            "groups": [{"id": gid, "name": name, "name_en": en, "description": _sentence(rng)}
                       for gid, name, en in SKILL_GROUPS],
            "skills": [{"id": sid, "name": name, "name_en": sid.replace("-", " ").capitalize(), "group": group,
                        "description": _text(rng, 2), "levels": [_sentence(rng) for _ in LEVELS]}
                       for sid, name, group in SKILLS],
        },
        "career.yaml": {
            "tracks": [{
                "id": TRACK, "name": "项目管理序列", "name_en": "Project Management", "description": _text(rng, 2),
                "levels": [{"id": sid, "name": name, "name_en": en, "experience": years, "scope": _text(rng, 2),
                            "expectations": [_sentence(rng) for _ in range(3)], "changes": _sentence(rng)}
                           for sid, name, en, years in STAGES],
            },
            {
                "id": ENTRY_TRACK, "name": "项目协调序列", "name_en": "Project Coordination",
                "description": _text(rng, 2),
                "levels": [{"id": "coordinator", "name": "项目协调员", "name_en": "Project Coordinator",
                            "experience": "0–2 年", "scope": _text(rng, 2),
                            "expectations": [_sentence(rng) for _ in range(3)], "changes": _sentence(rng)}],
            }],
            "joins": [{"from_level": f"{ENTRY_TRACK}/coordinator", "to_level": f"{TRACK}/{STAGES[0][0]}",
                       "note": _sentence(rng)}],
            "certifications": certs,
        },
        "activities.yaml": {
            "phases": [{"id": pid, "name": name, "name_en": en, "description": _sentence(rng)}
                       for pid, name, en in PHASES],
            "activities": activities,
        },
        "faq.yaml": {"groups": [{"id": gid, "name": name} for gid, name in FAQ_GROUPS], "entries": faq_entries},
        "glossary.yaml": {"terms": [{"id": "-".join(re.findall(r"[a-z0-9]+", term.lower())), "term": term,
                                     "expansion": expansion, "description": _sentence(rng)}
                                    for term, expansion in TERMS]
                          + [{"id": "canary-release", "term": "灰度发布", "en": "Canary release",
                              "description": _sentence(rng)}]},
        **practice_catalogues(names, activities, rng),
    }


def practice_catalogues(names: list[RoleName], activities: list[dict[str, Any]], rng: random.Random
                        ) -> dict[str, dict[str, Any]]:
    """cadence, operations, tools and settings: every role gets its cadence (a meeting tied to the activity it is
    R in) and its staffing per company size; one practice names the roles of the first activity."""
    count = len(activities)
    week = [{"when": day, "what": _sentence(rng)} for day in ("周一", "周二", "周三", "周四", "周五")]
    first = activities[0]
    return {
        "cadence.yaml": {
            "iterations": [{"id": "biweekly", "name": "双周迭代", "name_en": "Two-week iteration", "length_days": 14,
                            "description": _sentence(rng)}],
            "release_patterns": [{"id": "release-window", "name": "固定发布窗口", "name_en": "Release windows",
                                  "description": _sentence(rng)}],
            "events": [{"id": "weekly-meeting", "name": "周会", "name_en": "Weekly meeting",
                        "description": _sentence(rng), "typical_frequency": "每周"}],
            "roles": {name.slug: {"iteration": {"usual": "biweekly"},
                                  "rhythm": [{"event": "weekly-meeting", "frequency": "每周", "part": _sentence(rng),
                                              "activity": activities[index % count]["id"]}],
                                  "typical_week": [dict(item) for item in week]}
                      for index, name in enumerate(names)},
        },
        "operations.yaml": {
            "incident_levels": {"note": _sentence(rng), "levels": [
                {"id": f"p{n}", "name": f"P{n}", "definition": _sentence(rng), "typical_response": _sentence(rng)}
                for n in range(3)]},
            "practices": [{"id": "canary-release", "name": "灰度发布", "name_en": "Canary release",
                           "definition": _text(rng, 2), "common_practice": [_sentence(rng), _sentence(rng)],
                           "varies": _sentence(rng), "activities": [first["id"]],
                           "duties": {slug: _sentence(rng) for slug in first["raci"]}}],
        },
        "tools.yaml": {
            "note": _sentence(rng), "last_reviewed": "2026-12-01",
            "categories": [{"id": "issue-tracking", "name": "项目与需求管理", "name_en": "Issue tracking",
                            "description": _sentence(rng), "examples": [{"name": "Jira"}, {"name": "TAPD"}],
                            "setup_tip": _sentence(rng)}],
            "by_activity": {first["id"]: [{"category": "issue-tracking", "how": _sentence(rng)}]},
        },
        "settings.yaml": {
            "company_sizes": [{"id": sid, "name": name, "name_en": en, "description": _sentence(rng),
                               "traits": [_sentence(rng)]}
                              for sid, name, en in (("startup", "初创公司", "Start-up"), ("large", "大厂", "Large"))],
            "roles_by_size": {name.slug: {"startup": {"staffing": "shared", "note": _sentence(rng)},
                                          "large": {"staffing": "dedicated", "note": _sentence(rng)}}
                              for name in names},
            "titles": {"summary": _sentence(rng), "ladders": [{"id": "professional", "name": "专业通道",
                                                               "description": _sentence(rng)}]},
            "delivery_settings": [{"id": "acceptance", "name": "验收", "name_en": "Acceptance",
                                   "description": _sentence(rng), "roles": [names[0].slug]}],
            "goals": [{"id": "okr", "name": "OKR", "description": _sentence(rng)}],
        },
    }


def _dump(path: Path, schema: str, data: dict[str, Any]) -> int:
    text = f"# yaml-language-server: $schema={schema}\n" + yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


@dataclass(frozen=True)
class Generated:
    """What :func:`write_data` wrote."""

    slugs: tuple[str, ...]
    role_bytes: int  # total UTF-8 size of the role files
    role_chars: int  # Chinese characters in the role files


def chinese_chars(text: str) -> int:
    """How many Han characters ``text`` holds (the measure of a role's size)."""
    return len(re.findall(f"[{HAN}]", text))


def write_data(data_dir: Path, count: int, today: dt.date | None = None) -> Generated:
    """Write a whole synthetic ``data/`` (without ``schema/``) for ``count`` roles; return their slugs."""
    if count < 2:
        raise ValueError("the RACI rules need at least 2 roles")
    today = today or dt.date.today()
    names = role_names(count)
    roles_dir = data_dir / "roles"
    if roles_dir.exists():
        shutil.rmtree(roles_dir)
    roles_dir.mkdir(parents=True)
    files = catalogues(names)
    for file_name, data in files.items():
        _dump(data_dir / file_name, f"./schema/{file_name.replace('.yaml', '.schema.json')}", data)
    held = held_activities(names, files["activities.yaml"]["activities"])
    total_bytes = total_chars = 0
    for index, name in enumerate(names):
        path = roles_dir / f"{name.slug}.yaml"
        total_bytes += _dump(path, "../schema/role.schema.json", role_record(index, names, today, held[index]))
        total_chars += chinese_chars(path.read_text(encoding="utf-8"))
    return Generated(tuple(name.slug for name in names), total_bytes, total_chars)
