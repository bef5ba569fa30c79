/* 谁来拍板？ The RACI page's finder (macros/site/templates/raci-finder.html.j2), loaded by that page only.

   Type or pick an activity: its A with the reason, its R, C and I. Pick a role: its column of the matrix is
   highlighted, optionally with only the rows where it has a letter; on a phone the role's letters are listed
   instead of the whole matrix. The letters, the A and its reason come from the build's export (api/raci.json,
   fetched from this site when the finder is first used); the role pages' addresses from the matrix's header.
   The state lives in the address (?find=…&a=…&role=…&only=1&view=matrix; not ?q=, which
   opens Material's search), so a link opens the same view; nothing
   is stored or sent. Matching works on the page, for Chinese: the whole query, then its words
   (Intl.Segmenter where the browser has it), then its characters, over the activities' names and
   descriptions. Without JavaScript the form stays hidden and the matrix stays as it is. */
(function () {
  "use strict";

  const form = document.getElementById("raci-finder");
  const table = document.querySelector("table.raci-matrix");
  if (!form || !table) return;
  const fields = form.elements;
  const count = form.querySelector(".raci-finder__count");
  const results = form.querySelector(".raci-finder__results");
  const mine = form.querySelector(".raci-finder__mine");
  const block = table.closest(".matrix-block");
  const scroller = table.closest(".matrix-scroll");
  const MAX_RESULTS = 6;
  // Words that ask rather than name: "谁审批变更" is about 审批 and 变更.
  const ASKING = /谁|什么|怎么|如何|哪个|哪些|哪|吗|呢|的|了|是|由|来|要|该|应该|一下/g;
  const PUNCTUATION = /[\s，。、？！：；,.?!:;“”"'‘’（）()《》·\-—]+/g;

  let data = null;
  let loading = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.raci)
        .then((response) => {
          if (!response.ok) throw new Error(response.status + " " + form.dataset.raci);
          return response.json();
        })
        .then((json) => {
          data = json;
          data.byId = new Map(json.activities.map((activity) => [activity.id, activity]));
          data.columnById = new Map(json.columns.map((column) => [column.id, column]));
          data.phaseById = new Map(json.phases.map((phase) => [phase.id, phase]));
          data.letterBy = new Map(json.letters.map((meaning) => [meaning.letter, meaning]));
          data.text = new Map(json.activities.map((activity) =>
            [activity.id, { name: fold(activity.name), description: fold(activity.description) }]));
        });
    }
    return loading;
  }

  function fold(text) {
    return text.toLowerCase().replace(PUNCTUATION, "");
  }

  // ---- the state, in the address -------------------------------------------------------------------------

  function readState() {
    const params = new URLSearchParams(location.search);
    return {
      q: params.get("find") || "",
      a: params.get("a") || "",
      role: params.get("role") || "",
      only: params.get("only") === "1",
      matrix: params.get("view") === "matrix",
    };
  }

  function writeState(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("find", state.q);
    if (state.a) params.set("a", state.a);
    if (state.role) params.set("role", state.role);
    if (state.role && state.only) params.set("only", "1");
    if (state.role && state.matrix) params.set("view", "matrix");
    const search = params.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function formState() {
    return {
      q: fields.find.value.trim(),
      a: fields.a.value,
      role: fields.role.value,
      only: fields.only.checked,
      matrix: form.dataset.view === "matrix",
    };
  }

  function showState(state) {
    fields.find.value = state.q;
    fields.a.value = has(fields.a, state.a) ? state.a : "";
    fields.role.value = has(fields.role, state.role) ? state.role : "";
    fields.only.checked = state.only;
    form.dataset.view = state.matrix ? "matrix" : "";
  }

  function has(select, value) {
    return Array.prototype.some.call(select.options, (option) => option.value === value && value !== "");
  }

  // ---- matching ------------------------------------------------------------------------------------------

  const segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

  function words(query) {
    const text = query.replace(ASKING, " ");
    if (!segmenter) return text.split(/\s+/).filter(Boolean);
    const found = [];
    for (const part of segmenter.segment(text)) {
      if (part.isWordLike) found.push(fold(part.segment));
    }
    return found.filter(Boolean);
  }

  /* How well an activity answers a query: the whole query in its name counts most, then in its description,
     then each word, then each character (so 验收测试 finds 用户验收测试, and 变更审批 finds 变更评估与控制). An
     activity matching under half of the query's characters is left out. */
  function score(activity, query) {
    const text = data.text.get(activity.id);
    const whole = fold(query);
    let points = 0;
    if (text.name.includes(whole)) points += 100;
    else if (text.description.includes(whole)) points += 40;
    for (const word of words(query)) {
      if (text.name.includes(word)) points += 10 * word.length;
      else if (text.description.includes(word)) points += 3 * word.length;
    }
    const characters = Array.from(new Set(fold(query.replace(ASKING, ""))));
    let matched = 0;
    for (const character of characters) {
      if (text.name.includes(character)) { matched += 1; points += 2; }
      else if (text.description.includes(character)) { matched += 1; points += 1; }
    }
    if (points < 40 && matched * 2 < characters.length) return 0;
    return points;
  }

  function matches(query) {
    return data.activities
      .map((activity, index) => ({ activity, index, points: score(activity, query) }))
      .filter((item) => item.points > 0)
      .sort((a, b) => b.points - a.points || a.index - b.index)
      .map((item) => item.activity);
  }

  // ---- what is shown -------------------------------------------------------------------------------------

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  function chip(letter) {
    return element("span", { class: "raci-chip raci-" + letter, "aria-hidden": "true" }, [letter]);
  }

  function memberLink(id, state) {
    const column = data.columnById.get(id);
    const name = column ? column.name : id;
    const header = table.querySelector('thead th[data-member="' + CSS.escape(id) + '"] a');
    const node = header ? element("a", { href: header.getAttribute("href") }, [name]) : element("span", {}, [name]);
    if (id === state.role) {
      node.classList.add("raci-finder__me");
      return element("strong", {}, [node, "（我的岗位）"]);
    }
    return node;
  }

  function joined(nodes) {
    const out = [];
    nodes.forEach((node, index) => { if (index) out.push("、"); out.push(node); });
    return out;
  }

  function card(activity, state) {
    const phase = data.phaseById.get(activity.phase);
    const rows = [];
    for (const meaning of data.letters) {
      const ids = Object.keys(activity.raci).filter((id) => activity.raci[id] === meaning.letter);
      if (!ids.length) continue;
      const who = joined(ids.map((id) => memberLink(id, state)));
      if (meaning.letter === "A") who.push("：" + activity.reason);
      rows.push(element("div", { class: "raci-card__row" }, [
        element("dt", {}, [chip(meaning.letter), " " + meaning.name]),
        element("dd", {}, who),
      ]));
    }
    if (state.role && !activity.raci[state.role] && data.columnById.has(state.role)) {
      rows.push(element("div", { class: "raci-card__row raci-card__absent" }, [
        element("dt", {}, ["我的岗位"]),
        element("dd", {}, [data.columnById.get(state.role).name + "不在这项活动的分工里。"]),
      ]));
    }
    const name = element("a", { href: "#activity-" + activity.id, "data-activity": activity.id }, [activity.name]);
    return element("div", { class: "raci-card" }, [
      element("p", { class: "raci-card__name" }, [element("strong", {}, [name]),
        phase ? element("span", { class: "raci-card__phase" }, [phase.name]) : ""]),
      element("p", { class: "raci-card__description" }, [activity.description]),
      element("dl", { class: "raci-card__letters" }, rows),
    ]);
  }

  function showActivities(state) {
    results.replaceChildren();
    let shown = [];
    if (state.a && data.byId.has(state.a)) {
      shown = [data.byId.get(state.a)];
      count.textContent = "";
    } else if (state.q) {
      const found = matches(state.q);
      shown = found.slice(0, MAX_RESULTS);
      count.textContent = found.length
        ? "“" + state.q + "”：找到 " + found.length + " 项活动" +
          (found.length > shown.length ? "，下面是最相关的 " + shown.length + " 项" : "") + "。"
        : "没有找到与“" + state.q + "”有关的活动：换一个说法，或从列表中选择。";
    } else {
      count.textContent = "";
    }
    for (const activity of shown) results.append(card(activity, state));
  }

  function showRole(state) {
    for (const cell of table.querySelectorAll(".raci-finder-column")) cell.classList.remove("raci-finder-column");
    const role = state.role;
    fields.only.disabled = !role;
    table.classList.toggle("raci-finder-only", Boolean(role && state.only));
    if (role) {
      const selector = 'th[data-member="' + CSS.escape(role) + '"], td[data-role="' + CSS.escape(role) + '"]';
      for (const cell of table.querySelectorAll(selector)) cell.classList.add("raci-finder-column");
    }
    for (const body of table.tBodies) {
      let any = false;
      for (const row of body.rows) {
        if (row.classList.contains("matrix-group")) continue;
        const cell = role ? row.querySelector('td[data-role="' + CSS.escape(role) + '"]') : null;
        const off = Boolean(role && state.only && !(cell && cell.firstElementChild));
        row.classList.toggle("raci-finder-off", off);
        any = any || !off;
      }
      body.classList.toggle("raci-finder-off", !any);
    }
    showMine(state);
  }

  /* A phone's view of one role: its letters, grouped A, R, C, I, each activity a link that opens its card. */
  function showMine(state) {
    mine.replaceChildren();
    const on = Boolean(state.role) && !state.matrix;
    if (block) block.classList.toggle("raci-finder-narrow-hidden", on);
    if (!state.role) return;
    const column = data.columnById.get(state.role);
    const toggle = element("button", { type: "button", class: "tools-button raci-mine__toggle" },
      [on ? "显示完整矩阵" : "只列出我的岗位的字母"]);
    toggle.addEventListener("click", () => {
      form.dataset.view = on ? "matrix" : "";
      update();
    });
    if (!on) {
      mine.append(element("p", { class: "raci-mine__switch" }, [toggle]));
      return;
    }
    const parts = [element("p", { class: "raci-mine__title" },
      [element("strong", {}, ["我的岗位：" + (column ? column.name : state.role)]),
        "，在 RACI 矩阵中的字母（点活动名称看分工和理由）："])];
    let total = 0;
    for (const meaning of data.letters) {
      const list = data.activities.filter((activity) => activity.raci[state.role] === meaning.letter);
      if (!list.length) continue;
      total += list.length;
      parts.push(element("p", { class: "raci-mine__letter" }, [chip(meaning.letter), " ",
        element("strong", {}, [meaning.name + "（" + meaning.name_en + "）"]), "，" + list.length + " 项："]));
      parts.push(element("ul", {}, list.map((activity) => {
        const params = new URLSearchParams({ a: activity.id, role: state.role });
        const phase = data.phaseById.get(activity.phase);
        return element("li", {}, [element("a", { href: "?" + params.toString(), "data-activity": activity.id },
          [activity.name]), phase ? "（" + phase.name + "）" : ""]);
      })));
    }
    if (!total) parts.push(element("p", {}, ["这一方在矩阵中没有字母。"]));
    parts.push(element("p", { class: "raci-mine__switch" }, [toggle]));
    mine.append(element("div", { class: "raci-mine" }, parts));
  }

  function bringColumnIntoView(role) {
    if (!role || !scroller) return;
    const header = table.querySelector('thead th[data-member="' + CSS.escape(role) + '"]');
    const label = table.querySelector("thead th.matrix-corner");
    if (!header || !label) return;
    const left = header.offsetLeft - label.offsetWidth;
    if (left < scroller.scrollLeft || header.offsetLeft + header.offsetWidth > scroller.scrollLeft + scroller.clientWidth) {
      scroller.scrollLeft = Math.max(0, left - header.offsetWidth);
    }
  }

  function render(state) {
    showActivities(state);
    showRole(state);
  }

  function update() {
    const state = formState();
    writeState(state);
    return load().then(() => render(state), unavailable);
  }

  function unavailable() {
    count.textContent = "暂时读不到 RACI 数据，请刷新页面再试；下面的矩阵不受影响。";
  }

  // ---- wiring --------------------------------------------------------------------------------------------

  fields.find.addEventListener("input", () => {
    fields.a.value = "";
    update();
  });
  fields.a.addEventListener("change", () => {
    if (fields.a.value) fields.find.value = "";
    update();
  });
  fields.role.addEventListener("change", () => {
    form.dataset.view = "";
    update().then(() => bringColumnIntoView(fields.role.value));
  });
  fields.only.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // An activity in a card or in the role's list: its link opens the row in the matrix (shown for it) or, in
  // the role's list, the activity's card.
  form.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-activity]");
    if (!link) return;
    if (link.closest(".raci-mine")) {
      event.preventDefault();
      fields.find.value = "";
      fields.a.value = link.dataset.activity;
      update().then(() => {
        const shown = results.querySelector("a[data-activity]");
        if (shown) { shown.focus(); shown.scrollIntoView({ block: "center" }); }
      });
    } else if (block && block.classList.contains("raci-finder-narrow-hidden")) {
      form.dataset.view = "matrix";
      update();
    }
  });
  // The same link, opened: the same view. The page's own anchors (#activity-…) are kept.
  form.hidden = false;
  const initial = readState();
  showState(initial);
  if (initial.q || initial.a || initial.role) {
    load().then(() => {
      render(formState());
      bringColumnIntoView(fields.role.value);
    }, unavailable);
  }
  fields.find.addEventListener("focus", () => load().catch(() => {}), { once: true });
})();
