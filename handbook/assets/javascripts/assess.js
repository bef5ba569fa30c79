/* 自我评估 (/assess/, macros/site/templates/assess.html.j2), loaded by that page only.

   Pick a role and your level; rate yourself on each of the role's skills with the skills matrix's four level
   descriptors as the choices (one radio group per skill: Tab moves between skills, the arrow keys between
   levels); see, skill by skill, the gap to your level's expectations and to the next level's; print it. The
   data is the JSON the build wrote into the page (#assess-data). The state lives in the address's hash only
   (#role=project-manager&level=senior&r=2,3,0,…, one digit per skill in the role's order, 0 = not rated), so
   the link shows the same ratings wherever it is opened; nothing is stored or sent. */
(function () {
  "use strict";

  const form = document.getElementById("assess");
  const source = document.getElementById("assess-data");
  if (!form || !source) return;
  const data = JSON.parse(source.textContent);
  const scale = new Map(data.scale.map((item) => [item.level, item]));
  const roles = new Map(data.roles.map((role) => [role.slug, role]));
  const roleSelect = form.elements.role;
  const levelSelect = form.elements.level;
  const target = form.querySelector(".assess-target");
  const body = form.querySelector(".assess-body");
  const skillsBox = form.querySelector(".assess-skills");
  const overview = form.querySelector(".assess-overview");
  const summary = form.querySelector(".assess-summary");
  const printHead = form.querySelector(".assess-print-head");
  const copied = form.querySelector(".assess-copied");

  let state = { role: "", level: "", ratings: [] };
  let shownRole = "";

  // ---- the state, in the hash ----------------------------------------------------------------------------

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const role = roles.get(params.get("role") || "");
    if (!role) return { role: "", level: "", ratings: [] };
    const level = role.levels.some((item) => item.id === params.get("level")) ? params.get("level") : role.levels[0].id;
    const given = (params.get("r") || "").split(",");
    const ratings = role.skills.map((_, index) => {
      const value = Number.parseInt(given[index], 10);
      return scale.has(value) ? value : 0;
    });
    return { role: role.slug, level, ratings };
  }

  function writeHash() {
    let hash = "";
    if (state.role) {
      const params = new URLSearchParams({ role: state.role, level: state.level });
      let text = params.toString();
      if (state.ratings.some(Boolean)) text += "&r=" + state.ratings.join(",");
      hash = "#" + text;
    }
    history.replaceState(history.state, "", location.pathname + location.search + hash);
  }

  // ---- building the form ---------------------------------------------------------------------------------

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  function levelName(number) {
    const item = scale.get(number);
    return item ? number + " · " + item.name : "—";
  }

  function fillLevels(role) {
    levelSelect.replaceChildren();
    if (!role) {
      levelSelect.append(element("option", { value: "" }, ["先选择岗位"]));
      levelSelect.disabled = true;
      return;
    }
    for (const level of role.levels) levelSelect.append(element("option", { value: level.id }, [level.name]));
    levelSelect.disabled = false;
  }

  /* One fieldset per skill: its name (a link to its descriptors on the skills matrix), the four descriptors
     as radio buttons, the expectations marked, and the gap line. */
  function buildSkills(role) {
    skillsBox.replaceChildren();
    role.skills.forEach((item, index) => {
      const skill = data.skills[item.id];
      const name = "assess-" + item.id;
      const options = data.scale.map((level) => {
        const id = name + "-" + level.level;
        return element("li", { class: "assess-option", "data-level": String(level.level) }, [
          element("input", { type: "radio", id, name, value: String(level.level) }),
          element("label", { for: id }, [
            element("strong", {}, [level.level + " · " + level.name]),
            element("span", { class: "assess-marks" }),
            element("span", { class: "assess-descriptor" }, [skill.descriptors[level.level - 1]]),
          ]),
        ]);
      });
      const fieldset = element("fieldset", { class: "assess-skill", "data-index": String(index) }, [
        element("legend", {}, [skill.name]),
        element("p", { class: "assess-skill__about" }, [
          element("span", { class: "assess-skill__group" }, [skill.group]), " · ",
          element("a", { href: skill.url }, ["各级描述"]),
        ]),
        element("ul", { class: "assess-options" }, options),
        element("p", { class: "assess-gap", "aria-live": "polite" }),
      ]);
      skillsBox.append(fieldset);
    });
  }

  // ---- gaps ----------------------------------------------------------------------------------------------

  function gapText(rating, expected) {
    if (!rating) return "未评";
    const difference = rating - expected;
    if (difference < 0) return "差 " + -difference + " 级";
    if (difference === 0) return "已达到";
    return "高出 " + difference + " 级";
  }

  function gapClass(rating, expected) {
    if (!rating) return "assess-none";
    return rating < expected ? "assess-short" : "assess-met";
  }

  function show() {
    const role = roles.get(state.role);
    if (!role) {
      body.hidden = true;
      target.textContent = "先选择你的岗位，再选择你目前的职级。";
      return;
    }
    const levelIndex = Math.max(0, role.levels.findIndex((item) => item.id === state.level));
    const level = role.levels[levelIndex];
    const next = role.levels[levelIndex + 1] || null;
    body.hidden = false;
    target.replaceChildren(
      "对照", element("a", { href: role.url }, [role.name]), "岗位在“",
      element("a", { href: level.url }, [level.name]), "”这一级的技能期望",
      ...(next ? ["，以及下一级“", element("a", { href: next.url }, [next.name]), "”的期望。"]
        : ["；这是本岗位在", element("a", { href: role.track.url }, [role.track.name]),
          "中的最高一级，再往上的级别见序列页面。"]));
    printHead.textContent = "岗位：" + role.name + " · 职级：" + level.name + (next ? " · 下一级：" + next.name : "");

    let rated = 0, met = 0, short = 0, shortSteps = 0, nextShort = 0, nextSteps = 0;
    const rows = [];
    role.skills.forEach((item, index) => {
      const skill = data.skills[item.id];
      const rating = state.ratings[index] || 0;
      const expected = item.expected[levelIndex];
      const expectedNext = next ? item.expected[levelIndex + 1] : null;
      const fieldset = skillsBox.children[index];
      for (const option of fieldset.querySelectorAll(".assess-option")) {
        const value = Number(option.dataset.level);
        const input = option.querySelector("input");
        input.checked = value === rating;
        option.classList.toggle("assess-option--expected", value === expected);
        option.classList.toggle("assess-option--next", next !== null && value === expectedNext);
        const marks = [];
        if (value === expected) marks.push("本级期望");
        if (next && value === expectedNext) marks.push("下一级期望");
        option.querySelector(".assess-marks").textContent = marks.length ? "（" + marks.join("、") + "）" : "";
      }
      const gap = fieldset.querySelector(".assess-gap");
      gap.replaceChildren();
      if (rating) {
        gap.append(element("span", { class: gapClass(rating, expected) },
          ["本级期望 " + levelName(expected) + "：" + gapText(rating, expected)]));
        if (next) {
          gap.append("；", element("span", { class: gapClass(rating, expectedNext) },
            ["下一级期望 " + levelName(expectedNext) + "：" + gapText(rating, expectedNext)]));
        }
      } else {
        gap.textContent = "尚未自评。本级期望 " + levelName(expected) + (next ? "，下一级期望 " + levelName(expectedNext) : "") + "。";
      }
      if (rating) {
        rated += 1;
        if (rating >= expected) met += 1; else { short += 1; shortSteps += expected - rating; }
        if (next && rating < expectedNext) { nextShort += 1; nextSteps += expectedNext - rating; }
      }
      const cells = [
        element("th", { scope: "row" }, [skill.name]),
        element("td", {}, [rating ? levelName(rating) : "未评"]),
        element("td", {}, [levelName(expected)]),
        element("td", { class: gapClass(rating, expected) }, [gapText(rating, expected)]),
      ];
      if (next) {
        cells.push(element("td", {}, [levelName(expectedNext)]),
          element("td", { class: gapClass(rating, expectedNext) }, [gapText(rating, expectedNext)]));
      }
      rows.push(element("tr", {}, cells));
    });

    const head = [element("th", { scope: "col" }, ["技能"]), element("th", { scope: "col" }, ["自评"]),
      element("th", { scope: "col" }, ["本级期望"]), element("th", { scope: "col" }, ["差距"])];
    if (next) head.push(element("th", { scope: "col" }, ["下一级期望"]), element("th", { scope: "col" }, ["差距"]));
    summary.replaceChildren(element("table", { class: "assess-table" }, [
      element("caption", {}, [role.name + " · " + level.name + (next ? " → " + next.name : "")]),
      element("thead", {}, [element("tr", {}, head)]),
      element("tbody", {}, rows),
    ]));

    const total = role.skills.length;
    if (!rated) {
      overview.textContent = "还没有给任何一项技能打分：在上面每项技能里选一个最符合你的描述。";
    } else {
      let text = "已自评 " + rated + " / " + total + " 项。对照本级：" + met + " 项已达到";
      text += short ? "，" + short + " 项有差距（共差 " + shortSteps + " 级）" : "，没有差距";
      if (next) text += "；对照下一级：" + (nextShort ? nextShort + " 项有差距（共差 " + nextSteps + " 级）" : "没有差距");
      overview.textContent = text + "。";
    }
  }

  function apply(next) {
    state = next;
    roleSelect.value = state.role;
    const role = roles.get(state.role);
    if (state.role !== shownRole) {
      fillLevels(role);
      if (role) buildSkills(role); else skillsBox.replaceChildren();
      shownRole = state.role;
    }
    if (role) levelSelect.value = state.level;
    show();
  }

  // ---- wiring --------------------------------------------------------------------------------------------

  roleSelect.addEventListener("change", () => {
    const role = roles.get(roleSelect.value);
    apply(role ? { role: role.slug, level: role.levels[0].id, ratings: role.skills.map(() => 0) }
      : { role: "", level: "", ratings: [] });
    writeHash();
  });
  levelSelect.addEventListener("change", () => {
    apply({ ...state, level: levelSelect.value });
    writeHash();
  });
  skillsBox.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.matches("input[type=radio]")) return;
    const index = Number(input.closest(".assess-skill").dataset.index);
    const ratings = state.ratings.slice();
    ratings[index] = Number(input.value);
    apply({ ...state, ratings });
    writeHash();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector(".assess-print").addEventListener("click", () => window.print());
  form.querySelector(".assess-copy").addEventListener("click", () => {
    const done = () => { copied.textContent = "已复制链接：对方打开后看到同样的自评。"; };
    const failed = () => { copied.textContent = "无法自动复制：请复制地址栏中的网址。"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(location.href).then(done, failed);
    } else {
      failed();
    }
  });
  // A link opened, or the hash edited by hand: the same view.
  // A jump to an anchor of the page (#rate, the skip link) leaves the assessment as it is.
  window.addEventListener("hashchange", () => {
    if (/(^#|&)role=/.test(location.hash)) apply(readHash());
  });

  form.hidden = false;
  apply(readHash());
})();
