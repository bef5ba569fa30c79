// `mkdocs serve` only (overrides/partials/preview.html; draft_docs in mkdocs.yml keeps it out of a build).
// While the last save left problems, the top of the page lists them, each as the terminal prints it (file,
// line, column, field and what to do), above the last good version of the page. The server writes them into
// the site it serves on every rebuild (macros/site/preview.py) and reloads the open pages after every save,
// so asking once per page load is enough.
(() => {
  const script = document.currentScript;
  const banner = document.getElementById("handbook-preview");
  if (!script || !banner) return;

  fetch(script.dataset.problems, { cache: "no-store" })
    .then((response) => (response.ok ? response.json() : { problems: [] }))
    .then((answer) => {
      const problems = Array.isArray(answer.problems) ? answer.problems : [];
      if (problems.length) show(problems);
    })
    .catch(() => {});  // the server is restarting: the next load asks again

  function show(problems) {
    const section = banner.content.firstElementChild.cloneNode(true);
    section.querySelector("[data-count]").textContent = String(problems.length);
    const list = section.querySelector("ol");
    const item = list.querySelector("template");
    for (const problem of problems) list.append(line(item.content.firstElementChild.cloneNode(true), problem));
    item.remove();
    const main = document.querySelector(".md-main");
    if (main) main.before(section); else document.body.prepend(section);
    // Seen at once, also by keyboard and screen reader users (role="alert" announces it too); Tab goes on into
    // the page as usual.
    window.scrollTo(0, 0);
    section.focus({ preventScroll: true });
  }

  // The line the terminal prints, its file:line:column set apart; text only (never markup): a message quotes
  // what the maintainer wrote.
  function line(item, problem) {
    const text = String(problem.text || problem.message || "");
    const where = [problem.file, problem.line, problem.column].filter((part) => part).join(":");
    const marked = where !== "" && text.startsWith(where);
    if (marked) item.querySelector("[data-where]").textContent = where;
    else item.querySelector("[data-where]").remove();
    item.querySelector("[data-rest]").textContent = marked ? text.slice(where.length) : text;
    return item;
  }
})();
