"""The house style, checked: one word per concept and one typography, in data/ and in the prose pages.

Each rule is shown with a bad input and the exact message, and with the good inputs it must leave alone; then
the lint is run as a maintainer meets it, on a copy of the project with a variant and a half-width bracket
planted in it; and the real handbook has no finding at all.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.lint import Prose, lint_markdown, lint_pages, lint_prose, lint_yaml
from macros.data.read import load_handbook, read_vocabulary
from macros.site.raci import LETTER_BY_CODE
from test_validation import edit, problems_of

ROOT = Path(__file__).resolve().parent.parent
RM = "data/roles/risk-manager.yaml"
TERMS = (("干系人", ("利益相关方", "利益相关者"), "一个概念一个词"),)


def findings(text: str, terms=TERMS) -> list[tuple[int, str]]:
    return list(lint_prose(Prose("field", text, [(0, 1, 1)]), terms))


HALF_BRACKETS = "中文里用了半角括号「(」和「)」：请改成全角的「（」和「）」。"
HAN_GAP = "汉字之间有空格：请删去。"
# (case, text, index of the finding, exact message)
BAD = [
    ("variant of a preferred term", "识别利益相关方并登记", 2,
     "用词不统一：应写「干系人」，实际写的是「利益相关方」。请改成「干系人」：一个概念一个词"),
    ("half-width comma after Chinese", "先评估,再决定", 3, "中文里用了半角的「,」：请改成全角的「，」。"),
    ("half-width question mark", "谁来拍板?", 4, "中文里用了半角的「?」：请改成全角的「？」。"),
    ("half-width colon before Chinese", "注意:先评估", 2, "中文里用了半角的「:」：请改成全角的「：」。"),
    ("half-width brackets around Chinese", "需求文档(PRD)和方案", 4, HALF_BRACKETS),
    ("half-width brackets with Chinese inside", "PMP (项目管理专业人士)", 4, HALF_BRACKETS),
    ("half-width brackets glossing a Latin word in Chinese text", "认证 Scrum Master(Certified ScrumMaster)", 15,
     HALF_BRACKETS),
    ("full-width comma inside Latin", "执行（Responsible，Accountable）", 14, "英文里用了全角的「，」：请改成半角的「,」。"),
    ("nested brackets", "认证（PMI（美国）颁发）", 6,
     "括号「（」套在同一种括号「（…）」里面：同一种括号不能嵌套，请换一种括号或改写句子。"),
    ("no space before Latin", "考取PMP认证", 2,
     "「取」和「P」之间没有空格：中文与英文字母或数字之间请加一个空格。"),
    ("no space after digits", "会后24小时内", 4,
     "「4」和「小」之间没有空格：中文与英文字母或数字之间请加一个空格。"),
    ("two spaces", "考取  PMP 认证", 2, "中文与英文字母或数字之间有不止一个空格：请只留一个。"),
    ("space between Chinese characters", "项目 经理", 2, HAN_GAP),
    ("space before Chinese punctuation", "PMP ，CAPM", 3, "「，」前面有空格：中文标点前不加空格，请删去。"),
    ("space after Chinese punctuation", "评估。 然后", 3, "「。」后面有空格：中文标点后不加空格，请删去。"),
]

GOOD = [
    "考取 PMP 认证，再考 PgMP。",
    "执行、最终负责、咨询、知会（Responsible, Accountable, Consulted, Informed）",
    "项目管理专业人士认证（Project Management Professional）",
    "R、A、C 还是 I",
    "每 3 年需积累 60 个 PDU",
    "Project Management Professional (PMP)",
    "登记干系人的关注点",
    "https://example.org/a(b)",
    "注入的脚本写作 alert(1)",
]


@pytest.mark.parametrize("case, text, index, message", BAD, ids=[case[0] for case in BAD])
def test_each_rule_reports_its_bad_input_exactly(case, text, index, message):
    assert (index, message) in findings(text)


@pytest.mark.parametrize("case, text, index, message", BAD, ids=[case[0] for case in BAD])
def test_each_rule_reports_its_bad_input_in_a_data_file_too(case, text, index, message):
    """The cheap look over a whole file, which spares the rules most files, never hides a finding."""
    assert message in [finding.message for finding in lint_yaml("data/x.yaml", f"mission: {text}\n", TERMS)]


@pytest.mark.parametrize("text", GOOD)
def test_good_text_has_no_finding(text):
    assert findings(text) == []


def test_a_variant_inside_the_preferred_term_is_not_reported():
    terms = (("风险登记册", ("登记册",), "说清是哪一本"),)
    assert findings("更新风险登记册", terms) == []
    assert findings("更新登记册", terms) == [(2, "用词不统一：应写「风险登记册」，实际写的是「登记册」。请改成「风险登记册」：说清是哪一本")]


def test_findings_point_at_the_line_and_column_as_written_in_a_folded_yaml_value():
    text = "faq:\n  - id: x\n    answer: >-\n      先登记利益相关方，\n      再制定计划(初稿)。\n"
    assert [str(finding) for finding in lint_yaml("data/x.yaml", text, TERMS)] == [
        "data/x.yaml:4:10 answer：用词不统一：应写「干系人」，实际写的是「利益相关方」。请改成「干系人」：一个概念一个词",
        f"data/x.yaml:5:12 answer：{HALF_BRACKETS}",
    ]


def test_a_line_break_after_chinese_punctuation_before_latin_becomes_a_space_and_is_reported():
    text = "mission: >-\n  先读章程，\n  PMP 以后再考。\n"
    assert [str(finding) for finding in lint_yaml("data/x.yaml", text)] == [
        "data/x.yaml:3:3 mission：「，」后面有空格：中文标点后不加空格，请删去。",
    ]


def test_yaml_structure_flow_lists_ids_and_urls_are_not_prose():
    text = ("aliases: [产品负责人, Product Owner]\nid: a-b\nsources:\n  - url: https://x.org/路径(1)\n"
            "    title: 说明\n")
    assert lint_yaml("data/x.yaml", text) == ()


def test_markdown_code_macros_html_and_link_targets_are_not_prose():
    text = ("---\ndescription: 一句话。\n---\n\n# 标题 { #title }\n\n用 `make check(1)` 检查，见[术语](glossary.md)，"
            "共 {{ handbook_stats.roles }} 个岗位。\n\n```sh\necho 中文(注释)\n```\n")
    assert lint_markdown("handbook/x.md", text) == ()


def test_markdown_line_break_inside_chinese_text_is_left_to_the_render_step():
    # macros/site/typography.py joins the lines without a space (tests/test_reading.py checks the built pages).
    text = "第一行中文，\n第二行中文。\n\n- 列表\n- 另一项\n"
    assert lint_markdown("handbook/x.md", text) == ()


# --- As a maintainer meets it ------------------------------------------------------------------------------


VOCABULARY = """terms:
  - term: 干系人
    avoid: [利益相关方, 利益相关者]
    why: 本手册统一用干系人。
"""


def test_a_planted_variant_is_reported_with_the_preferred_term(minimal_project):
    (minimal_project / "data" / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    edit(minimal_project, RM, "how: 共同推进项目。", "how: 共同管理利益相关方。")
    assert problems_of(minimal_project) == [
        f"{RM}:29:14 how：用词不统一：应写「干系人」，实际写的是「利益相关方」。请改成「干系人」：本手册统一用干系人。"]


def test_a_planted_half_width_bracket_is_reported_by_check(minimal_project):
    edit(minimal_project, RM, "mission: 使命说明。", "mission: 使命说明(初稿)。")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert f"错误：{RM}:7:14 mission：{HALF_BRACKETS}" in result.stderr.splitlines()


def test_a_prose_page_with_a_variant_fails_check(minimal_project):
    (minimal_project / "data" / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    page = minimal_project / "handbook" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n请先识别利益相关者。\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, cwd=minimal_project)
    assert result.returncode == 1
    assert (f"错误：handbook/faq.md:{line}:5 用词不统一：应写「干系人」，实际写的是「利益相关者」。请改成「干系人」："
            "本手册统一用干系人。" in result.stderr.splitlines())


def test_a_source_checked_more_than_a_year_ago_is_a_warning_not_an_error(minimal_project):
    edit(minimal_project, "data/career.yaml", "checked: 2026-10-01", "checked: 2024-01-15")
    text = (minimal_project / "data" / "career.yaml").read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "checked: 2024-01-15" in row)
    loaded = load_handbook(minimal_project, today=dt.date(2026, 12, 1))
    assert [str(warning) for warning in loaded.warnings] == [
        f"data/career.yaml:{line}:18 certifications[0].sources[0].checked：「PMP」的资料来源已经 1051 天没有核对"
        "（超过 12 个月）：请重新阅读 https://example.org/pmp，更新相关内容和这个日期。",
    ]


# --- The real handbook -------------------------------------------------------------------------------------


def test_the_real_data_and_pages_have_no_finding():
    load_handbook(ROOT)  # the data's findings are problems: loading would raise
    assert [str(finding) for finding in lint_pages(ROOT, read_vocabulary(ROOT))] == []


def test_the_vocabulary_names_the_letter_a_as_the_legend_does():
    vocabulary = read_vocabulary(ROOT)
    assert vocabulary is not None
    terms = {term.term: term for term in vocabulary.terms}
    assert LETTER_BY_CODE["A"].name in terms, "the legend's name of A is the preferred term"
    for term in vocabulary.terms:
        assert term.term not in term.avoid and all(term.term not in variant for variant in term.avoid), term


def visible_blocks(page: Path):
    """The text a reader sees in each innermost block of a built page's article (code stands in as 'X')."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    if article is None:
        return
    for tag in article.find_all(["script", "style", "pre"]):
        tag.decompose()
    for tag in article.find_all("a", class_="headerlink"):
        tag.decompose()
    for tag in article.find_all("code"):
        tag.replace_with("X")
    for block in article.find_all(["p", "li", "td", "th", "h1", "h2", "h3", "caption"]):
        if not block.find(["p", "li", "ul", "table"]):
            yield " ".join(block.get_text().split())


def test_the_built_pages_read_with_the_same_typography(built_site):
    """Templates join data and prose: what they make must follow the same rules (the benchmark report,
    a table of measurements, is left out)."""
    found = []
    for page in sorted(built_site.rglob("*.html")):
        if "benchmarks" in page.parts:
            continue
        for text in visible_blocks(page):
            found += [f"{page.relative_to(built_site)}: {message}: …{text[max(0, i - 15):i + 10]}…"
                      for i, message in lint_prose(Prose("", text, [(0, 1, 1)]))]
    assert found == []


def test_markdown_link_brackets_and_strong_markers_are_invisible_to_the_spacing_rules():
    text = "先查 [术语表](glossary.md)，再读**第一步。** 然后开始。\n"
    assert [str(finding) for finding in lint_markdown("handbook/x.md", text)] == [
        f"handbook/x.md:1:3 {HAN_GAP}",
        "handbook/x.md:1:33 「。」后面有空格：中文标点后不加空格，请删去。",
    ]
