// The comparison page (/compare/?roles=a,b[,c]&levels=x,y[,z], macros/site/compare.py): two or three roles
// side by side, read from the export the build writes (api/roles.json, api/raci.json). The address always
// holds what is shown, so a copied link opens the same comparison. Nothing is stored or sent.
(function () {
  const root = document.querySelector("[data-compare]");
  if (!root || !document.querySelector("[data-compare-parts]")) return;
  const data = root.dataset;
  const max = Number(data.max) || 3;
  const skillLevels = data.skillLevels.split(",");  // names of proficiency 1, 2, 3, 4
  const roleSelects = Array.from(root.querySelectorAll("[data-compare-role]"));
  const levelSelects = Array.from(root.querySelectorAll("[data-compare-level]"));
  const status = root.querySelector("[data-compare-status]");
  const parts = document.querySelector("[data-compare-parts]");
  const part = (name) => parts.querySelector(`[data-compare-part="${name}"]`);
  const fallback = document.querySelector("[data-compare-fallback]");
  const baseTitle = document.title;
  let roles = [], byRole = new Map(), raci = null;

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function roleHref(slug, anchor) {
    return data.roleUrl.replace("__slug__", slug) + (anchor ? "#" + anchor : "");
  }

  // What the address asks for: known roles only, each once, two or three; each with a level of its track.
  function fromAddress() {
    const query = new URLSearchParams(location.search);
    const asked = (query.get(data.parameter) || "").split(",").map((slug) => slug.trim()).filter(Boolean);
    const levels = (query.get(data.levelsParameter) || "").split(",");
    const chosen = [], unknown = [];
    asked.forEach((slug, index) => {
      const role = byRole.get(slug);
      if (!role) { unknown.push(slug); return; }
      if (chosen.some((item) => item.slug === slug) || chosen.length >= max) return;
      chosen.push({ slug, level: levels[index] || "" });
    });
    for (const role of roles) {
      if (chosen.length >= 2) break;
      if (!chosen.some((item) => item.slug === role.slug)) chosen.push({ slug: role.slug, level: "" });
    }
    for (const item of chosen) {
      const ids = byRole.get(item.slug).career.levels.map((level) => level.id);
      if (!ids.includes(item.level)) item.level = ids[ids.length - 1];
    }
    return { chosen, unknown };
  }

  function toAddress(chosen) {
    const query = new URLSearchParams(location.search);
    query.set(data.parameter, chosen.map((item) => item.slug).join(","));
    query.set(data.levelsParameter, chosen.map((item) => item.level).join(","));
    const search = "?" + query.toString().replace(/%2C/g, ",");
    if (search !== location.search) history.replaceState(history.state, "", search + location.hash);
  }

  function fromPickers() {
    const chosen = [];
    roleSelects.forEach((select, index) => {
      const slug = select.value;
      if (!slug || !byRole.has(slug) || chosen.some((item) => item.slug === slug)) return;
      chosen.push({ slug, level: levelSelects[index].value });
    });
    return chosen;
  }

  function toPickers(chosen) {
    roleSelects.forEach((select, index) => {
      const item = chosen[index];
      select.value = item ? item.slug : "";
      const levelSelect = levelSelects[index];
      levelSelect.replaceChildren();
      levelSelect.disabled = !item;
      if (!item) return;
      for (const level of byRole.get(item.slug).career.levels) {
        levelSelect.append(element("option", { value: level.id }, level.name));
      }
      levelSelect.value = item.level;
    });
  }

  function frame(table) {
    return element("div", { class: "compare-frame" }, table);
  }

  function head(chosen, first) {
    const row = element("tr", {}, element("th", { scope: "col" }, first));
    for (const item of chosen) {
      const role = byRole.get(item.slug);
      row.append(element("th", { scope: "col" }, element("a", { href: roleHref(role.slug) }, role.name)));
    }
    return element("thead", {}, row);
  }

  function list(items) {
    return items.length ? element("ul", {}, ...items.map((item) => element("li", {}, item))) : "—";
  }

  function levelName(role, id) {
    const level = role.career.levels.find((item) => item.id === id);
    return level ? level.name : id;
  }

  function overview(chosen) {
    const picked = chosen.map((item) => byRole.get(item.slug));
    const rows = [
      ["职位族", (role) => role.family.name],
      ["使命", (role) => role.mission],
      ["职责领域", (role) => list(role.responsibilities.map((area) =>
        element("a", { href: roleHref(role.slug, area.id) }, area.title)))],
      ["职业序列", (role, item) => {
        const cell = element("span", {}, role.career.track.name + "：");
        role.career.levels.forEach((level, index) => {
          if (index) cell.append(" → ");
          cell.append(level.id === item.level ? element("strong", {}, level.name) : level.name);
        });
        return cell;
      }],
      ["协作岗位", (role) => list(role.collaborators.map((link) =>
        element("a", { href: roleHref(link.role) }, byRole.has(link.role) ? byRole.get(link.role).name : link.role)))],
    ];
    const body = element("tbody");
    for (const [label, cell] of rows) {
      const row = element("tr", {}, element("th", { scope: "row" }, label));
      picked.forEach((role, index) => row.append(element("td", { "data-label": role.name }, cell(role, chosen[index]))));
      body.append(row);
    }
    return frame(element("table", { class: "compare-table compare-table--overview" }, head(chosen, "岗位"), body));
  }

  function skills(chosen) {
    const picked = chosen.map((item) => byRole.get(item.slug));
    const order = [], names = new Map();
    for (const role of picked) {
      for (const skill of role.skills) {
        if (!names.has(skill.id)) { order.push(skill.id); names.set(skill.id, skill.name); }
      }
    }
    const body = element("tbody");
    for (const id of order) {
      const row = element("tr", {}, element("th", { scope: "row" },
        element("a", { href: data.skillsUrl + "#skill-" + id }, names.get(id))));
      picked.forEach((role, index) => {
        const skill = role.skills.find((item) => item.id === id);
        const at = skill ? skill.levels[chosen[index].level] : null;
        row.append(element("td", { "data-label": role.name },
          at ? element("span", { class: "compare-level" }, element("strong", {}, String(at)), " · " + skillLevels[at - 1])
             : element("span", { class: "compare-none" }, "不要求")));
      });
      body.append(row);
    }
    const first = element("tr", {}, element("th", { scope: "col" }, "技能"));
    chosen.forEach((item) => {
      const role = byRole.get(item.slug);
      first.append(element("th", { scope: "col" }, role.name, element("span", { class: "compare-at" }, levelName(role, item.level))));
    });
    return frame(element("table", { class: "compare-table compare-table--skills" }, element("thead", {}, first), body));
  }

  function letters(chosen) {
    const names = new Map(raci.letters.map((item) => [item.letter, item.name]));
    const differ = [], same = [];
    for (const activity of raci.activities) {
      const row = chosen.map((item) => activity.raci[item.slug] || "");
      if (row.every((letter) => !letter)) continue;
      (row.every((letter) => letter === row[0]) ? same : differ).push([activity, row]);
    }
    const table = element("table", { class: "compare-table compare-table--raci" }, head(chosen, "活动"));
    const group = (title, rows, kind) => {
      if (!rows.length) return;
      const body = element("tbody", { class: "compare-raci--" + kind });
      body.append(element("tr", { class: "compare-group" },
        element("th", { scope: "colgroup", colspan: String(chosen.length + 1) }, title + "（" + rows.length + " 项）")));
      for (const [activity, row] of rows) {
        const line = element("tr", { "data-activity": activity.id },
          element("th", { scope: "row" }, element("a", { href: data.raciUrl + "#activity-" + activity.id }, activity.name)));
        row.forEach((letter, index) => {
          const role = byRole.get(chosen[index].slug);
          line.append(element("td", { "data-label": role.name }, letter
            ? element("span", { class: "raci-chip raci-" + letter, title: names.get(letter) }, letter)
            : element("span", { class: "compare-none" }, "—")));
          if (letter) line.lastChild.append(element("span", { class: "compare-letter-name" }, names.get(letter)));
        });
        body.append(line);
      }
      table.append(body);
    };
    group("分工不同的活动", differ, "differ");
    group("分工相同的活动", same, "same");
    const summary = element("p", {}, "至少一个岗位参与的活动共 " + (differ.length + same.length) + " 项，其中分工不同的 "
      + differ.length + " 项排在前面；字母含义见", element("a", { href: data.raciUrl }, "RACI 矩阵"), "。");
    return [summary, frame(table)];
  }

  function render() {
    const chosen = fromPickers();
    toPickers(chosen);
    toAddress(chosen);
    document.title = chosen.map((item) => byRole.get(item.slug).name).join(" / ") + " · " + baseTitle;
    part("overview").replaceChildren(overview(chosen));
    part("skills").replaceChildren(skills(chosen));
    part("raci").replaceChildren(...letters(chosen));
  }

  function start(chosen, unknown) {
    toPickers(chosen);
    render();
    if (unknown.length) status.textContent = "找不到岗位：" + unknown.join("、") + "，已从对比中去掉。";
    root.hidden = false;
    parts.hidden = false;
    if (fallback) fallback.hidden = true;
  }

  function load(name) {
    return fetch(data.api + name).then((response) => {
      if (!response.ok) throw new Error(name + " " + response.status);
      return response.json();
    });
  }

  Promise.all([load("roles.json"), load("raci.json")]).then(([rolesDocument, raciDocument]) => {
    roles = rolesDocument.roles;
    byRole = new Map(roles.map((role) => [role.slug, role]));
    raci = raciDocument;
    const { chosen, unknown } = fromAddress();
    roleSelects.forEach((select, index) => select.addEventListener("change", () => {
      const level = levelSelects[index];
      level.replaceChildren();  // a new role: its own highest level
      status.textContent = "";
      const picked = fromPickers();
      for (const item of picked) {
        const ids = byRole.get(item.slug).career.levels.map((entry) => entry.id);
        if (!ids.includes(item.level)) item.level = ids[ids.length - 1];
      }
      if (picked.length < 2) {
        status.textContent = "至少选择两个不同的岗位。";
        const extra = roles.find((role) => !picked.some((item) => item.slug === role.slug));
        picked.push({ slug: extra.slug, level: extra.career.levels[extra.career.levels.length - 1].id });
      }
      toPickers(picked);
      render();
    }));
    levelSelects.forEach((select) => select.addEventListener("change", render));
    start(chosen, unknown);
  }).catch(() => {
    root.hidden = false;  // the pickers stay useless; the list of every role below stays
    for (const select of [...roleSelects, ...levelSelects]) select.disabled = true;
    status.textContent = "对比数据没有读到，请刷新页面再试。";
  });
})();
