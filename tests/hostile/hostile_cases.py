"""The hostile and accidental input corpus: each case is a set of edits to the small valid project of
tests/fixtures/minimal and what ``check`` (and, for some, the build) must answer.

A case names the file, the line (as a piece of text on it, or a number) and the field (None when the
problem is the file as a whole) that its message must point at, and a fragment of the message. Cases
with ``exit=0`` must be accepted (the injection cases: their text is shown, never run).
"""

from __future__ import annotations

from dataclasses import dataclass

RM = "data/roles/risk-manager.yaml"
PM = "data/roles/project-manager.yaml"
SKILLS = "data/skills.yaml"
ACTIVITIES = "data/activities.yaml"
CAREER = "data/career.yaml"
FAQ = "data/faq.yaml"
GLOSSARY = "data/glossary.yaml"
FAMILIES = "data/families.yaml"
CONTRACT = "data/url-contract.txt"
STUB = "handbook/roles/risk-manager.md"


@dataclass(frozen=True)
class Case:
    name: str
    cls: str
    edits: tuple
    file: str = RM
    at: str | int | None = None  # the text on the reported line, or its number; None: line 1
    field: str | None = None  # the field the message names; None: the whole file
    text: str = ""  # a fragment of the message (any of several, split by "|"; case does not matter)
    exit: int = 1
    build: bool = False  # also run the build and check the last good site is untouched
    browser: bool = False  # open the built pages in Chromium: nothing may run
    isolate: bool = False  # may crash the interpreter or take long: run in a subprocess with a time limit
    pages: tuple = ("roles/risk-manager/",)


def rep(file: str, old: str, new: str) -> tuple:
    return ("replace", file, old, new)


def put(file: str, content: str | bytes) -> tuple:
    return ("write", file, content)


def add(file: str, content: str) -> tuple:
    return ("append", file, content)


def rm(file: str) -> tuple:
    return ("delete", file)


def link(file: str, target: str) -> tuple:
    return ("symlink", file, target)


CONTRACTED = ("contract",)  # write the URL contract of the valid project first


def c(name, cls, *edits, **kwargs) -> Case:
    return Case(name, cls, tuple(edits), **kwargs)


PAYLOAD = "<img src=x onerror=\"__pwned='{where}';alert(1)\">"
BREAKOUTS = (
    "</title><script>__pwned='title'</script>",
    "\"><svg onload=\"__pwned='attr'\">",
    "</script><script>__pwned='json-ld'</script>",
    "<!--<script>__pwned='comment'</script>-->",
    "&lt;script&gt;__pwned='entity'&lt;/script&gt;",
    "{{ config.site_name }}{% raw %}<script>__pwned='jinja'</script>",
    "[x](javascript:__pwned='link')",
    "<a href=\"javascript:__pwned='href'\">点我</a>",
)


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


CASES: list[Case] = [
    # --- YAML syntax -------------------------------------------------------------------------------------------
    c("unclosed flow list", "syntax", rep(RM, "summary: 一句话简介。", "summary: [一句话简介。"), at="mission:",
      text="YAML 写法有误"),
    c("unclosed quote", "syntax", rep(RM, "mission: 使命说明。", 'mission: "使命说明。'), at=40,
      text="从第 7 行开始"),
    c("tab indentation", "syntax", rep(RM, "    title: 计划", "\ttitle: 计划"), at="\ttitle", text="YAML 写法有误"),
    c("bad indentation", "syntax", rep(RM, "    title: 计划", "      title: 计划"), at="      title: 计划",
      text="YAML 写法有误"),
    c("missing colon", "syntax", rep(RM, "mission: 使命说明。", "mission 使命说明。"), at="responsibilities:",
      text="从第 7 行开始", build=True),
    c("stray colon in plain text", "syntax", rep(RM, "mission: 使命说明。", "mission: a: b"), at="mission: a: b",
      text="YAML 写法有误"),
    c("unclosed mapping", "syntax", rep(RM, "aliases: [别名]", "aliases: {别名"), at="summary:", text="YAML 写法有误"),
    c("empty file", "syntax", put(RM, ""), text="文件是空的"),
    c("only a comment", "syntax", put(RM, "# 草稿\n"), text="文件是空的"),
    c("a list instead of a mapping", "syntax", put(RM, "- slug: risk-manager\n"), field=None,
      text="应为映射|应为一组字段"),
    c("a scalar instead of a mapping", "syntax", put(RM, "risk-manager\n"), text="应为映射|应为一组字段"),
    c("two documents", "syntax", add(RM, "---\nslug: other\n"), at="---", text="YAML 写法有误"),
    c("directive in the middle", "syntax", add(RM, "%YAML 1.2\n"), at=41, text="YAML 写法有误"),
    c("duplicate key", "syntax", rep(RM, "mission: 使命说明。", "mission: 使命说明。\nmission: 第二句。"),
      at="mission: 第二句", field="mission", text="写了两次"),
    c("duplicate nested key", "syntax", rep(RM, "    title: 计划", "    title: 计划\n    title: 又一个"),
      at="title: 又一个", field="responsibilities[0].title", text="写了两次"),
    c("unterminated block scalar indicator", "syntax", rep(RM, "mission: 使命说明。", "mission: |x\n  文本"),
      at="mission: |x", text="YAML 写法有误"),
    c("mapping key is a list", "syntax", rep(RM, "mission: 使命说明。", "[a, b]: 使命说明。"), at="[a, b]",
      text="应为字段名|没有这个字段"),
    c("null key", "syntax", rep(RM, "mission: 使命说明。", "mission: 使命说明。\n~: x"), at="~: x",
      text="没有这个字段"),

    # --- Types -------------------------------------------------------------------------------------------------
    c("word for a level", "types", rep(RM, "intermediate: 3}", "intermediate: high}"), at="intermediate: high",
      field="skills[0].levels.intermediate", text="应为整数，实际是「high」"),
    c("level out of range", "types", rep(RM, "intermediate: 3}", "intermediate: 7}"), at="intermediate: 7", field="skills[0].levels.intermediate",
      text="应为 1–4 的整数，实际是 7", build=True),
    c("level zero", "types", rep(RM, "intermediate: 3}", "intermediate: 0}"), at="intermediate: 0", field="skills[0].levels.intermediate",
      text="1–4"),
    c("negative level", "types", rep(RM, "intermediate: 3}", "intermediate: -2}"), at="intermediate: -2",
      field="skills[0].levels.intermediate", text="1–4"),
    c("hexadecimal level", "types", rep(RM, "intermediate: 3}", "intermediate: 0x9}"), at="intermediate: 0x9",
      field="skills[0].levels.intermediate", text="0x9|1–4"),
    # YAML 1.1 would read 0x4 as the number 4: the handbook takes whole numbers in decimal only.
    c("hexadecimal level in range", "types", rep(RM, "intermediate: 3}", "intermediate: 0x4}"), at="intermediate: 0x4",
      field="skills[0].levels.intermediate", text="十进制"),
    c("octal level", "types", rep(RM, "intermediate: 3}", "intermediate: 0o3}"), at="intermediate: 0o3",
      field="skills[0].levels.intermediate", text="0o3"),
    c("binary level", "types", rep(RM, "intermediate: 3}", "intermediate: 0b111}"), at="intermediate: 0b111",
      field="skills[0].levels.intermediate", text="0b111|1–4"),
    c("sexagesimal level", "types", rep(RM, "intermediate: 3}", "intermediate: 1:30}"), at="intermediate: 1:30",
      field="skills[0].levels.intermediate", text="1:30|1–4"),
    c("underscored level", "types", rep(RM, "intermediate: 3}", "intermediate: 1_0}"), at="intermediate: 1_0",
      field="skills[0].levels.intermediate", text="1–4"),
    c("huge level", "types", rep(RM, "intermediate: 3}", "intermediate: " + "9" * 5000 + "}"), at="intermediate: 999",
      field="skills[0].levels.intermediate", text="应为整数"),
    c("fractional level", "types", rep(RM, "intermediate: 3}", "intermediate: 3.0}"), at="intermediate: 3.0",
      field="skills[0].levels.intermediate", text="应为整数"),
    c("quoted level", "types", rep(RM, "intermediate: 3}", 'intermediate: "3"}'), at='intermediate: "3"',
      field="skills[0].levels.intermediate", text="应为整数"),
    c("infinite level", "types", rep(RM, "intermediate: 3}", "intermediate: .inf}"), at="intermediate: .inf",
      field="skills[0].levels.intermediate", text="应为整数"),
    c("true for a level", "types", rep(RM, "intermediate: 3}", "intermediate: true}"), at="intermediate: true",
      field="skills[0].levels.intermediate", text="应为整数"),
    c("number where text expected", "types", rep(RM, "name_en: Role risk-manager", "name_en: 2024"),
      at="name_en: 2024", field="name_en", text="请给它加上引号"),
    c("yes where text expected", "types", rep(RM, "name_en: Role risk-manager", "name_en: yes"),
      at="name_en: yes", field="name_en", text="应为文字"),
    c("null text", "types", rep(RM, "mission: 使命说明。", "mission: ~"), at="mission: ~", field="mission",
      text="应为文字"),
    c("nothing after the colon", "types", rep(RM, "mission: 使命说明。", "mission:"), at="mission:",
      field="mission", text="应为文字"),
    # A date where text is expected is just text (the reader keeps dates as text until a date is asked for).
    c("date where text is expected is text", "types", rep(RM, "owner: PMO 知识管理组", "owner: 2026-01-01"), exit=0),
    c("empty string", "types", rep(RM, "mission: 使命说明。", 'mission: ""'), at="mission:", field="mission",
      text="实际是空的"),
    c("blank string", "types", rep(RM, "mission: 使命说明。", 'mission: "   "'), at="mission:", field="mission",
      text="实际是空的"),
    c("list where text expected", "types", rep(RM, "mission: 使命说明。", "mission: [使命说明。]"),
      at="mission:", field="mission", text="应为文字，实际是列表"),
    c("mapping where text expected", "types", rep(RM, "mission: 使命说明。", "mission: {a: b}"),
      at="mission:", field="mission", text="应为文字，实际是映射"),
    c("text where list expected", "types", rep(RM, "aliases: [别名]", "aliases: 别名"), at="aliases:",
      field="aliases", text="应为列表"),
    c("mapping where list expected", "types", rep(RM, "levels: [junior, intermediate]}", "levels: {junior: 1}}"),
      at="career:", field="career.levels", text="应为列表"),
    c("list where mapping expected", "types", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                                   "      - risk-manager\n    reason: 章程"),
      file=ACTIVITIES, at="      - risk-manager", text="YAML 写法有误"),
    c("raci as a list", "types", rep(ACTIVITIES, "    raci:\n      project-manager: A\n      risk-manager: R\n",
                                     "    raci: [project-manager, risk-manager]\n"), file=ACTIVITIES,
      at="raci: [project-manager", field="activities[0].raci", text="应为映射|应为一组字段"),
    c("date with a time", "types", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-10-01 10:00:00"),
      at="last_reviewed:", field="last_reviewed", text="YYYY-MM-DD|date"),
    c("impossible date", "types", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 2026-13-45"),
      at="last_reviewed:", field="last_reviewed", text="YYYY-MM-DD|date"),
    c("date as text", "types", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 十月一日"),
      at="last_reviewed:", field="last_reviewed", text="YYYY-MM-DD|date"),
    c("date as a number", "types", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 20261001"),
      at="last_reviewed:", field="last_reviewed", text="YYYY-MM-DD|date"),
    c("letter in lower case", "types", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                           "      risk-manager: r\n    reason: 章程"), file=ACTIVITIES,
      at="risk-manager: r", field="activities[0].raci.risk-manager", text="应为 R、A、C、I 之一"),
    c("unknown letter", "types", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                     "      risk-manager: X\n    reason: 章程"), file=ACTIVITIES,
      at="risk-manager: X", field="activities[0].raci.risk-manager", text="应为 R、A、C、I 之一"),
    c("slug in capitals", "types", rep(RM, "slug: risk-manager", "slug: Risk_Manager"), at="slug:",
      field="slug", text="小写英文字母"),
    c("slug in Chinese", "types", rep(RM, "slug: risk-manager", "slug: 风险经理"), at="slug:", field="slug",
      text="小写英文字母"),
    c("glossary term with markup", "types", rep(GLOSSARY, "    term: PMP", "    term: PMP<b>"), file=GLOSSARY,
      at="term:", field="terms[0].term", text="不含标记符号"),
    c("certification without a source", "lists", rep(CAREER, """    sources:
      - url: https://example.org/pmp
        title: PMP 说明
        checked: 2026-10-01""", "    sources: []"), file=CAREER, at="    sources: []",
      field="certifications[0].sources", text="应至少有 1 项"),
    c("one FAQ entry", "lists", rep(RM, """  - id: risk-manager-tools
    question: 用什么工具？
    answer: 看团队习惯。
""", ""), at="  - id: risk-manager-first-week", field="faq", text="应至少有 2 项"),
    c("too few duties", "types", rep(RM, "      - 跟踪进度。\n", ""), at="      - 编写计划。",
      field="responsibilities[0].duties", text="应至少有 3 项"),
    c("five skill descriptors", "types", rep(SKILLS, "      - 能设计风险管理体系。", "      - 能设计风险管理体系。\n      - 多余。"),
      file=SKILLS, at="      - 知道风险登记册", field="skills[0].levels", text="应最多有 4 项"),
    c("no skills", "types", rep(RM, "skills:\n  - skill: risk-management\n    levels: {junior: 2, intermediate: 3}\n    note: 能主持评审。\n",
                                "skills: []\n"), at="skills: []", field="skills", text="应至少有 1 项"),

    # --- Fields ------------------------------------------------------------------------------------------------
    c("misspelt field", "fields", rep(RM, "mission:", "misson:"), at="misson:", field="misson",
      text="是不是想写 mission？"),
    c("missing owner", "fields", rep(RM, "owner: PMO 知识管理组\n", ""), at=1, text="缺少必填字段 owner"),
    c("missing slug", "fields", rep(RM, "slug: risk-manager\n", ""), at=1, text="缺少必填字段 slug"),
    c("unknown nested field", "fields", rep(RM, "    title: 计划", "    title: 计划\n    titel: 计划"), at="titel:",
      field="responsibilities[0].titel", text="没有这个字段"),
    c("field in upper case", "fields", rep(RM, "mission:", "Mission:"), at="Mission:", field="Mission",
      text="没有这个字段"),
    c("field with a trailing space", "fields", rep(RM, "mission:", '"mission ":'), at='"mission ":',
      field="mission ", text="没有这个字段"),
    c("field with a zero-width space", "fields", rep(RM, "mission:", "mis\u200bsion:"), at="mis\u200bsion:",
      field="mis\u200bsion", text="没有这个字段"),
    c("missing top-level list", "fields", rep(FAMILIES, "families:", "famlies:"), file=FAMILIES, at="famlies:",
      field="famlies", text="没有这个字段"),
    c("group on a role's own FAQ", "fields", rep(RM, "    answer: 认识团队。", "    answer: 认识团队。\n    group: basics"),
      at="group: basics", field="faq[0].group", text="请删掉 group"),
    c("shared FAQ without group", "fields", rep(FAQ, "    group: basics\n", ""), file=FAQ, at="  - id: pm-resp",
      text="group"),

    # --- References --------------------------------------------------------------------------------------------
    c("unknown collaborator", "references", rep(RM, "  - role: project-manager", "  - role: project-managr"),
      at="  - role: project-managr", field="collaborates_with[0].role", text="没有叫「project-managr」的岗位"),
    c("unknown family", "references", rep(RM, "family: delivery", "family: delivry"), at="family:",
      field="family", text="的岗位族"),
    c("unknown skill", "references", rep(RM, "  - skill: risk-management", "  - skill: risk-mgmt"),
      at="skill: risk-mgmt", field="skills[0].skill", text="的技能："),
    c("unknown level", "references", rep(RM, "levels: [junior, intermediate]}", "levels: [junior, expert]}"),
      at="career:", field="career.levels[1]", text="没有职级「expert」"),
    c("unknown skill group", "references", rep(SKILLS, "    group: methods", "    group: method"), file=SKILLS,
      at="group: method", field="skills[0].group", text="的技能组"),
    c("unknown phase", "references", rep(ACTIVITIES, "    phase: initiation\n    description: 产出项目章程。",
                                         "    phase: kickoff\n    description: 产出项目章程。"), file=ACTIVITIES,
      at="phase: kickoff", field="activities[0].phase", text="的生命周期阶段"),
    c("unknown role in RACI", "references", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                                "      risk-manager: R\n      ghost-role: C\n    reason: 章程"),
      file=ACTIVITIES, at="ghost-role", field="activities[0].raci", text="「ghost-role」"),
    c("unknown FAQ group", "references", rep(FAQ, "    group: basics", "    group: basic"), file=FAQ,
      at="group: basic", field="entries[0].group", text="的问答分组"),
    c("unknown role of a FAQ", "references", rep(FAQ, "    roles: [project-manager]", "    roles: [nobody]"),
      file=FAQ, at="roles: [nobody]", field="entries[0].roles[0]", text="的岗位："),
    c("unknown role of a certification", "references", rep(CAREER, "    roles: [project-manager]",
                                                           "    roles: [nobody]"), file=CAREER,
      at="roles: [nobody]", field="certifications[0].roles[0]", text="的岗位："),
    c("unknown level of a certification", "references", rep(CAREER, "    levels: [project-management/intermediate]",
                                                            "    levels: [project-management/expert]"), file=CAREER,
      at="levels: [project-management/expert]", field="certifications[0].levels[0]", text="没有职级"),
    c("collaborating with itself", "references", rep(RM, "  - role: project-manager", "  - role: risk-manager"),
      at="  - role: risk-manager", field="collaborates_with[0].role", text="不能和自己协作"),

    # --- Uniqueness and anchors --------------------------------------------------------------------------------
    c("slug differs from file name", "uniqueness", rep(RM, "slug: risk-manager", "slug: risk-boss"), at="slug:",
      field="slug", text="文件名"),
    c("duplicate responsibility id", "uniqueness", rep(RM, "  - id: monitoring", "  - id: planning"),
      at="  - id: planning\n    title: 监控", field="responsibilities[1].id", text="锚点「planning」在这个岗位页面上重复了"),
    c("area id is a section anchor", "uniqueness", rep(RM, "  - id: monitoring", "  - id: skills"),
      at="  - id: skills", field="responsibilities[1].id", text="章节锚点"),
    c("FAQ id is a section anchor", "uniqueness", rep(RM, "  - id: risk-manager-tools", "  - id: faq"),
      at="  - id: faq", field="faq[1].id", text="章节锚点"),
    c("FAQ id used by two roles", "uniqueness", rep(RM, "  - id: risk-manager-tools", "  - id: project-manager-tools"),
      at="  - id: project-manager-tools", field="faq[1].id", text="已经用过"),
    c("duplicate skill of a role", "uniqueness", rep(RM, "    note: 能主持评审。", "    note: 能主持评审。\n  - skill: risk-management\n    levels: {junior: 2, intermediate: 2}"),
      at="  - skill: risk-management\n    levels: {junior: 2, intermediate: 2}", field="skills[1].skill", text="「risk-management」重复了"),
    c("duplicate collaborator", "uniqueness", rep(RM, "    how: 共同推进项目。", "    how: 共同推进项目。\n  - role: project-manager\n    how: 又一次。"),
      at="  - role: project-manager\n    how: 又一次", field="collaborates_with[1].role", text="「project-manager」重复了"),
    c("duplicate level of a role", "uniqueness", rep(RM, "levels: [junior, intermediate]}", "levels: [junior, junior]}"),
      at="career:", field="career.levels", text="每个职级各写一次"),
    c("duplicate family id", "uniqueness", add(FAMILIES, "  - id: delivery\n    name: 又一个\n    name_en: Again\n    description: 重复。\n"),
      file=FAMILIES, at="  - id: delivery\n    name: 又一个", field="families[1].id", text="已经用过"),
    c("duplicate skill level", "uniqueness", rep(SKILLS, "  - level: 4", "  - level: 3"), file=SKILLS,
      at="  - level: 3\n    name: 精通", field="levels[3].level", text="「3」重复了"),
    c("duplicate glossary term", "uniqueness", add(GLOSSARY, "  - id: pmp-again\n    term: PMP\n    expansion: 重复\n    description: 重复。\n"),
      file=GLOSSARY, at="    term: PMP\n    expansion: 重复", field="terms[2].term", text="「PMP」重复了"),
    c("glossary terms differ only in case", "uniqueness", add(GLOSSARY, "  - id: pmp-lower\n    term: pmp\n    expansion: 小写\n    description: 重复。\n"),
      file=GLOSSARY, at="term: pmp", field="terms[2].term", text="只差大小写"),
    c("glossary terms differ only in punctuation", "uniqueness",
      add(GLOSSARY, "  - id: pmi-acp\n    term: PMI-ACP\n    expansion: 敏捷\n    description: 敏捷。\n  - id: pmi-acp-2\n    term: PMI ACP\n    expansion: 敏捷\n    description: 敏捷。\n"),
      file=GLOSSARY, at="term: PMI ACP", field="terms[3].term", text="只差大小写或标点"),
    c("former slug is a current slug", "uniqueness", add(RM, "former_slugs: [project-manager]\n"),
      at="former_slugs:", field="former_slugs", text="是现有岗位的 slug"),
    c("former slug claimed twice", "uniqueness", add(RM, "former_slugs: [old-role]\n"), add(PM, "former_slugs: [old-role]\n"),
      at="former_slugs:", field="former_slugs", text="已经跳转到"),
    c("duplicate activity id", "uniqueness", rep(ACTIVITIES, "  - id: risk-register", "  - id: project-charter"),
      file=ACTIVITIES, at="  - id: project-charter\n    name: 建立", field="activities[1].id", text="已经用过"),

    # --- RACI --------------------------------------------------------------------------------------------------
    c("two accountable roles", "raci", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                           "      risk-manager: A\n    reason: 章程"), file=ACTIVITIES,
      at=12, field="activities[0].raci", text="应恰好有一个 A"),
    c("no accountable role", "raci", rep(ACTIVITIES, "      project-manager: A\n      risk-manager: R\n    reason: 章程",
                                         "      project-manager: R\n      risk-manager: R\n    reason: 章程"),
      file=ACTIVITIES, at=12, field="activities[0].raci", text="应恰好有一个 A"),
    c("no responsible role", "raci", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程",
                                         "      risk-manager: C\n    reason: 章程"), file=ACTIVITIES,
      at=12, field="activities[0].raci", text="应至少有一个 R"),
    c("empty RACI", "raci", rep(ACTIVITIES, "    raci:\n      project-manager: A\n      risk-manager: R\n",
                                "    raci: {}\n"), file=ACTIVITIES, at="raci: {}", field="activities[0].raci",
      text="应恰好有一个 A"),
    c("role that does no work", "raci", rep(ACTIVITIES, "      risk-manager: R\n    reason: 章程", "      risk-manager: C\n    reason: 章程"),
      rep(ACTIVITIES, "      risk-manager: A\n", "      risk-manager: I\n      project-manager: A\n"),
      rep(ACTIVITIES, "      project-manager: R\n", ""),
      file=ACTIVITIES, at=12, field="activities[0].raci", text="应至少有一个 R"),

    # --- Text content ------------------------------------------------------------------------------------------
    c("only zero-width spaces", "text", rep(RM, "mission: 使命说明。", 'mission: "\\u200b\\u200b"'), at="mission:",
      field="mission", text="看不见的字符"),
    c("only a byte-order mark", "text", rep(RM, "mission: 使命说明。", 'mission: "\\ufeff"'), at="mission:",
      field="mission", text="看不见的字符"),
    c("only direction marks", "text", rep(RM, "name: 角色 risk-manager", 'name: "\\u200e\\u200f\\u2066"'), at="name:",
      field="name", text="看不见的字符"),
    c("only a soft hyphen and joiners", "text", rep(RM, "mission: 使命说明。", 'mission: "\\u00ad\\u200d\\u2060"'),
      at="mission:", field="mission", text="看不见的字符"),
    c("right-to-left override in a name", "text", rep(RM, "name: 角色 risk-manager", 'name: "风险\\u202e理经"'),
      at="name:", field="name", text="U+202E"),
    c("isolate in a duty", "text", rep(RM, "      - 编写计划。", '      - "编写\\u2067计划"'), at="编写\\u2067",
      field="responsibilities[0].duties[0]", text="U+2067"),
    c("escaped bell", "text", rep(RM, "mission: 使命说明。", 'mission: "使命\\a说明"'), at="mission:",
      field="mission", text="U+0007"),
    c("escaped NUL", "text", rep(RM, "mission: 使命说明。", 'mission: "使命\\0说明"'), at="mission:",
      field="mission", text="U+0000"),
    c("escaped escape character", "text", rep(RM, "summary: 一句话简介。", 'summary: "\\e[31m红字"'),
      at="summary:", field="summary", text="U+001B"),
    c("escaped DEL", "text", rep(RM, "owner: PMO 知识管理组", 'owner: "PMO\\x7f"'), at="owner:", field="owner",
      text="U+007F"),
    c("escaped C1 control", "text", rep(RM, "owner: PMO 知识管理组", 'owner: "PMO\\x85组"'), at="owner:",
      field="owner", text="U+0085"),
    c("form feed in an alias", "text", rep(RM, "aliases: [别名]", 'aliases: ["Risk\\fLead"]'), at="aliases:",
      field="aliases[0]", text="U+000C"),
    c("summary too long", "text", rep(RM, "summary: 一句话简介。", "summary: " + "很长" * 61), at="summary:",
      field="summary", text="应最多有 120 个字符"),
    c("text too long", "text", rep(RM, "    answer: 认识团队。", "    answer: " + "长" * 1001), at="answer: 长",
      field="faq[0].answer", text="应最多有 1000 个字符"),
    c("very long line of text", "text", rep(RM, "mission: 使命说明。", "mission: " + "字" * 200_000), at="mission:",
      field="mission", text="应最多有 1000 个字符"),
    c("lone surrogate", "text", rep(RM, "mission: 使命说明。", 'mission: "\\ud800"'), at="mission:",
      text="invalid|surrogate"),

    # --- Raw bytes and encodings -------------------------------------------------------------------------------
    c("raw bell character", "bytes", rep(RM, "mission: 使命说明。", "mission: 使命\x07说明。"), at="mission:",
      text="0007"),
    c("raw NUL character", "bytes", rep(RM, "mission: 使命说明。", "mission: 使命\x00说明。"), at="mission:",
      text="0000"),
    c("raw escape character", "bytes", rep(RM, "owner: PMO 知识管理组", "owner: PMO\x1b[0m"), at="owner:",
      text="001B"),
    c("raw NUL in a key", "bytes", rep(RM, "mission:", "mis\x00sion:"), at="mis", text="0000"),
    c("raw C1 control", "bytes", rep(RM, "owner: PMO 知识管理组", "owner: PMO\x85组"), at=40, text="0085|YAML 写法有误"),
    c("not UTF-8 (GBK)", "bytes", ("bytes", RM, "mission: 使命说明。", "mission: 使命说明。".encode("gbk")),
      at="mission:", text="UTF-8", build=True),
    c("not UTF-8 (Latin-1 data file)", "bytes", ("bytes", FAMILIES, "name: 项目交付", "name: Livraison \xe9".encode("latin-1")),
      file=FAMILIES, at="name: Livraison", text="UTF-8"),
    c("UTF-16 file", "bytes", ("encode", RM, "utf-16"), at=1, text="UTF-8"),
    c("UTF-8 with BOM is fine", "bytes", ("encode", RM, "utf-8-sig"), exit=0),
    c("Windows line endings are fine", "bytes", ("crlf", RM), exit=0),
    c("old Mac line endings", "bytes", ("cr", RM), exit=0),
    c("binary garbage", "bytes", ("bytes", RM, None, bytes(range(256)) * 4), at=2, text="UTF-8"),

    # --- YAML features a handbook has no use for ---------------------------------------------------------------
    c("anchor and alias", "yaml features", rep(RM, "mission: 使命说明。", "mission: &m 使命说明。\nowner2: *m"),
      at="&m", text="锚点和别名"),
    c("alias of a list", "yaml features", rep(RM, "career: {track: project-management, levels: [junior, intermediate]}",
                                        "career: &s {track: project-management, levels: [junior, intermediate]}"),
      rep(RM, "aliases: [别名]", "aliases: [别名]\n"), ("append", RM, "x: *s\n"), at="&s", text="锚点和别名"),
    c("merge key", "yaml features", rep(RM, "  - id: monitoring\n    title: 监控", "  - <<: {title: 监控}\n    id: monitoring"),
      at="<<", text="merge|<<|alias|anchor"),
    c("python object tag", "yaml features", rep(RM, "mission: 使命说明。", "mission: !!python/object:os.system ls"),
      at="mission:", text="tag"),
    c("custom tag on text", "yaml features", rep(RM, "mission: 使命说明。", "mission: !secret 使命说明。"), at="mission:",
      text="tag|!secret"),
    c("tag on a list", "yaml features", rep(RM, "aliases: [别名]", "aliases: !!set [别名]"), at="aliases:", text="tag"),
    c("tag on a mapping", "yaml features", rep(RM, "  - role: project-manager", "  - !!omap\n    role: project-manager"),
      at="!!omap", text="tag"),
    c("binary tag", "yaml features", rep(RM, "mission: 使命说明。", "mission: !!binary aGVsbG8="), at="mission:",
      text="tag"),
    c("explicit str tag", "yaml features", rep(RM, "name_en: Role risk-manager", "name_en: !!str 2024"), at="name_en:",
      text="tag"),
    c("local tag on the document", "yaml features", ("prepend", RM, "--- !role\n"), at=1, text="不能用标签"),

    # --- Size and depth ----------------------------------------------------------------------------------------
    c("30,000-deep flow nesting", "size", rep(RM, "mission: 使命说明。", "mission: " + "[" * 30_000 + "]" * 30_000),
      at="mission:", text="嵌套超过了 20 层", isolate=True, build=True),
    c("30,000-deep mapping nesting", "size", rep(RM, "mission: 使命说明。", "mission: " + "{a: " * 30_000 + "b" + "}" * 30_000),
      at="mission:", text="嵌套超过了 20 层", isolate=True),
    c("10,000-deep block nesting", "size", rep(RM, "mission: 使命说明。", "mission:\n" + "".join(" " * i + "- \n" for i in range(10_000))),
      at=1, text="嵌套超过了 20 层|字节", isolate=True),
    c("1,000-deep block nesting", "size", rep(RM, "mission: 使命说明。", "mission:\n" + "".join(" " * i + "- \n" for i in range(1_000))),
      at=27, text="嵌套超过了 20 层", isolate=True),  # the 21st level: line 7 + 20
    c("alias amplification", "size", put(RM, "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(12))),
      at="&a", text="锚点和别名", isolate=True),
    c("20 MB file", "size", add(RM, "# " + "x" * (20 << 20) + "\n"), at=1, text="字节，数据文件最多", isolate=True),
    c("100,000 aliases listed", "size", rep(RM, "aliases: [别名]", "aliases: [" + ", ".join(f"别名{i}" for i in range(100_000)) + "]"),
      at="aliases:", field="aliases", text="别名应最多有 20 个，实际有 100000 个", isolate=True),
    c("30 aliases", "lists", rep(RM, "aliases: [别名]", "aliases: [" + ", ".join(f"别名{i}" for i in range(30)) + "]"),
      at="aliases:", field="aliases", text="别名应最多有 20 个"),

    # --- Files and folders -------------------------------------------------------------------------------------
    c(".yml role file", "files", put("data/roles/quality-manager.yml", "slug: quality-manager\n"),
      file="data/roles/quality-manager.yml", at=1, text=".yaml", build=True),
    c(".YAML role file", "files", put("data/roles/quality-manager.YAML", "slug: quality-manager\n"),
      file="data/roles/quality-manager.YAML", at=1, text=".yaml"),
    c("role file linked from outside data/", "files", ("outside", RM), at=1, text="data/ 以外", build=True),
    c("data file linked from outside data/", "files", ("outside", GLOSSARY), file=GLOSSARY, at=1, text="data/ 以外"),
    c("link loop", "files", link("data/roles/loop-role.yaml", "loop-role.yaml"), file="data/roles/loop-role.yaml",
      at=1, text=""),
    c("link to a missing file", "files", link("data/roles/gone-role.yaml", "/nonexistent/gone.yaml"),
      file="data/roles/gone-role.yaml", at=1, text=""),
    c("editor lock file", "files", link("data/roles/.#risk-manager.yaml", "root@host.1234:1700000000"), exit=0),
    c("emacs backup file", "files", put("data/roles/risk-manager.yaml~", "slug: [broken\n"), exit=0),
    c("emacs autosave file", "files", put("data/roles/#risk-manager.yaml#", "slug: [broken\n"), exit=0),
    c("vim swap file", "files", put("data/roles/.risk-manager.yaml.swp", b"\x00\x01binary"), exit=0),
    c("lock file while a placeholder remains", "files", link("data/roles/.#risk-manager.yaml", "root@host.1:1"),
      rep(RM, "owner: PMO 知识管理组", "owner: 请填写"), file=RM, at="owner: 请填写", text="岗位已经发布（status: published）"),
    c("data file is a folder", "files", rm(GLOSSARY), ("mkdir", GLOSSARY), file=GLOSSARY, at=1, text=""),
    c("data file missing", "files", rm(CAREER), file=CAREER, at=1, text="缺少这个文件"),
    c("no role files", "files", rm(RM), rm(PM), file="data/roles", at=1, text="没有岗位文件"),
    c("role file is a folder", "files", ("mkdir", "data/roles/extra-role.yaml"), file="data/roles/extra-role.yaml",
      at=1, text=""),

    # MkDocs follows links in the docs and theme folders and publishes what they point at.
    c("page asset linked from outside the project", "files", link("handbook/assets/leak.txt", "/etc/hostname"),
      file="handbook/assets/leak.txt", at=1, text="项目以外", build=True),
    c("page folder linked from outside the project", "files", link("handbook/assets/etc", "/etc"),
      file="handbook/assets/etc", at=1, text="项目以外"),
    c("page linked from outside the project", "files", link("handbook/leak.md", "/etc/hostname"),
      file="handbook/leak.md", at=1, text="项目以外"),
    c("theme file linked from outside the project", "files", link("overrides/partials/leak.html", "/etc/hostname"),
      file="overrides/partials/leak.html", at=1, text="项目以外"),
    c("page asset linked within the project", "files", link("handbook/assets/licence.txt", "../../README.md"),
      exit=0),

    # --- Role pages (stubs) ------------------------------------------------------------------------------------
    c("orphan stub", "stubs", put("handbook/roles/ghost-role.md", "---\nrole: ghost-role\n---\n\n{{ role_page() }}\n"),
      file="handbook/roles/ghost-role.md", at=2, field="role", text="「ghost-role」", build=True),
    c("stub naming another role", "stubs", put(STUB, "---\nrole: project-manager\n---\n\n{{ role_page() }}\n"),
      file=STUB, at=2, field="role", text="「project-manager」", build=True),
    c("stub role as a list", "stubs", put(STUB, "---\nrole: [risk-manager]\n---\n\n{{ role_page() }}\n"), file=STUB,
      at=2, field="role", text="应为岗位的 slug（一段文字）", build=True),
    c("stub role as a number", "stubs", put(STUB, "---\nrole: 5\n---\n\n{{ role_page() }}\n"), file=STUB, at=2,
      field="role", text="应为岗位的 slug（一段文字）"),
    c("stub role as a mapping", "stubs", put(STUB, "---\nrole: {slug: risk-manager}\n---\n\n{{ role_page() }}\n"),
      file=STUB, at=2, field="role", text="一段文字"),
    c("stub without front matter", "stubs", put(STUB, "{{ role_page() }}\n"), file=STUB, at=1, field="role",
      text="页面开头应写 role: <slug>"),
    c("stub with broken front matter", "stubs", put(STUB, "---\nrole: [risk-manager\n---\n\n{{ role_page() }}\n"),
      file=STUB, at=1, field="role", text="页面开头应写 role: <slug>"),
    c("stub not UTF-8", "stubs", put(STUB, "---\nrole: risk-manager\n---\n\n{{ role_page() }}\n<!-- \xff -->\n".encode("latin-1")),
      file=STUB, at=1, text="UTF-8", build=True),
    c("Jinja error in a stub", "stubs", put(STUB, "---\nrole: risk-manager\n---\n\n{{ role_page( }}\n"), file=STUB,
      at="{{ role_page( }}", text="role_page", build=True),
    c("prose in a stub", "stubs", put(STUB, "---\nrole: risk-manager\n---\n\n{{ role_page() }}\n\n多写的一段。\n"), file=STUB,
      at="{{ role_page() }}", text="应只有 {{ role_page() }}"),
    c("stub without the macro", "stubs", put(STUB, "---\nrole: risk-manager\n---\n\n# 风险经理\n"), file=STUB,
      at="# 风险经理", text="应只有 {{ role_page() }}"),
    c("missing stub", "stubs", rm(STUB), at=1, field="slug", text="sync-stubs", build=True),
    c("renamed role, old stub left", "stubs", ("rename-role", "risk-manager", "risk-lead"),
      file=STUB, at=2, field="role", text="改名为「risk-lead」", build=True),
    c("renamed role, stubs synced", "stubs", ("rename-role", "risk-manager", "risk-lead"), ("sync-stubs",), exit=0),
    c("stub in a subfolder is a prose page", "stubs", put("handbook/roles/extra/index.md", "# 额外\n"), exit=0),
    c("Jinja error in a prose page", "stubs", add("handbook/glossary.md", "\n{{ glossary( }}\n"),
      file="handbook/glossary.md", at="{{ glossary( }}", text="宏调用的写法有误", build=True),
    c("unclosed Jinja block in a prose page", "stubs", add("handbook/faq.md", "\n{% if x %}\n"),
      file="handbook/faq.md", at="{% if x %}", text="宏调用的写法有误"),
    c("prose page not UTF-8", "stubs", ("bytes", "handbook/career.md", None, "# 职业\n".encode() + b"\xfe\n"),
      file="handbook/career.md", at=1, text="UTF-8"),

    # --- URL contract and schemas ------------------------------------------------------------------------------
    c("promised anchor removed", "contract", CONTRACTED, rep(RM, "  - id: monitoring", "  - id: watching"),
      file=CONTRACT, at="roles/risk-manager/#monitoring", text="已经失效", build=True),
    c("promised role removed", "contract", CONTRACTED, ("rename-role", "risk-manager", "risk-lead", False),
      ("sync-stubs",), file=CONTRACT, at="roles/risk-manager/\n", text="former_slugs"),
    c("renamed with former_slugs keeps the contract", "contract", CONTRACTED,
      ("rename-role", "risk-manager", "risk-lead"), ("sync-stubs",), ("update-contract",), exit=0),
    c("contract not UTF-8", "contract", CONTRACTED, ("bytes", CONTRACT, "roles/\n", b"roles/\xff\n"), file=CONTRACT,
      at="roles/", text="UTF-8", build=True),
    c("contract is a folder", "contract", ("mkdir", CONTRACT), file=CONTRACT, at=1, text="无法读取"),
    c("contract missing new URLs", "contract", CONTRACTED, rep(RM, "  - id: monitoring", "  - id: monitoring\n    title: 监控\n    description: 监督。\n    duties: [a, b, c]\n  - id: reporting"),
      file=CONTRACT, at=1, text="python -m macros contract"),
    c("stale schema", "contract", add("data/schema/role.schema.json", " "), file="data/schema/role.schema.json",
      at=1, text="已经过时", build=True),
    c("missing schema", "contract", rm("data/schema/role.schema.json"), file="data/schema/role.schema.json", at=1,
      text="已经过时"),
    c("schema not UTF-8", "contract", ("bytes", "data/schema/role.schema.json", None, b"\xff\xfe"),
      file="data/schema/role.schema.json", at=1, text="已经过时"),

    c("guide examples missing", "contract", rm("data/guide-examples.json"), file="data/guide-examples.json", at=1,
      text="文件不存在", build=True),
    c("guide examples not JSON", "contract", put("data/guide-examples.json", "[{\n  oops\n]"),
      file="data/guide-examples.json", at=2, text="不是有效的 JSON"),
    c("guide examples of the wrong shape", "contract", put("data/guide-examples.json", '[{"what": 1}]'),
      file="data/guide-examples.json", at=1, text="无法读取"),

    # --- Lists and dates -----------------------------------------------------------------------------------------
    c("review dated in the future", "lists", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 2099-01-01"),
      at="last_reviewed:", field="last_reviewed", text="不晚于今天"),
    c("duplicate alias", "lists", rep(RM, "aliases: [别名]", "aliases: [别名, 风控, 别名]"), at="aliases:",
      field="aliases[2]", text="重复了（aliases[0] 已经写过）"),
    c("aliases differing in case", "lists", rep(RM, "aliases: [别名]", "aliases: [Risk Lead, risk lead]"),
      at="aliases:", field="aliases[1]", text="重复了（aliases[0] 已经写过）"),
    c("alias equal to the name", "lists", rep(RM, "aliases: [别名]", "aliases: [角色 risk-manager]"), at="aliases:",
      field="aliases", text="就是岗位名称"),
    c("duplicate roles of a FAQ", "lists", rep(FAQ, "    roles: [project-manager]", "    roles: [project-manager, project-manager]"),
      file=FAQ, at="roles:", field="entries[0].roles[1]", text="「project-manager」重复了"),
    c("duplicate roles of a certification", "lists", rep(CAREER, "    roles: [project-manager]", "    roles: [project-manager, project-manager]"),
      file=CAREER, at="roles: [project", field="certifications[0].roles[1]", text="「project-manager」重复了"),
    c("duplicate levels of a certification", "lists", rep(CAREER, "    levels: [project-management/intermediate]",
                                                          "    levels: [project-management/intermediate, project-management/intermediate]"),
      file=CAREER, at="levels: [project-management/intermediate,", field="certifications[0].levels[1]",
      text="「project-management/intermediate」重复了"),
    c("duplicate former slugs", "lists", add(RM, "former_slugs: [old-risk, old-risk]\n"), at="former_slugs:",
      field="former_slugs[1]", text="「old-risk」重复了"),
    c("duplicate roles of a role's FAQ", "lists", rep(RM, "    answer: 认识团队。", "    answer: 认识团队。\n    roles: [project-manager, project-manager]"),
      at="roles: [project", field="faq[0].roles[1]", text="「project-manager」重复了"),
    c("old review is only a warning", "lists", rep(RM, "last_reviewed: 2026-10-01", "last_reviewed: 2020-01-01"), exit=0),
]

# --- Injection: text that looks like markup, in every kind of field, shown and never run -----------------------
_FIELDS = (
    (RM, "name: 角色 risk-manager", "name: {}"),
    (RM, "name_en: Role risk-manager", "name_en: {}"),
    (RM, "summary: 一句话简介。", "summary: {}"),
    (RM, "aliases: [别名]", "aliases: [{}]"),
    (RM, "mission: 使命说明。", "mission: {}"),
    (RM, "      - 编写计划。", "      - {}"),
    (RM, "    title: 计划", "    title: {}"),
    (RM, "    question: 第一周做什么？", "    question: {}"),
    (RM, "    how: 共同推进项目。", "    how: {}"),
    (RM, "owner: PMO 知识管理组", "owner: {}"),
    (GLOSSARY, "    expansion: 项目管理专业人士认证", "    expansion: {}"),
    (SKILLS, "    name: 风险管理", "    name: {}"),
    (FAMILIES, "    name: 项目交付", "    name: {}"),
    (CAREER, "    name: PMP", "    name: {}"),
    (ACTIVITIES, "    name: 制定项目章程", "    name: {}"),
    (FAQ, "    answer: 计划、执行、监控和收尾。", "    answer: {}"),
)
for _number, (_file, _old, _new) in enumerate(_FIELDS):
    _breakout = BREAKOUTS[_number % len(BREAKOUTS)]
    _text = _breakout + PAYLOAD.format(where=_number)
    CASES.append(c(f"markup in {_file.split('/')[-1]} {_old.split(':')[0].strip(' -') or 'duty'}", "injection",
                   rep(_file, _old, _new.format(_quoted(_text))), exit=0, browser=True,
                   pages=("roles/risk-manager/", "roles/", "raci/", "glossary/", "faq/", "skills/", "career/")))
CASES += [
    # Markup in a page's title or description is refused by check (front matter shows as plain text); what it
    # accepts must still reach the page inert: quotes and ampersands break out of nothing.
    c("quotes in a prose page's front matter", "injection",
      ("prepend-front-matter", "handbook/career/index.md", {
          "title": "职业发展 \" onmouseover=\"window.__pwned='fm-title'",
          "description": "\" autofocus onfocus=\"window.__pwned='fm-description' &",
      }), exit=0, browser=True, pages=("career/",)),
    c("quotes in a stub's front matter", "injection",
      put("handbook/roles/project-manager.md", "---\nrole: project-manager\ntitle: \"项目经理 ' onmouseover='window.__pwned=1\"\n"
                "description: \"\\\" onfocus=\\\"window.__pwned='stub-description'\"\n---\n\n{{ role_page() }}\n"),
      exit=0, browser=True, pages=("roles/project-manager/",)),
    c("markup in a prose page's front matter", "injection",
      ("prepend-front-matter", "handbook/career/index.md", {
          "title": "</title><script>window.__pwned='fm-title'</script>"}),
      file="handbook/career/index.md", at=2, field="title", text="<"),
    c("markup in a stub's front matter", "injection",
      put("handbook/roles/project-manager.md", "---\nrole: project-manager\ntitle: \"</title><img src=x onerror=\\\"window.__pwned='stub-title'\\\">\"\n"
                "---\n\n{{ role_page() }}\n"),
      file="handbook/roles/project-manager.md", at=3, field="title", text="<"),
]

NAMES = [case.name for case in CASES]
assert len(set(NAMES)) == len(NAMES), "case names must be unique"
