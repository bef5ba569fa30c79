"""Every message a maintainer reads, in one table, in Chinese.

The handbook's maintainers are HR and PMO staff, not programmers: each message says what is wrong, what was
expected and what to do, in plain words. Code never writes message text inline: it names an entry of
:data:`MESSAGES` and passes its values, ``say("unknown_field", field="misson", suggestion=...)``. One table means
one place to reword, one place a test reads (every entry used, every value given), and one copywriting
convention: full-width punctuation (，。：；（）？), one space between Chinese and Latin words or numbers, a
field or file name written as it stands in the YAML.

How a problem prints (:class:`~.problems.Problem`): ``错误：<file>:<line>:<column> <field>：<message>``, e.g.

    错误：data/roles/risk-manager.yaml:7:1 misson：没有这个字段。是不是想写 mission？

``file:line:column`` stays in the form editors and terminals open with a click.
"""

from __future__ import annotations

from typing import Any

ERROR = "错误："
WARNING = "警告："

MESSAGES: dict[str, str] = {
    # --- Reading files and YAML (read.py, problems.py) -------------------------------------------------------
    "file_missing": "缺少这个文件：手册需要它。请从版本库里恢复它。",
    "cannot_read": "无法读取这个文件，{reason}。",
    "file_too_large": "文件有 {size:,} 字节，数据文件最多 {limit:,} 字节（一个岗位文件大约 3,000 字节）"
                      "：是不是放错了文件？",
    "page_too_large": "文件有 {size:,} 字节，超过了上限 {limit:,} 字节：是不是放错了文件？",
    "not_regular_file": "是{kind}，不是普通文件：手册只读取普通文件，不会打开它。请删除它，或换成普通的文本文件。",
    "kind_folder": "文件夹",
    "kind_fifo": "命名管道（FIFO）",
    "kind_socket": "套接字（socket）",
    "kind_char_device": "字符设备",
    "kind_block_device": "块设备",
    "kind_special": "特殊文件",
    "link_outside_data": "是指向 data/ 以外文件的链接：手册不跟随这种链接。请把文件本身放进 data/。",
    "not_utf8": "应为 UTF-8 编码的文字，实际有一个字节 0x{byte:02x} 不是：请用 UTF-8 编码重新保存这个文件。",
    "not_utf8_page": "应为 UTF-8 编码的文字，实际第 {offset} 个字节 0x{byte:02x} 不是：请用 UTF-8 编码重新保存这个文件。",
    "control_character": "有控制字符 U+{code:04X}（大多数编辑器不显示它）：请删掉它。",
    "empty_file": "文件是空的：请写入这个文件的内容。",
    "too_deep": "嵌套超过了 {limit} 层：手册里没有这么深的记录，多半是缩进乱了。请检查这一行附近的缩进。",
    "anchor_or_alias": "不能用锚点和别名（&名字、*名字）：请在需要的地方把值完整写出来。",
    "yaml_tag": "不能用标签（{tag}）：请写普通的 YAML（要当文字的值请加引号）。",
    "key_not_name": "应为字段名，实际用了一个列表或映射作键：请改成一个普通的名字。",
    "duplicate_key": "这个字段写了两次（第 {line} 行已经写过）：请删掉其中一个。",
    "invalid_yaml": "YAML 写法有误：{problem}{started}。请检查这一行和上一行的缩进、冒号和引号。",
    "yaml_started": "（从第 {line} 行开始的{what}里）",
    "yaml_in_quoted": "加引号的文字",
    "yaml_in_mapping": "映射",
    "yaml_in_list": "列表",
    "yaml_in_key": "字段名",
    "yaml_colon_here": "这里不能再写「键: 值」（多半是缩进不对，或者文字里有「: 」却没加引号）",
    "yaml_no_colon": "找不到字段名后面的冒号",
    "yaml_tab": "有制表符（Tab）：YAML 只能用空格缩进",
    "yaml_bad_character": "有不能出现在这里的字符「{char}」（要当文字请加引号）",
    "yaml_unexpected_end": "文件在引号或括号合上之前就结束了",
    "yaml_bad_indent": "缩进和上面的行对不齐",
    "yaml_unclosed_bracket": "方括号 [ ] 或花括号 {{ }} 没有合上，或者两项之间少了逗号",
    "yaml_many_documents": "文件里有不止一份文档（用 --- 分开的）：一个文件只写一份",
    "yaml_bad_escape": "引号里有无法识别的转义符（\\ 后面的字符）",
    "yaml_other": "YAML 读取器报告「{detail}」",
    "role_file_extension": "岗位文件的扩展名应为 .yaml：请改名为 {stem}.yaml（改名之前不会读取它）。",
    "no_role_files": "没有岗位文件：data/roles/ 下应至少有一个 <slug>.yaml。请用 new-role 命令新建一个岗位。",
    "problems_summary": "共 {count} 个问题，没有生成任何页面。",
    "build_stopped": "构建停止：手册的数据或页面有下面这些问题。",

    # --- What pydantic rejects (problems.py) ----------------------------------------------------------------
    "missing_field": "缺少必填字段 {path}：请补上它。",
    "unknown_field": "没有这个字段。{suggestion}",
    "did_you_mean": "是不是想写 {name}？",
    "allowed_fields": "这里可以写的字段有：{names}。",
    "not_text": "应为文字，实际是{kind}「{raw}」：如果它就是文字，请给它加上引号。",
    "empty_text": "应为文字，实际是空的：请填写内容。",
    "pattern_mismatch": "应为{hint}，实际是「{input}」：请按这个格式改写。",
    "not_whole_number": "应为整数，实际是「{raw}」：请写一个不带引号的整数，例如 3。",
    "not_one_of": "应为 {choices} 之一，实际是「{raw}」：请改成其中一个。",
    "too_few_items": "应至少有 {min_length} 项，实际有 {actual_length} 项：请补足。",
    "too_many_items": "应最多有 {max_length} 项，实际有 {actual_length} 项：请删掉多余的。",
    "not_list": "应为列表（每项一行，以 - 开头），实际是{kind}。",
    "not_record": "应为一组字段（键: 值，每个一行），实际是{kind}。",
    "not_mapping": "应为映射（键: 值），实际是{kind}。",
    "not_date": "应为日期，格式是 YYYY-MM-DD（例如 2026-03-01），实际是{kind}。",
    "expected_one_value": "应为{what}，实际是{kind}：这里只写一个值。",
    "expected_choice": "应为 {choices} 之一，实际是{kind}：这里只写一个值。",
    "invalid_value": "这个值不符合要求（{detail}）：请对照 README 里这个字段的说明修改。",
    "kind_text": "文字",
    "kind_whole_number": "整数",
    "kind_number": "数字",
    "kind_date": "日期",
    "kind_list": "列表",
    "kind_mapping": "映射（键: 值）",
    "kind_true_false": "真假值（true/false）",
    "kind_nothing": "空值（冒号后面什么也没写）",
    "hint_regex": "符合格式 {pattern} 的文字",

    # --- One record's own rules (models.py, practice.py) ----------------------------------------------------
    "hint_slug": "由小写英文字母和数字组成、用 - 连接的名字，例如 risk-manager",
    "hint_track_level": "职业序列 id 和它的一个职级 id，用 / 连接，例如 project-management/junior",
    "hint_web_address": "以 http:// 或 https:// 开头的网址",
    "hint_https_address": "以 https:// 开头的网址",
    "hint_domain": "小写的网站域名，不带 https:// 和路径，例如 pmi.org",
    "hint_term": "不含标记符号（< > & 引号 * _ ` [ ] | \\ {{ }} #）的术语，例如 灰度发布 或 PMP",
    "out_of_range": "应为 {low}–{high} 的整数，实际是 {got}：请改成 {choices}。",
    "range_choices": "{some} 或 {last}",
    "range_between": "{low}–{high} 之间的整数",
    "not_decimal": "应为十进制整数 {low}–{high}，实际写的是 {got}：{fix}。",
    "decimal_fix_number": "请改成十进制写法，例如 {number}",
    "decimal_fix_digits": "请只用数字 0–9 写一个 {low}–{high} 之间的整数（不加 0x、0o、0b 前缀，"
                          "也不用下划线、冒号、正号或开头的 0）",
    "date_format": "应为日期，格式是 YYYY-MM-DD（例如 2026-03-01），实际是「{got}」：请按这个格式改写。",
    "line_break": "应为一行文字，实际在第 {at} 个字符处换了行：这段文字只显示在一行里（名称、"
                  "标题、链接预览图），请删去换行（YAML 的 | 和 \\n 都会留下换行）。",
    "duplicate_item": "「{item}」重复了（{field}[{first}] 已经写过）：每项只写一次，请删掉这一项。",
    "only_invisible": "应为看得见的文字，实际只有看不见的字符（零宽字符或文字方向标记）：请删掉它们，写上内容。",
    "direction_control": "应为普通文字，实际第 {at} 个字符是文字方向控制符 U+{code:04X}（它会让文字显示得和实际内容不同）"
                         "：请删掉它。",
    "control_in_text": "应为普通文字，实际第 {at} 个字符是控制字符 U+{code:04X}（显示为空白或乱码）：请删掉它。",
    "text_too_long": "应最多有 {limit} 个字符，实际有 {count} 个：请缩短，或拆成几项。",
    "too_many_aliases": "别名应最多有 {limit} 个，实际有 {count} 个：只保留大家真正在用的叫法。",
    "alias_is_name": "别名「{name}」就是岗位名称：这里只写其他叫法，请删掉它。",
    "review_in_future": "应为不晚于今天（{today}）的日期，实际是 {date}：请写实际审阅的那一天。",
    "summary_too_long": "应最多有 {limit} 个字符（一句话：它也是链接预览），实际有 {count} 个：请缩短。",
    "reserved_anchor": "「{id}」是每个岗位页面都有的章节锚点：请换一个 id。",
    "reserved_jd_anchor": "「{id}」以 {prefix} 开头，这样的锚点留给招聘文案的各个级别：请换一个不以 {prefix} 开头的 id。",
    "duplicate_anchor": "锚点「{id}」在这个岗位页面上重复了：请换一个 id。",
    "reserved_slug": "「{slug}」是网址保留的名字（/roles/ 本身是全部岗位的页面）：请换一个 slug，同时改文件名。",
    "reserved_former_slug": "「{slug}」是网址保留的名字（/roles/ 本身是全部岗位的页面），"
                            "不能作为旧网址跳转：请删掉这一项。",
    "collaborates_with_self": "岗位不能和自己协作：请写另一个岗位。",
    "role_faq_group": "岗位自己的问答显示在岗位页面上，不分组：请删掉 group。",
    "retired_needs_successor": "停用的岗位（status: retired）要写明由哪个岗位接替：请加一行 successor: <slug>"
                               "（接替它的已发布岗位），旧网址会跳转到那里。",
    "successor_not_retired": "只有停用的岗位（status: retired）才写 successor：请删掉这一行，或把 status 改成 retired。",
    "successor_is_self": "岗位不能由自己接替：请写另一个已发布岗位的 slug。",

    # --- Rules across records and files (rules.py, career_rules.py) -----------------------------------------
    "duplicate_value": "「{value}」重复了（{used}已经用过）：每一项的 {key} 都要不同，请换一个或删掉这一项。",
    "used_on_line": "第 {line} 行",
    "used_in_file": "{file} 第 {line} 行",
    "unknown_reference": "没有叫「{value}」的{noun}：应为 {source} 里已有的一个（{listed}）"
                         "。请改成其中之一，或先在那里添加它。",
    "in_section": "{file} 的 {section}",
    "either": "{first} 或 {second}",
    "how_many_defined": "共 {count} 个",
    "ref_family": "岗位族",
    "ref_skill": "技能",
    "ref_skill_group": "技能组",
    "ref_track": "职业序列",
    "ref_phase": "生命周期阶段",
    "ref_faq_group": "问答分组",
    "ref_activity": "活动",
    "ref_iteration": "迭代方式",
    "ref_release_pattern": "发布方式",
    "ref_event": "会议或报告",
    "ref_company_size": "公司规模",
    "ref_tool_category": "工具类别",
    "ref_term": "术语 id",
    "ref_certification": "认证 id",
    "ref_role": "岗位",
    "ref_member": "岗位或 RACI 参与方",
    "retired_reference": "岗位「{slug}」已经停用（status: retired，见 {file}），由「{successor}」接替：这里不能再写它。"
                         "请改成「{successor}」或另一个岗位，或删掉这一项。",
    "successor_not_published": "接替的岗位「{successor}」是{status}，不是已发布的岗位：停用岗位的旧网址会跳转到接替者，"
                               "所以接替者要先发布。请写一个已发布岗位的 slug，或先发布「{successor}」。",
    "status_draft": "草稿（status: draft）",
    "status_retired": "停用的岗位（status: retired）",
    "todo": "草稿「{slug}」发布前要处理：{message}",
    "todo_placeholder": "这一行还是新建岗位时的占位文字「{placeholder}」（{text}）：请换成真实内容。",
    "todo_placeholder_id": "id「{id}」还是新建岗位时的示例：发布后它是固定网址 {url} 的一部分，不能再改。"
                           "请换成说明这一项内容的英文 id（小写字母、数字和 -），例如 release-planning。",
    "draft_acts_nowhere": "它在任何活动里都不是 R 或 A：请在 data/activities.yaml 的活动里给它至少一个 R 或 A"
                          "（照着其他岗位的写法加一行「{slug}: R」）。",
    "draft_not_in_columns": "它还不在 RACI 矩阵的列顺序 columns 里：请把「{slug}」加进这个列表（放在同一岗位族的岗位旁边）。",
    "published_placeholder": "岗位已经发布（status: published），{message}或者先把 status 改回 draft。",
    "draft_ready": "草稿「{slug}」已经没有待办：把 {file} 里的 status 改成 published，再运行 make contract，就发布了。",
    "drafts_summary": "草稿「{slug}」还有 {count} 项要在发布前处理（make check 逐条列出，带文件名和行号）；处理好后把 {file} 里的 status 改成 "
                      "published，再运行 make contract。",
    "slug_not_file_name": "应为文件名里的 slug「{stem}」，实际是「{slug}」：请把文件改名为 {slug}.yaml，"
                          "或改正 slug（改好之前，不检查指向「{slug}」或「{stem}」的引用）。",
    "skill_levels_incomplete": "应定义 1、2、3、4 四个等级，各一次，实际是 {got}。",
    "faq_group_missing": "缺少必填字段 group（问答「{id}」）：公共问答要写明属于哪个分组。",
    "former_slug_is_current": "旧 slug「{former}」是现有岗位的 slug：一个网址只能通向一个页面。请删掉这一项。",
    "former_slug_taken": "旧 slug「{former}」已经跳转到「{owner}」：一个旧网址只能跳转到一个页面。请删掉其中一处。",
    "raci_no_accountable": "应恰好有一个 A（最终负责的岗位或参与方），实际一个也没有：请给一个岗位或参与方写 A。",
    "raci_many_accountable": "应恰好有一个 A（最终负责的岗位或参与方），实际有 {count} 个（{names}）"
                             "：请只保留一个 A，其余改为 R、C 或 I。",
    "raci_draft_letter_only": "只有草稿岗位「{slug}」是 {letter}：草稿发布之前 RACI 矩阵里没有它，这项活动就缺少 {letter}。"
                              "请也给一个已发布的岗位或参与方写 {letter}，或者先发布「{slug}」。",
    "raci_no_responsible": "应至少有一个 R（实际做这项工作的岗位或参与方），实际一个也没有：请给做这项工作的岗位写 R。",
    "role_acts_nowhere": "岗位「{slug}」在任何活动里都不是 R 或 A：每个岗位都要做或负责一些工作。"
                         "请在 data/activities.yaml 里给它一个 R 或 A。",
    "party_is_role": "参与方 id「{id}」和一个岗位的 slug 相同：请换一个 id。",
    "column_repeated": "「{member}」列了 {count} 次：每个岗位和参与方只列一次。",
    "columns_missing": "缺少 {missing}：每个岗位和参与方都要在列顺序里有一个位置，请把它们加进 columns。",
    "term_variant": "术语「{term}」和「{other}」（第 {line} 行）只差大小写或标点：读者会当成同一个术语，请只保留一个。",
    "sizes_missing": "岗位 {slug} 应写出每种公司规模（{sizes}），缺少 {missing}：请补上。",
    "no_cadence": "这个岗位没有工作节奏：请在 data/cadence.yaml 里添加 roles.{slug}（写 rhythm 和 typical_week；"
                  "有迭代和发布的岗位再写 iteration 和 release）。",
    "no_staffing": "这个岗位没有按公司规模的配置：请在 data/settings.yaml 里添加 roles_by_size.{slug}"
                   "（每种公司规模一项）。",
    "usual_in_variants": "「{usual}」已经是常用的迭代方式（usual）：这里只列其他方式，请删掉它。",
    "rhythm_activity_no_letter": "应为岗位「{slug}」有 RACI 字母的活动，实际是「{activity}」："
                                 "请在 data/activities.yaml 里给这个岗位一个字母，或换一个活动。",
    "duty_without_letter": "岗位 {slug} 在这里有职责，就要在这个做法的某个活动（{activities}）"
                           "里有 RACI 字母：请在 data/activities.yaml 里加上，或列一个它有字母的活动。",
    # --- Who decides (decisions.py): the texts agree with the RACI matrix ---------------------------------
    "decision_needs_activity": "这条职责说了「{word}」，却没有写明它属于哪项 RACI 活动：应写成 text: 和 activity: "
                               "两个字段（activity 是 data/activities.yaml 里的活动 id），这样才能和 RACI 矩阵核对"
                               "谁拍板。请补上 activity，或改写成不表示决定的说法，例如“提出建议”“参加评审”“执行”。",
    "decision_not_accountable": "「{word}」说的是{who}做决定，但活动 {activity} 的 A（最终负责）是{owner}{fallback}"
                                "：应只写最终负责的一方拍板。请把这句改成{who}实际做的事（例如“提出建议”“执行”"
                                "“参加”），或在 data/activities.yaml 里改这项活动的 A。",
    "decision_fallback": "，没有这个岗位时是{holder}",
    "fallback_note_unsaid": "应为一句写明由{holder}拍板或最终负责的话，实际没有写出{holder}，或没有用「{words}」之一："
                            "请改写，例如“没有专职发布经理时，由技术负责人拍板放行。”",
    "fallback_holder_is_a": "holder 是「{holder}」，就是这项活动的 A：应为没有这个岗位时接手拍板的另一方。"
                            "请换一个岗位或参与方。",
    "fallback_holder_no_letter": "holder「{holder}」在这项活动的 raci 里没有字母：接手拍板的一方应当本来就参与这项活动。"
                                 "请在 raci 里给它一个字母（通常是 R 或 C），或换一个 holder。",
    "fallback_holder_missing": "holder「{holder}」在多数公司规模下也不单独设人（{sizes}）：应为通常存在的岗位或参与方。"
                               "请换一个 holder。",
    "track_id_index": "「index」是职业发展总览页（/career/）的名字：请换一个序列 id。",
    "reserved_level_id": "「{id}」是每个序列页面都有的章节锚点：请换一个职级 id。",
    "level_id_with_to": "应为不含单词 to 的职级 id（to 留给比较锚点，例如 junior-to-intermediate）"
                        "，实际是「{id}」：请换一个 id。",
    "unknown_level": "序列「{track}」没有职级「{level}」：应为 {levels} 之一。",
    "join_same_track": "应为另一个序列的职级（转岗是从一个序列到另一个序列），实际「{to}」和出发的职级同在序列「{track}」。",
    "duplicate_join": "转岗 {from_level} → {to_level} 重复了（第 {line} 行已经列过）：请删掉一处。",
    "levels_repeated": "应为每个职级各写一次，实际有重复：请删掉重复的。",
    "levels_not_contiguous": "应为序列「{track}」里相邻的职级，从低到高（{expected}），实际是 {got}："
                             "请补上中间的职级或调整顺序。",
    "level_not_spanned": "「{level}」不是这个岗位覆盖的职级：应为 {span} 之一（见 career.levels）。",
    "skill_levels_missing": "应为岗位覆盖的每个职级（{span}）写一个熟练度（1–4），缺少 {missing}：请补上。",
    "skill_level_falls": "应至少为 {floor}（「{lower}」职级的要求：期望的熟练度不会随职级升高而下降）"
                         "，实际是 {got}：请改成不低于 {floor} 的等级。",
    "cert_role_no_level": "岗位「{slug}」不覆盖这个认证的任何职级：应在 levels 里写 {own} 之一，或删掉这个岗位。",
    "cert_no_owner_source": "「{cert}」的资料来源里没有一个在发证机构自己的网站上（owner_domains：{domains}）"
                            "：认证的事实要以发证机构的页面为准。请加上发证机构官网上的页面，或改正 owner_domains。",
    # --- Topics a new hire meets (topics.py) ----------------------------------------------------------------
    "topics_unknown_regulation": "没有叫「{value}」的法规：应为本文件 regulations 里已有的一个（{listed}）"
                                 "。请改成其中之一，或先在 regulations 里添加它。",
    "topics_gate_accountable_twice": "「{member}」已经是这一关的 A（accountable），不能同时是 R 或 C"
                                     "：请从 responsible 或 consulted 里删掉它。",
    "topics_duplicate_member": "「{member}」在这一关里写了两次（responsible 和 consulted 各一次）：每个岗位或参与方"
                               "只担一个字母，请删掉一处。",
    "topics_gate_noun": "上线关卡",
    "topics_effective_unread": "「{name}」写了施行日期，但 source 和 confirmed_by 里没有一个读过的页面（带 checked）"
                               "说明它：请加上读过的页面和读的日期，或者删掉 effective。",

    # --- Wording and typography (lint.py) -------------------------------------------------------------------
    "lint_preferred_term": "用词不统一：应写「{term}」，实际写的是「{variant}」。请改成「{term}」：{why}",
    "lint_half_width_mark": "中文里用了半角的「{mark}」：请改成全角的「{full}」。",
    "lint_nested_brackets": "括号「{mark}」套在同一种括号「{mark}…{close}」里面：同一种括号不能嵌套，请换一种括号或改写句子。",
    "lint_half_width_brackets": "中文里用了半角括号「(」和「)」：请改成全角的「（」和「）」。",
    "lint_full_width_in_latin": "英文里用了全角的「{mark}」：请改成半角的「{half}」。",
    "lint_missing_space": "「{left}」和「{right}」之间没有空格：中文与英文字母或数字之间请加一个空格。",
    "lint_wide_space": "中文与英文字母或数字之间有不止一个空格：请只留一个。",
    "lint_space_between_han": "汉字之间有空格：请删去。",
    "lint_space_before_punctuation": "「{mark}」前面有空格：中文标点前不加空格，请删去。",
    "lint_space_after_punctuation": "「{mark}」后面有空格：中文标点后不加空格，请删去。",
    "stale_role": "已经 {days} 天没有审阅（超过 12 个月）：请「{owner}」审阅这个岗位，然后把这个日期改成审阅当天。",
    "stale_source": "「{cert}」的资料来源已经 {days} 天没有核对（超过 12 个月）：请重新阅读 {url}，更新相关内容和这个日期。",

    # --- Pages, stubs, contract, schemas, templates (maintain/consistency.py, stubs.py, contract.py) --------
    "page_text_markup": "应为纯文本，实际在第 {at} 个字符处有标记「{found}」：标题和描述原样出现在页面、搜索结果和链接预览里，"
                        "请删去 HTML 标签、字符实体（&…;）和模板写法（{templates}）。",
    "page_search_boost": "应为 {low}–{high} 之间的十进制数（默认是 1；小于 1 让页面在搜索结果中靠后，例如 0.3，大于 1 "
                         "让它靠前，例如 2），实际写的是「{got}」：请改成这样的数。",
    "page_icon_unknown": "应为 Material 自带图标的名字（例如 material/home，图标列表见 {list}），实际写的是「{got}」：没有这个"
                         "图标。请改成已有图标的名字，或删去 icon。",
    "page_template_unknown": "应为页面模板 {names} 之一，实际写的是「{got}」：请改成其中之一，或删去 template（多数页面不需要"
                             "它）。",
    "page_multimarkdown": "第一行是「title: 标题」这样的写法，MkDocs 会把它当作页面设置（MultiMarkdown 元数据）而不显示它：页面设置"
                          "请写在开头两行 --- 之间（YAML 前言），正文请在这一行前加一个空行或换一种写法。",
    "link_outside_project": "是一个指向项目以外（{real}）的链接：链接指向的内容会被原样发布到网站上，所以不会读取它。请删除这个"
                            "链接；需要的文件请复制到项目里。",
    "schema_out_of_date": "和数据模型（macros/data/models.py）不一致，已经过时：请运行 python -m macros schemas 重新生成。",
    "page_macro_invalid": "宏调用的写法有误（{detail}）：请检查这一处的 {{{{ … }}}} 或 {{% … %}} 是否写完整、括号和引号是否成对。",
    "theme_template_invalid": "网站模板写法有误（{detail}）：请改正这个模板，或把它恢复成版本库里的样子。",
    "guide_examples_missing": "文件不存在：维护指南的示例从这里读取。请运行 python -m macros schemas 生成它。",
    "guide_examples_not_json": "不是有效的 JSON（{detail}）：请运行 python -m macros schemas 重新生成它。",
    "guide_examples_unreadable": "无法读取（{detail}）：请运行 python -m macros schemas 重新生成它。",
    "guide_examples_not_list": "应为示例的列表",
    "stub_noun_role": "岗位",
    "stub_noun_track": "职业序列",
    "stub_folder_tracks": "data/career.yaml 的 tracks",
    "stub_names_nothing": "页面调用了 {macro}()，但开头的设置里没有 {key}: {placeholder}：请补上这一行，或运行 python -m "
                          "macros sync-stubs。",
    "stub_names_unknown": "应为 {folder} 里的{noun}，实际写的是「{named}」：没有这个{noun}。请改成已有的{noun}，或删除这个页面。",
    "stub_missing": "{noun}「{record}」还没有页面 {page}：请运行 python -m macros sync-stubs 补上。",
    "stub_no_front_matter": "页面开头应写 {key}: {placeholder}，说明这是哪个{noun}的页面（页面设置，写在开头两行 --- 之间）："
                            "请补上，或删除这个页面，或运行 python -m macros sync-stubs。",
    "stub_record_not_text": "应为{noun}的 {what}（一段文字），实际写的是「{got}」：请改成 {key}: {stem}。",
    "stub_record_renamed": "{noun}「{named}」已经改名为「{current}」（见 former_slugs）：请删除这个页面，或运行 python -m "
                           "macros sync-stubs；旧网址会自动跳转到新页面。",
    "stub_record_retired": "岗位「{named}」已经停用（status: retired），由「{current}」接替：请删除这个页面，或运行 make "
                           "sync-stubs；旧网址会自动跳转到「{current}」。",
    "stub_record_not_file_name": "应为「{stem}」（和文件名一致），实际写的是「{named}」：请改成 {key}: {stem}。",
    "stub_extra_content": "开头的设置下面应只有 {body}（页面内容写在 {source} 里），实际还写了「{got}」：请把这些内容移到 "
                          "{source}，这里只留 {body}。",
    "contract_not_utf8": "含有不是 UTF-8 编码的字节 0x{byte}：请用 UTF-8 编码另存这个文件。",
    "contract_unreadable": "无法读取这个文件（系统报告「{detail}」）：请确认它是一个可以读取的普通文本文件。",
    "contract_missing_urls": "有 {count} 个已发布的网址还没有写进网址承诺清单（第一个是 {first}）：请运行 python -m macros "
                             "contract 把它们加进去。",
    "contract_role_gone": "承诺过的网址 {url} 已经失效：岗位「{slug}」不存在了。请在接替它的岗位的 former_slugs 里加上 {slug}。",
    "contract_role_unpublished": "承诺过的网址 {url} 已经失效：岗位「{slug}」又成了草稿（status: draft），草稿的页面不公开。"
                                 "发布过的岗位不能再改回草稿：请把 status 改回 published；要撤下它，请改成 retired 并写明 "
                                 "successor。",
    "contract_url_broken": "承诺过的网址 {url} 已经失效：请恢复这个页面或锚点（发布过的 id 不能再改）。",

    # --- Commands (__main__.py, maintain/scaffold.py, publish.py, data/files.py) ----------------------------
    "refused": "{where}：{message}",
    "cli_description": "维护手册用的命令：python -m macros <命令>\n\n"
                       "  check        检查 data/ 和各页面，列出每个问题；有问题时退出状态为 1\n"
                       "  sync-stubs   为还没有页面的岗位（handbook/roles/）和职业序列（handbook/career/）补写页面文件\n"
                       "  new-role     为新岗位写一个带说明的 YAML 模板和它的页面文件\n"
                       "  contract     把手册发布的网址加进 data/url-contract.txt（从不删除）\n"
                       "  schemas      根据数据模型重新生成 data/schema/*.schema.json 和维护指南的示例\n"
                       "  export       把可供程序读取的数据（roles.json、raci.json、career.json、raci.csv）写进一个文件夹\n"
                       "  build        先在临时文件夹里构建网站，成功后再换上：构建失败时原来的网站保持不变\n\n"
                       "出错时不会打印程序内部的错误堆栈，只打印一行「错误：」说明在做什么、是哪个文件，退出状态为 1；"
                       "按 Ctrl-C 中止时退出状态为 130。",
    "help_help": "显示这段说明后退出",
    "help_root": "项目文件夹（默认是这份代码所在的文件夹）",
    "help_check": "检查 data/ 和各页面",
    "help_sync_stubs": "补写岗位和职业序列缺少的页面文件",
    "help_new_role": "新建一个岗位",
    "help_slug": "新岗位的网址名（slug），例如 release-manager",
    "help_family": "岗位族的 id（默认是第一个岗位族）",
    "help_activity": "data/activities.yaml 中一项活动的 id，新岗位在其中担任 R",
    "help_schemas": "重新生成 data/schema/、导出文件的格式说明（macros/site/api_schema/）和 data/guide-examples.json",
    "help_contract": "把发布的网址承诺在 data/url-contract.txt 里",
    "help_export": "把可供程序读取的数据写进一个文件夹",
    "help_export_directory": "要写入的文件夹",
    "help_build": "构建网站（失败时原来的网站保持不变）",
    "help_site_dir": "网站写入的文件夹（默认是 site）",
    "help_zensical": "用 Zensical 构建同一个 mkdocs.yml，写入 site-zensical/，再做构建的最后一步（make zensical）",
    "help_finish": "对一个已经写好页面的网站做构建的最后一步：导出数据、旧网址跳转、链接预览图、检查引用的文件",
    "help_zensical_command": "Zensical 命令的路径（默认是 PATH 里的 zensical）",
    "doing_check": "检查数据",
    "doing_sync_stubs": "补写页面文件",
    "doing_new_role": "建立新岗位",
    "doing_schemas": "生成数据格式说明（JSON Schema）",
    "doing_contract": "更新网址承诺清单",
    "doing_export": "导出数据",
    "doing_build": "构建网站",
    "doing_zensical": "用 Zensical 构建网站",
    "doing_finish": "完成网站的最后一步",
    "zensical_failed": "Zensical 没有构建成功：{reason}",
    "zensical_built": "Zensical 已把网站写入 {path}/",
    "finish_no_site": "{path} 里没有构建好的网站（没有 index.html）：请先运行 make zensical。",
    "finish_card_missing": "{path}：页面要显示这张链接预览图，但构建时没有记下它的内容（.cache/{notes}/ 无法写入？）："
                           "请检查 .cache/ 的权限后重新运行 make zensical。",
    "command_failed": "{doing}时出错，{reason}。",
    "command_crashed": "{doing}时出现意外错误（{what}）：请把这一行发给维护本工具的同事。",
    "problems_in_data": "data/ 里共有 {count} 个问题。",
    "problems_found": "共 {count} 个问题。",
    "check_passed": "检查通过：{roles} 个岗位、{activities} 项 RACI 活动、{skills} 项技能、{tracks} 个职业序列，"
                    "用时 {seconds} 秒。",
    "wrote": "已写入 {path}",
    "removed_renamed_stub": "已删除 {path}（岗位已改名：旧网址会跳转到新页面）",
    "removed_retired_stub": "已删除 {path}（岗位已停用：旧网址会跳转到「{successor}」）",
    "stubs_complete": "每个岗位和职业序列都已经有页面，无需补写。",
    "contract_cannot_update": "无法更新，{reason}。",
    "contract_added": "已写入 {path}（新增 {count} 个网址）",
    "contract_complete": "{path} 已经列出全部网址，无需更新。",
    "export_not_folder": "已经存在，但不是文件夹（或是指向别处的符号链接）：请换一个文件夹名。",
    "slug_invalid": "不能用作新岗位的网址名（slug）：应为小写英文单词或数字，用连字符（-）连接，例如 release-manager。",
    "slug_too_long": "slug 太长（{length} 个字符）：它是网址的一部分，最多 {most} 个字符，请用几个英文单词，例如 "
                     "release-manager。",
    "new_role_needs_valid_data": "data/ 里还有上面这些问题：new-role 要在没有问题的数据上添加岗位，请先改正它们。",
    "slug_taken": "已经有岗位用了这个 slug（或把它列在 former_slugs 里）：请换一个名字。",
    "slug_reserved": "不能作为新岗位的 slug：它{reason}。请换一个名字。",
    "slug_reserved_url": "是网址保留的名字（/roles/ 本身是全部岗位的页面）",
    "slug_reserved_party": "是 RACI 参与方「{name}」的 id（data/activities.yaml 的 parties），岗位与参与方不能同名",
    "slug_reserved_file": "已经有 {path}（先移走它，或换一个名字）",
    "family_unknown": "没有这个岗位族「{family}」：请从 data/families.yaml 的这些 id 里选一个：{choices}。",
    "activity_unknown": "没有这项活动「{activity}」：请从 data/activities.yaml 的这些 id 里选一个：{choices}。",
    "added_role_to": "已在 {place} 加入「{slug}」",
    "added_role_to_raci": "已在活动「{activity}」里把「{slug}」设为 R（data/activities.yaml:{line}）",
    "next_steps": "下一步：",
    "step_preview": "运行 make serve，打开 http://127.0.0.1:8000/handbook/roles/{slug}/ 预览（页面标着「草稿」，"
                    "不出现在岗位列表、RACI 矩阵、搜索和导出里；保存文件后页面自动刷新）",
    "step_fill_placeholders": "把 {path} 中所有「{placeholder}」和「{english}」换成真实内容（每个字段上方有说明），"
                              "把示例 id（{ids}）换成说明内容的英文 id",
    "step_fill_practice": "在 {places} 填写本岗位的工作节奏和在不同规模公司中的配置",
    "step_check_raci": "核对 data/activities.yaml 第 {line} 行附近的 RACI 分工，并在其他相关活动中加入本岗位",
    "step_add_raci": "在 data/activities.yaml 中至少让本岗位在一项活动里担任 R 或 A（每个岗位都必须有实际工作），"
                     "写法是在活动的 raci 下加一行「{slug}: R」",
    "step_add_column": "把「{slug}」加进 data/activities.yaml 第 {line} 行的 columns（RACI 矩阵的列顺序，放在同一岗位族的岗位旁边）",
    "step_check": "运行 make check：警告（草稿「{slug}」发布前要处理……）逐条列出还缺什么，带文件名和行号",
    "step_publish": "全部处理好后，把 {path} 里的 status: draft 改成 status: published，运行 make contract "
                    "承诺新页面的网址（发布后网址和锚点不能再改），最后运行 make check",
    "folder_is_project": "这是项目文件夹本身，或包含项目的文件夹，不能用作输出文件夹：请换一个单独的文件夹（构建默认用 "
                         "site）。",
    "folder_in_project": "在项目的 {name}/ 文件夹里，那里放的是手册本身的文件，不能用作输出文件夹：请换一个单独的文件夹"
                         "（构建默认用 site）。",
    "site_not_ours": "这个文件夹不是构建建立的（里面没有构建的标记 {mark}），构建不会替换或删除它：请把它移走或改名，或用 "
                     "--site-dir 换一个输出文件夹。",
    "build_mark": "由 python -m macros build 建立：下一次构建会整个替换这个文件夹。\n",
    "build_waiting": "这个项目的另一次构建正在进行：等它结束后再开始。",
    "site_restored": "已从 {name} 恢复上一次构建好的网站（之前有一次构建被中断了）。",
    "stale_staging_kept": "不是构建建立的文件夹，保持原样（确认无用后可以手动删除）。",
    "staging_failed": "无法建立构建用的文件夹，{reason}。",
    "build_failed_site_kept": "构建失败：原来的网站保持不变（{site}）。",
    "build_failed_no_site": "构建失败：没有写出网站（{site}）。",
    "swap_failed": "无法换上新建的网站，{reason}。原来的网站保持不变。",
    "site_written": "网站已写入 {site}（用时 {seconds:.1f} 秒）。",
    "build_strict_stop": "构建停止：有 {count} 条警告（构建按严格模式进行，警告也算错误）：请按上面的警告修改。",
    "mkdocs_failed": "构建网站时出错，{what}。",
    "os_no_space": "磁盘空间已满：请腾出空间后重试",
    "os_quota": "超出了磁盘配额：请腾出空间后重试",
    "os_no_permission": "没有写入权限：请检查文件夹的权限，或换一个可以写入的位置",
    "os_not_permitted": "操作不被允许：请检查文件夹的权限，或换一个可以写入的位置",
    "os_read_only": "所在的磁盘是只读的：请换一个可以写入的位置",
    "os_busy": "正被占用（例如是一个挂载点）：请换一个普通文件夹，或先取消挂载",
    "os_other_disk": "与新内容不在同一个磁盘上（例如是单独挂载的）：请换一个普通文件夹",
    "os_link": "是一个符号链接：不会通过链接写入，请换成普通文件或文件夹",
    "os_missing": "不存在：请检查路径",
    "os_not_folder": "路径中有一段不是文件夹：请检查路径",
    "os_is_folder": "是一个文件夹，不是文件：请检查路径",
    "os_exists": "已经存在：请先移走它",
    "os_not_empty": "已经存在且不是空的：请先移走它",
    "os_name_too_long": "名字太长：请用短一些的名字",
    "os_io": "读写出错（磁盘可能有故障）：请检查磁盘后重试",
    "os_other": "系统报告「{detail}」：请检查这个位置后重试",
    "write_outside": "所在的文件夹通向 {root} 以外（{parent}）：不会写到这个文件夹以外，请把这个位置换成普通文件夹。",
    "write_reason": "{reason}。",
    "write_through_link": "是一个符号链接（指向别处的文件）：不会通过链接写入，请删除这个链接后重试。",
    "write_not_regular": "已存在，但不是普通文件：请移走它后重试。",
    "write_failed": "无法写入，{reason}。",
    "folder_failed": "无法建立文件夹，{reason}。",
    "folder_not_folder": "不是文件夹（或是指向别处的符号链接）：请换成普通文件夹。",

    # --- Building and previewing (site/) --------------------------------------------------------------------
    "cards_no_fonts": "生成链接预览图需要 Noto Sans CJK 字体（{files}），但没有找到：请运行 make browser 安装 Debian 的 "
                      "Noto CJK 字体（apt-get install fonts-noto-cjk）。",
    "cards_cache_failed": "无法写入预览图缓存，{reason}。本次构建不再使用缓存，其余预览图直接绘制。",
    "search_engine_unknown": "不认识的搜索方式「{chosen}」：可用的值是 bigram（默认，手册自己的中文搜索）和 pagefind（只供 "
                             "make bench 比较性能用）。请改成其中之一，或者删去这个环境变量。",
    "search_boost_invalid": "应为一个数，例如 2（在搜索结果中排得靠前）或 0.5（排得靠后），实际写的是「{got}」：请改成这样的数，"
                            "或者删去 search.boost。",
    "search_settings_invalid": "应为几项设置，例如 search: {{boost: 2}}，实际写的是「{got}」：请改成这样的写法，或者删去 "
                               "search。",
    "search_page": "页面 {page}",
    "missing_references": "网站引用了构建没有写出的文件（手册自带的脚本要先运行 make setup 才有）：\n{lines}",
    "missing_reference": "  {target}：被 {pages} 引用",
    "missing_reference_more": "  {target}：被 {pages} 等 {count} 个页面引用",
    # The roles' 变更记录 (data/history.py, site/changes.py): one line, never a warning (a --strict build goes on).
    "history_none": "没有版本历史（{reason}），本次构建照常进行，但岗位页面不显示变更记录，也不写出 api/changes.json "
                    "和变更订阅源。要显示它们，请在带完整历史的 git 克隆里构建（git clone 不加 --depth；GitHub "
                    "Actions 的 checkout 写 fetch-depth: 0）。",
    "history_no_git": "找不到 git 命令",
    "history_not_repository": "项目文件夹不在 git 版本库里，或 git 拒绝读取这个版本库",
    "history_shallow": "这是浅克隆，只有最近的提交",
    "history_git_failed": "git 读取提交记录时出错或超时",
    "history_uncommitted": "data/roles/ 里的岗位文件还没有提交过",
}


def say(key: str, /, **values: Any) -> str:
    """The message ``key`` with its values filled in."""
    return MESSAGES[key].format(**values)
