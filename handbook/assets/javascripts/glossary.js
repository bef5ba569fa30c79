// Glossary terms on touch screens. The build marks every term up as <abbr title="…" data-term="id">
// (macros/site/tooltips.py); a mouse shows the title on hover, but a finger cannot hover. A tap (or click) on
// a term opens a small panel with the term, its meaning and a link to the glossary; a second tap on the same
// term, a tap elsewhere or Escape closes it. One listener on the document: it survives instant navigation.
(() => {
  let open = null; // {term, panel} while a panel is shown

  function glossaryUrl(id) {
    const config = document.getElementById("__config");
    let base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      // No theme configuration: links resolve against the page itself.
    }
    return new URL(`${base}/glossary/#term-${id}`, location.href).href;
  }

  function close() {
    if (!open) return;
    open.term.removeAttribute("aria-describedby");
    open.term.classList.remove("term--open");
    open.panel.remove();
    open = null;
  }

  function show(term) {
    const panel = document.createElement("div");
    panel.className = "term-panel";
    panel.id = "term-panel";
    panel.setAttribute("role", "tooltip");
    const name = document.createElement("strong");
    name.textContent = term.textContent;
    const meaning = document.createElement("span");
    meaning.className = "term-panel__meaning";
    meaning.textContent = term.getAttribute("title") || "";
    const more = document.createElement("a");
    more.href = glossaryUrl(term.dataset.term);
    more.textContent = "在术语表中查看";
    panel.append(name, meaning, more);
    document.body.append(panel);
    // Below the term (above it when the screen ends first), kept inside the viewport horizontally.
    const box = term.getBoundingClientRect();
    const width = panel.offsetWidth;
    const height = panel.offsetHeight;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const below = box.bottom + 6 + height <= window.innerHeight || box.top - 6 - height < 0;
    panel.style.left = `${left + window.scrollX}px`;
    panel.style.top = `${(below ? box.bottom + 6 : box.top - 6 - height) + window.scrollY}px`;
    term.setAttribute("aria-describedby", panel.id);
    term.classList.add("term--open");
    open = { term, panel };
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (open && target && open.panel.contains(target)) return; // the panel's own link
    const term = target && target.closest("abbr[data-term]");
    const again = open && term === open.term;
    close();
    if (term && !again) show(term);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  window.addEventListener("resize", close, { passive: true });
})();
