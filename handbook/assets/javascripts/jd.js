// A role page's job postings (#jd, macros/site/jd.py): without this script every level's text is on the page,
// folded. With it, a level picker keeps one level in view and "复制 JD" copies that level's text exactly as
// shown (it ends with the address of the section). Nothing is stored or sent.
(function () {
  const section = document.querySelector("[data-jd]");
  if (!section) return;
  const controls = section.querySelector("[data-jd-controls]");
  const picker = section.querySelector("[data-jd-level]");
  const button = section.querySelector("[data-jd-copy]");
  const status = section.querySelector("[data-jd-status]");
  const panels = Array.from(section.querySelectorAll("[data-jd-panel]"));
  if (!controls || !picker || !button || !panels.length) return;

  function panel() {
    return panels.find((item) => item.dataset.jdPanel === picker.value) || panels[0];
  }

  function show() {
    const chosen = panel();
    for (const item of panels) item.hidden = item !== chosen;
    status.textContent = "";
  }

  // The address names the chosen level (#jd-<level>), so a link opens the same posting.
  function fromAddress() {
    const named = panels.find((item) => "#" + item.id === location.hash);
    if (named) picker.value = named.dataset.jdPanel;
  }

  function toAddress() {
    const hash = "#" + panel().id;
    if (location.hash !== hash) history.replaceState(history.state, "", hash);
  }

  // The text of the chosen level; selecting it is the fallback where the clipboard cannot be written
  // (a page opened from a file, an old browser): the reader then presses Ctrl+C.
  function selectText(text) {
    const chosen = panel();
    chosen.open = true;
    const range = document.createRange();
    range.selectNodeContents(text);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  button.addEventListener("click", () => {
    const text = panel().querySelector("[data-jd-text]");
    const name = picker.options[picker.selectedIndex].textContent;
    const done = () => { status.textContent = "已复制" + name + "的招聘文案"; };
    const manual = () => {
      selectText(text);
      status.textContent = "浏览器不允许直接复制：全文已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.textContent).then(done, manual);
    } else {
      manual();
    }
  });

  picker.addEventListener("change", () => { show(); toAddress(); });
  window.addEventListener("hashchange", () => { fromAddress(); show(); });
  controls.hidden = false;
  fromAddress();
  show();
})();
