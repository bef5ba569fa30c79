"""Issue #28: what ``check`` accepts must build, and no input crashes or hangs — by class of input.

* one line: names, titles and short labels refuse a line break in the model; the link-preview card is drawn
  whatever text passes;
* every text: every text of every data file (also the values of a mapping, such as a practice's duties) goes
  through the same text validation;
* numbers: a whole number is read only from plain decimal digits (YAML 1.1's 0x3, 07, 1_0, 1:30, +3 are refused
  with a message that says to write it in decimal);
* front matter: ``check`` reads every page's front matter as MkDocs does, with the reader of data/ (no aliases,
  no tags, not too deep), and refuses what the build cannot use; the build refuses the same before it reads a page;
* special files: a FIFO, a socket, a device or a folder where a file is read is refused without being read;
* a renamed role: the first error names the renamed file.

Each case is judged as the corpus is (tests/hostile/hostile_support.py): exit status, no traceback, a message
naming file, line and field, the last good site untouched.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import typing
from pathlib import Path

import pytest

# The corpus's projects: a valid one (with a stand-in last good site) and one really built.
from test_hostile_corpus import _copy, built_project, valid_project  # noqa: F401 - fixtures
from hostile_cases import ACTIVITIES, CAREER, GLOSSARY, RM, SKILLS, STUB, Case, c, put, rep, rm
from hostile_support import apply, judge, run_check_here, run_command, tree_digest

from macros.data.messages import ERROR

OPS = "data/operations.yaml"
CADENCE = "data/cadence.yaml"
FAMILIES = "data/families.yaml"
GUIDE = "handbook/maintainers/index.md"  # a prose page with front matter (search: boost: 0.3 on line 5)
PHASES = "handbook/raci/phases.md"  # a prose page in a subfolder
EXTRA = "handbook/extra.md"
DUTY = "      risk-manager: 把灰度写进应对措施。"
LEVEL = "intermediate: 3}"
NOT_REGULAR = "不是普通文件"


def stub(front: str) -> tuple:
    """The risk manager's stub with more front matter."""
    return put(STUB, f"---\nrole: risk-manager\n{front}---\n\n{{{{ role_page() }}}}\n")


def front(rel: str, text: str) -> tuple:
    """A page's front matter replaced by ``text`` (YAML as written)."""
    return ("front", rel, text)


def fifo(rel: str) -> tuple:
    return ("fifo", rel)


def _laughs(levels: int) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(levels)]
    return "\n".join(lines) + "\n"


ONE_LINE = "应为一行文字"
ONE_LINE_CASES = [
    c("line break in a role's English name", "one line",
      rep(RM, "name_en: Role risk-manager", 'name_en: "Role\\nrisk-manager"'), at="name_en:", field="name_en",
      text=ONE_LINE),
    c("literal block for a role's name", "one line", rep(RM, "name: 角色 risk-manager", "name: |\n  角色\n  risk-manager"),
      at="name: |", field="name", text=ONE_LINE),
    c("line break in a track's English name", "one line",
      rep(CAREER, "    name_en: Project Management", '    name_en: "Project\\nManagement"'), file=CAREER,
      at="    name_en: \"Project", field="tracks[1].name_en", text=ONE_LINE),
    c("line separator in a level's name", "one line",
      rep(CAREER, "        name: 初级项目经理", '        name: "Junior\\LPM"'),
      file=CAREER, at="        name: \"Junior", field="tracks[1].levels[0].name", text=ONE_LINE),
    c("line break in an alias", "one line", rep(RM, "aliases: [别名]", 'aliases: ["Risk\\nLead"]'), at="aliases:",
      field="aliases[0]", text=ONE_LINE),
    c("line break in a question", "one line", rep(RM, "    question: 第一周做什么？", '    question: "Week 1\\n做什么？"'),
      at="    question: \"Week", field="faq[0].question", text=ONE_LINE),
    c("line break in an area's title", "one line", rep(RM, "    title: 计划", '    title: "Plan\\nning"'),
      at="title: \"Plan",
      field="responsibilities[0].title", text=ONE_LINE),
    c("line break in a glossary term", "one line", rep(GLOSSARY, "    term: PMP", '    term: "PM\\nP"'), file=GLOSSARY,
      at="    term: \"PM", field="terms[0].term", text=ONE_LINE),
    c("line break in a skill's name", "one line", rep(SKILLS, "    name: 风险管理", '    name: "Risk\\nmanagement"'),
      file=SKILLS,
      at="    name: \"Risk", field="skills[0].name", text=ONE_LINE),
    c("line break in an activity's name", "one line",
      rep(ACTIVITIES, "    name: 制定项目章程", '    name: "Project\\ncharter"'),
      file=ACTIVITIES, at="    name: \"Project", field="activities[0].name", text=ONE_LINE),
    c("line break in a practice's English name", "one line",
      rep(OPS, "    name_en: Canary release", '    name_en: "Canary\\nrelease"'), file=OPS, at="name_en: \"Canary",
      field="practices[0].name_en", text=ONE_LINE),
    c("line break in a family's English name", "one line",
      rep(FAMILIES, "    name_en: Delivery", '    name_en: "De\\nlivery"'),
      file=FAMILIES, at="name_en: \"De", field="families[0].name_en", text=ONE_LINE),
    # Between two Chinese characters, the reader drops a line break (YAML would make it a space).
    c("line break between Chinese characters is dropped", "one line",
      rep(RM, "    question: 第一周做什么？", "    question: |-\n      第一周\n      做什么？"), exit=0),
    # A description may run over lines: the card draws it on its own lines.
    c("description over several lines is accepted", "one line",
      rep(CAREER, "    description: 项目经理的主干序列。",
          "    description: |\n      Project management track\n      second line"),
      exit=0, build=True),
]

EVERY_TEXT_CASES = [
    c("NUL in a duty", "every text", rep(OPS, DUTY, '      risk-manager: "把灰度\\0写进应对措施。"'), file=OPS,
      at="risk-manager:", field="practices[0].duties.risk-manager", text="U+0000"),
    c("right-to-left override in a duty", "every text", rep(OPS, DUTY, '      risk-manager: "把灰度\\u202e写进应对措施。"'),
      file=OPS, at="risk-manager:", field="practices[0].duties.risk-manager", text="U+202E"),
    c("2,000 characters in a duty", "every text", rep(OPS, DUTY, "      risk-manager: " + "长" * 2000), file=OPS,
      at="risk-manager:", field="practices[0].duties.risk-manager", text="应最多有 1000 个字符"),
    c("only zero-width spaces in a duty", "every text", rep(OPS, DUTY, '      risk-manager: "\\u200b\\u200b"'),
      file=OPS,
      at="risk-manager:", field="practices[0].duties.risk-manager", text="看不见的字符"),
]

DECIMAL = "应为十进制整数 1–4"
NUMBER_CASES = [
    c("hexadecimal level in range", "numbers", rep(RM, LEVEL, "intermediate: 0x3}"), at="intermediate: 0x3",
      field="skills[0].levels.intermediate", text=f"{DECIMAL}，实际写的是 0x3：请改成十进制写法，例如 3"),
    c("YAML 1.1 octal level", "numbers", rep(RM, LEVEL, "intermediate: 03}"), at="intermediate: 03",
      field="skills[0].levels.intermediate", text=DECIMAL),
    c("YAML 1.2 octal level", "numbers", rep(RM, LEVEL, "intermediate: 0o3}"), at="intermediate: 0o3",
      field="skills[0].levels.intermediate", text=DECIMAL),
    c("binary level in range", "numbers", rep(RM, LEVEL, "intermediate: 0b11}"), at="intermediate: 0b11",
      field="skills[0].levels.intermediate", text="例如 3"),
    c("underscored level", "numbers", rep(RM, LEVEL, "intermediate: 0_3}"), at="intermediate: 0_3",
      field="skills[0].levels.intermediate", text=DECIMAL),
    c("level with a plus sign", "numbers", rep(RM, LEVEL, "intermediate: +3}"), at="intermediate: +3",
      field="skills[0].levels.intermediate", text="例如 3"),
    c("sexagesimal level", "numbers", rep(RM, LEVEL, "intermediate: 0:3}"), at="intermediate: 0:3",
      field="skills[0].levels.intermediate", text=DECIMAL),
    c("negative hexadecimal level", "numbers", rep(RM, LEVEL, "intermediate: -0x3}"), at="intermediate: -0x3",
      field="skills[0].levels.intermediate", text=DECIMAL),
    c("hexadecimal iteration length", "numbers", rep(CADENCE, "length_days: 14", "length_days: 0xE"), file=CADENCE,
      at="length_days:", field="iterations[0].length_days", text="应为十进制整数 1–120，实际写的是 0xE：请改成十进制写法，例如 14"),
    c("on for a level", "numbers", rep(RM, LEVEL, "intermediate: on}"), at="intermediate: on",
      field="skills[0].levels.intermediate", text="应为整数，实际是「on」"),
    c("not-a-number for a level", "numbers", rep(RM, LEVEL, "intermediate: .nan}"), at="intermediate: .nan",
      field="skills[0].levels.intermediate", text="应为整数，实际是「.nan」"),
]

BOOST = "应为 0.1–10 之间的十进制数"
PLAIN = "应为纯文本"
FRONT_MATTER_CASES = [
    *[c(f"search boost {value}", "front matter", rep(GUIDE, "  boost: 0.3", f"  boost: {value}"), file=GUIDE,
        at="boost:", field="search.boost", text=BOOST, build=value in ("abc", ".nan"))
      for value in ("abc", ".nan", ".inf", "-.inf", "1e309", "1.0e+309", "0x3", "0", "100", "-1", "true", "[2]")],
    c("search boost in a stub", "front matter", stub("search: {boost: abc}\n"), file=STUB, at="search:",
      field="search.boost", text=BOOST),
    c("search as a number", "front matter", rep(GUIDE, "search:\n  boost: 0.3", "search: 5"), file=GUIDE, at="search:",
      field="search", text="应为一组字段"),
    c("template outside the theme", "front matter", front(PHASES, "template: ../../etc/passwd\n"), file=PHASES,
      at="template:", field="template", text="应为页面模板 404.html、main.html 之一", build=True),
    c("template in a subfolder", "front matter", front(PHASES, "template: partials/header.html\n"), file=PHASES,
      at="template:", field="template", text="页面模板"),
    c("template of a plugin this site does not use", "front matter", front(PHASES, "template: blog-post.html\n"),
      file=PHASES, at="template:", field="template", text="页面模板"),
    c("template that does not exist", "front matter", front(PHASES, "template: nothing.html\n"), file=PHASES,
      at="template:", field="template", text="main.html"),
    c("icon outside the theme", "front matter", front(PHASES, "icon: ../../../../etc/passwd\n"), file=PHASES,
      at="icon:", field="icon", text="应为 Material 自带图标的名字", build=True),
    c("icon that does not exist", "front matter", front(PHASES, "icon: material/no-such-icon-at-all\n"), file=PHASES,
      at="icon:", field="icon", text="没有这个图标"),
    c("unknown front matter key", "front matter", front(PHASES, "author: 张三\n"), file=PHASES, at="author:",
      field="author", text="没有这个字段。这里可以写的字段有：title、description、title_en"),
    c("misspelt front matter key", "front matter", front(PHASES, "titel: 阶段\n"), file=PHASES, at="titel:",
      field="titel", text="是不是想写 title？"),
    c("markup in a title", "front matter", front(PHASES, "title: \"<script>alert(1)</script>\"\n"), file=PHASES,
      at="title:", field="title", text=PLAIN),
    c("template code in a description", "front matter", front(GUIDE, "description: '{{ config }}'\n"), file=GUIDE,
      at="description:", field="description", text=PLAIN),
    c("character entity in an English title", "front matter", rep(GUIDE, "title_en: Maintainer guide",
                                                                     "title_en: Maintainer &lt;guide&gt;"),
      file=GUIDE, at="title_en:", field="title_en", text=PLAIN),
    c("line break in a title", "front matter", front(PHASES, "title: \"RACI\\nby phase\"\n"), file=PHASES, at="title:",
      field="title", text=ONE_LINE),
    c("line break in a description", "front matter", front(PHASES, "description: |\n  line one\n  line two\n"),
      file=PHASES,
      at="description:", field="description", text=ONE_LINE),
    c("control character in a title", "front matter", front(PHASES, "title: \"阶段\\a\"\n"), file=PHASES, at="title:",
      field="title", text="U+0007"),
    c("empty title", "front matter", front(PHASES, "title:\n"), file=PHASES, at="title:", field="title",
      text="应为文字"),
    c("hide as text", "front matter", front(PHASES, "hide: toc\n"), file=PHASES, at="hide:", field="hide",
      text="应为列表"),
    c("unknown thing to hide", "front matter", front(PHASES, "hide: [sidebar]\n"), file=PHASES, at="hide:",
      field="hide[0]", text="应为 navigation、toc"),
    c("5,000-deep list in a stub", "front matter", stub("x: " + "[" * 5000 + "]" * 5000 + "\n"), file=STUB, at="x:",
      text="嵌套超过了 20 层", isolate=True),
    c("alias amplification in a stub", "front matter", stub(_laughs(9)), file=STUB, at="a: &a", text="锚点和别名",
      build=True),
    c("tag in front matter", "front matter", front(PHASES, "title: !!python/object:os.system ls\n"), file=PHASES,
      at="title:", text="不能用标签"),
    c("front matter that is a list", "front matter", front(PHASES, "- title: 阶段\n"), file=PHASES, at=2,
      text="应为一组字段"),
    c("front matter that is not YAML", "front matter", front(PHASES, "title: [阶段\n"), file=PHASES,
      text="YAML 写法有误", at=3),
    c("page settings without front matter", "front matter", put(EXTRA, "template: ../../etc/passwd\n\n# 额外\n"),
      file=EXTRA, at=1, text="MultiMarkdown"),
    c("what the pages use is accepted", "front matter",
      front(PHASES, "title: 按阶段\ntitle_en: RACI by phase\ndescription: 按阶段的 RACI。\nicon: material/home\n"
                    "template: main.html\nhide: [toc, navigation]\nsearch:\n  boost: 2\n"), exit=0, build=True),
    c("a page starting with a blank line is accepted", "front matter", put(EXTRA, "\nnote: 这是正文。\n"), exit=0),
]

SPECIAL_FILE_CASES = [
    c("FIFO as a role file", "special files", fifo("data/roles/fifo-role.yaml"), file="data/roles/fifo-role.yaml",
      text="命名管道（FIFO），" + NOT_REGULAR, build=True),
    c("FIFO for a role file", "special files", rm(RM), fifo(RM), text="命名管道"),
    c("FIFO for a data file", "special files", rm(GLOSSARY), fifo(GLOSSARY), file=GLOSSARY, text=NOT_REGULAR),
    c("FIFO for the vocabulary", "special files", fifo("data/vocabulary.yaml"), file="data/vocabulary.yaml",
      text=NOT_REGULAR),
    c("FIFO for the URL contract", "special files", fifo("data/url-contract.txt"), file="data/url-contract.txt",
      text=NOT_REGULAR),
    c("FIFO for the guide's examples", "special files", rm("data/guide-examples.json"),
      fifo("data/guide-examples.json"),
      file="data/guide-examples.json", text=NOT_REGULAR),
    c("FIFO for a schema", "special files", rm("data/schema/role.schema.json"), fifo("data/schema/role.schema.json"),
      file="data/schema/role.schema.json", text=NOT_REGULAR),
    c("FIFO as a page", "special files", fifo(EXTRA), file=EXTRA, text=NOT_REGULAR, build=True),
    c("FIFO for a stub", "special files", rm(STUB), fifo(STUB), file=STUB, text=NOT_REGULAR),
    c("FIFO as an image", "special files", fifo("handbook/assets/x.png"), file="handbook/assets/x.png",
      text=NOT_REGULAR),
    c("FIFO as a template", "special files", fifo("overrides/extra.html"), file="overrides/extra.html",
      text=NOT_REGULAR),
    c("socket as a page", "special files", ("socket", EXTRA), file=EXTRA, text="套接字"),
    c("device linked as a page", "special files", ("symlink", EXTRA, "/dev/zero"), file=EXTRA, text="项目以外|字符设备"),
    c("link inside data/ to a FIFO", "special files", fifo("data/pipe"),
      ("symlink", "data/roles/pipe-role.yaml", "../pipe"),
      file="data/roles/pipe-role.yaml", text=NOT_REGULAR),
    c("folder named like a role file", "special files", ("mkdir", "data/roles/folder-role.yaml"),
      file="data/roles/folder-role.yaml", text="是文件夹"),
]

CASES: list[Case] = ONE_LINE_CASES + EVERY_TEXT_CASES + NUMBER_CASES + FRONT_MATTER_CASES + SPECIAL_FILE_CASES
BUILD_CASES = [case for case in CASES if case.build]
assert len({case.name for case in CASES}) == len(CASES), "case names must be unique"


def _front(project: Path, rel: str, text: str) -> None:
    path = project / rel
    page = path.read_text(encoding="utf-8")
    if page.startswith("---\n"):
        page = page[page.index("\n---\n", 4) + 5:]
    path.write_text(f"---\n{text}---\n{page}", encoding="utf-8")


def _apply(project: Path, edits: tuple) -> None:
    """The corpus's edits, and those of these cases: front matter as written, FIFOs, sockets, moves."""
    for op in edits:
        if op[0] == "front":
            _front(project, op[1], op[2])
        elif op[0] == "fifo":
            os.mkfifo(project / op[1])
        elif op[0] == "socket":
            server = socket.socket(socket.AF_UNIX)
            with contextlib.chdir((project / op[1]).parent):  # a socket's path is short: bind it by its name
                server.bind(Path(op[1]).name)
            server.close()  # the socket file stays
        elif op[0] == "move":
            (project / op[1]).rename(project / op[2])
        else:
            apply(project, (op,))


def test_every_class_has_cases() -> None:
    assert {"one line", "every text", "numbers", "front matter", "special files"} == {case.cls for case in CASES}
    assert sum(case.exit == 0 for case in CASES) >= 3 and len(CASES) >= 70


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_answers(case: Case, valid_project: Path, tmp_path: Path) -> None:
    project = _copy(valid_project, tmp_path / "project")
    _apply(project, case.edits)
    site_before = tree_digest(project / "site")
    started = time.monotonic()
    answer = run_command(project, "check") if case.isolate else run_check_here(project)
    faults = judge(case, project, answer)
    if tree_digest(project / "site") != site_before:
        faults.append("the last good site changed")
    if time.monotonic() - started > 20:
        faults.append(f"took {time.monotonic() - started:.0f} s")
    assert not faults, f"{case.name}: {'; '.join(faults)}\n--- output ---\n{answer.output[-3000:]}"


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.name for case in BUILD_CASES])
def test_the_build_refuses_what_check_refuses_before_reading_a_page(case: Case, built_project: Path,
                                                                   tmp_path: Path) -> None:
    project = _copy(built_project, tmp_path / "project")
    _apply(project, case.edits)
    site_before = tree_digest(project / "site")
    started = time.monotonic()
    answer = run_command(project, "build", timeout=180)
    elapsed = time.monotonic() - started
    if case.exit:
        # The build prints check's messages without check's "错误：" prefix.
        answer.output = "\n".join(line if line.startswith(ERROR) else ERROR + line
                                  for line in answer.output.splitlines())
        faults = judge(case, project, answer)
        if tree_digest(project / "site") != site_before:
            faults.append("the last good site changed")
    else:
        faults = [] if answer.status == 0 and not answer.crashed else [f"the build failed ({answer.status})"]
    if elapsed > 90:
        faults.append(f"took {elapsed:.0f} s")
    assert not faults, f"{case.name}: {'; '.join(faults)}\n--- output ---\n{answer.output[-3000:]}"
    if case.exit == 0:  # what check accepts is built, with its link-preview cards
        assert (project / "site" / "assets" / "cards" / "career" / "project-management.png").is_file()


# --- A renamed role: the cause is the first error --------------------------------------------------------------


def _first_error(answer) -> str:
    return next(line for line in answer.output.splitlines() if line.startswith(ERROR))


@pytest.mark.parametrize("edits", [
    (("move", RM, "data/roles/risk-lead.yaml"),),
    (("move", RM, "data/roles/risk-lead.yaml"), rep("data/activities.yaml", "risk-manager: R", "risk-lead: R")),
    (("contract",), ("rename-role", "risk-manager", "risk-lead", False)),
], ids=["file renamed", "file and some references renamed", "slug changed without former_slugs"])
def test_the_first_error_of_a_renamed_role_names_its_file(edits: tuple, valid_project: Path, tmp_path: Path) -> None:
    project = _copy(valid_project, tmp_path / "project")
    _apply(project, edits)
    answer = run_check_here(project)
    assert answer.status == 1 and not answer.crashed, answer.output
    assert _first_error(answer).startswith(f"{ERROR}data/roles/risk-lead.yaml:"), answer.output


def test_a_renamed_role_file_of_the_real_handbook_is_one_error(tmp_path: Path) -> None:
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    (project / "data/roles/risk-manager.yaml").rename(project / "data/roles/risk-lead.yaml")
    answer = run_check_here(project)
    errors = [line for line in answer.output.splitlines() if line.startswith(ERROR)]
    assert answer.status == 1 and len(errors) == 1, answer.output  # not 29, knock-on errors first
    assert errors[0].startswith(f"{ERROR}data/roles/risk-lead.yaml:2:7 slug："), errors


# --- The rules behind the cases ------------------------------------------------------------------------------


def _records() -> list[type]:
    from macros.data import models, practice
    from macros.maintain.consistency import PageMeta

    found = [PageMeta]
    for module in (models, practice):
        found += [item for item in vars(module).values()
                  if isinstance(item, type) and issubclass(item, models.Record) and item is not models.Record]
    return found


def test_every_text_of_every_record_is_where_the_text_validation_looks() -> None:
    """Record's validator walks texts, lists and mappings: no field may hold a text anywhere else (a set, a
    list), where it would skip validation."""
    import datetime as dt

    from pydantic import BaseModel

    allowed = {tuple, dict, typing.Union, typing.Annotated, typing.Literal, str, int, float, bool, dt.date,
               type(None), typing.Any, type(int | None)}

    def shapes(hint):
        origin = typing.get_origin(hint)
        if origin is None:
            yield hint
            return
        yield origin
        arguments = typing.get_args(hint)
        if origin is typing.Annotated:
            arguments = arguments[:1]  # the type; the rest are its constraints
        for argument in arguments if origin is not typing.Literal else ():
            if argument is not Ellipsis:
                yield from shapes(argument)

    for model in _records():
        for name, hint in typing.get_type_hints(model, include_extras=True).items():
            for shape in shapes(hint):
                assert shape in allowed or (isinstance(shape, type) and issubclass(shape, BaseModel)), \
                    f"{model.__name__}.{name}: {shape!r}"


def test_text_validation_reaches_mapping_keys_and_values() -> None:
    from pydantic import ValidationError

    from macros.data.practice import Practice

    practice = dict(id="canary", name="灰度发布", name_en="Canary", definition="先小范围。", common_practice=("分批。",),
                    varies="因公司而异。", activities=("release",))
    assert Practice.model_validate({**practice, "duties": {"risk-manager": "写进应对措施。"}})
    for duties in ({"risk-manager": "写\x00进"}, {"risk\u202e-manager": "写进。"}, {"risk-manager": "\u200b"}):
        with pytest.raises(ValidationError):
            Practice.model_validate({**practice, "duties": duties})


@pytest.mark.parametrize(("written", "read"), [
    ("3", 3), ("-3", -3), ("0", 0), ("0.5", 0.5), ("-2.25", -2.25), ("1.5e+3", 1500.0),
    ("0x3", "0x3"), ("03", "03"), ("0o3", "0o3"), ("0b11", "0b11"), ("1_000", "1_000"), ("+3", "+3"),
    ("1:30", "1:30"), (".inf", ".inf"), ("-.inf", "-.inf"), (".nan", ".nan"), ("1_0.5", "1_0.5"), ("1.", "1."),
    ("1e3", "1e3"),
    # true/false as YAML 1.1 reads them, as MkDocs reads a page's front matter: no data field takes true/false,
    # so they are refused where text is expected ("请给它加上引号").
    ("true", True), ("yes", True), ("off", False),
])
def test_numbers_are_read_only_from_plain_decimal_digits(written: str, read: object) -> None:
    from macros.data.models import Record
    from macros.data.problems import Collector
    from macros.data.read import read_text

    class Probe(Record):
        value: typing.Any

    out = Collector()
    record = read_text("probe.yaml", f"value: {written}\n", Probe, out)
    assert not out.problems and record.value == read and type(record.value) is type(read)


def test_front_matter_is_found_as_mkdocs_finds_it() -> None:
    from mkdocs.utils.meta import YAML_RE

    from macros.maintain.consistency import FRONT_MATTER

    assert (FRONT_MATTER.pattern, FRONT_MATTER.flags) == (YAML_RE.pattern, YAML_RE.flags)


def test_a_card_is_drawn_whatever_text_passes() -> None:
    from PIL import ImageDraw, Image

    from macros.site.cards import Card, _font, _wrap, draw, font_files

    fonts = font_files()
    broken = "第一行\n第二行\r\nthird\u2028fourth\u2029fifth\x85sixth"
    card = Card("assets/cards/x.png", broken, broken, broken, broken * 20, broken)
    assert draw(card, fonts).startswith(b"\x89PNG")
    pen = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    lines = _wrap(pen, broken, _font(str(fonts["regular"]), 28), 1056, 3)
    assert lines and not any(char in line for line in lines for char in "\n\r\u2028\u2029\x85")


def test_the_real_pages_front_matter_passes() -> None:
    from conftest import ROOT

    from macros.maintain.consistency import front_matter_problems, special_file_problems

    assert special_file_problems(ROOT) == [] and front_matter_problems(ROOT) == []
