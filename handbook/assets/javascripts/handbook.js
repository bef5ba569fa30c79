// Small behaviours on top of Material. Loaded on every page; re-run on instant navigation.

// The canonical address of this page (site_url), so that what HR copies is the published handbook's
// address even from a local preview.
function canonicalBase() {
  const canonical = document.querySelector('link[rel="canonical"]');
  return canonical ? canonical.href : location.href.split("#")[0];
}

// "复制链接" after every heading copies the section's canonical address (the page's own for the title),
// says "已复制" for a moment (also to screen readers, through a live region), and still moves to the
// section as a plain link does.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.headerlink");
  if (!link) return;
  const heading = link.parentElement;
  const url = heading && heading.tagName === "H1"
    ? canonicalBase()
    : new URL(link.getAttribute("href"), canonicalBase()).href;
  if (heading && heading.tagName === "H1") event.preventDefault();
  if (!navigator.clipboard) return;
  navigator.clipboard.writeText(url).then(() => copied(link), () => {});
});

function copied(link) {
  link.dataset.copied = "";
  link.textContent = "已复制";
  announce("已复制本节链接：" + link.dataset.url);
  clearTimeout(link.copiedTimer);
  link.copiedTimer = setTimeout(() => {
    delete link.dataset.copied;
    link.textContent = "复制链接";
  }, 2000);
}

// One element of the page's body, made the first time it is asked for.
function bodyElement(id, className, attributes) {
  let element = document.getElementById(id);
  if (!element) {
    element = document.createElement("div");
    element.id = id;
    element.className = className;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.body.append(element);
  }
  return element;
}

// A live region is announced reliably only if it exists before its text changes: made with the page.
function announcer() {
  return bodyElement("handbook-announce", "md-visually-hidden", { "aria-live": "polite" });
}

function announce(text) {
  announcer().textContent = text;
}

// Each copy link is named after its section (the visible "复制链接" comes first, WCAG 2.5.3) and knows the
// address it copies.
function nameCopyLinks() {
  const base = canonicalBase();
  for (const link of document.querySelectorAll("article a.headerlink")) {
    const heading = link.parentElement;
    const title = Array.from(heading.childNodes)
      .filter((node) => node !== link).map((node) => node.textContent).join("").trim();
    link.setAttribute("aria-label", "复制链接：" + title);
    link.dataset.url = heading.tagName === "H1" ? base : new URL(link.getAttribute("href"), base).href;
    if (heading.tagName === "H1") link.setAttribute("href", "");
  }
}

// Explanations of matrix letters: one tooltip element, placed next to the letter and kept inside the
// viewport (a CSS tooltip overflows the screen's edge on a phone and widens the table's scroll area). It
// opens on hover, on keyboard focus and on a tap, and closes on Escape.
function tooltip() {
  return bodyElement("handbook-tip", "handbook-tip", { role: "tooltip", hidden: "" });
}

function showTip(button) {
  const tip = tooltip();
  tip.textContent = button.dataset.tip;
  tip.hidden = false;
  button.setAttribute("aria-describedby", tip.id);
  const margin = 8;
  const box = button.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const height = window.innerHeight;
  tip.style.maxWidth = Math.min(320, width - 2 * margin) + "px";
  const own = tip.getBoundingClientRect();
  let left = box.left + box.width / 2 - own.width / 2;
  left = Math.max(margin, Math.min(left, width - own.width - margin));
  let top = box.top - own.height - 6;
  if (top < margin) top = Math.min(box.bottom + 6, height - own.height - margin);
  tip.style.left = left + "px";
  tip.style.top = Math.max(margin, top) + "px";
  tip.owner = button;
}

function hideTip(button) {
  const tip = document.getElementById("handbook-tip");
  if (!tip || (button && tip.owner !== button)) return;
  tip.hidden = true;
  if (tip.owner) tip.owner.removeAttribute("aria-describedby");
  tip.owner = null;
}

const TIP = ".matrix-tip[data-tip]";
document.addEventListener("mouseover", (event) => {
  const button = event.target.closest && event.target.closest(TIP);
  if (button) showTip(button);
});
document.addEventListener("mouseout", (event) => {
  const button = event.target.closest && event.target.closest(TIP);
  if (button && !button.contains(event.relatedTarget) && document.activeElement !== button) hideTip(button);
});
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches(TIP)) showTip(event.target);
});
document.addEventListener("focusout", (event) => {
  if (event.target.matches && event.target.matches(TIP)) hideTip(event.target);
});
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest(TIP);
  if (button) showTip(button);
  else hideTip();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideTip();
});
// The tip is placed once; a scroll of the page or of a matrix frame would leave it behind.
document.addEventListener("scroll", () => hideTip(), { capture: true, passive: true });

// Repairs and additions to each page, run on every page Material's document$ announces (the first one
// too); each of them can run twice.

// 1. A nav section is labelled by an element that Material leaves out or leaves empty when the section has
//    only its index page ("岗位"): every such navigation landmark is then nameless and not unique (axe:
//    landmark-unique). Name it after its own title instead.
function nameNavigationLandmarks() {
  for (const nav of document.querySelectorAll("nav.md-nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"));
    const title = nav.querySelector(":scope > .md-nav__title");
    if ((!label || !label.textContent.trim()) && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  }
}

// 2. A wide table that scrolls sideways must be reachable by keyboard (axe:
//    scrollable-region-focusable): its frame takes focus while, and only while, it actually overflows.
function focusableFrame(frame, overflows) {
  if (overflows) {
    frame.tabIndex = 0;
    frame.setAttribute("role", "region");
    const caption = frame.querySelector("caption, th");
    frame.setAttribute("aria-label", frame.dataset.label || (caption ? caption.textContent.trim() : "表格"));
  } else if (frame.hasAttribute("tabindex")) {
    frame.removeAttribute("tabindex");
    frame.removeAttribute("role");
    frame.removeAttribute("aria-label");
  }
}

// 2b. Landmarks of one kind must have distinct names (axe: landmark-unique), yet names come from content: two
//     tables whose first header is "岗位数", a heading of the page's table of contents named like a tab of
//     the site ("职业发展"). A repeated name gets what tells it apart: "目录" for the table of contents, the
//     section heading above a table, and a number when even that repeats.
function uniqueLandmarkNames() {
  const used = new Set();
  for (const landmark of document.querySelectorAll("nav[aria-label], [role=region][aria-label]")) {
    const kind = landmark.matches("nav") ? "nav" : "region";
    let name = landmark.getAttribute("aria-label");
    if (used.has(kind + name)) {
      if (kind === "nav" && landmark.closest(".md-nav--secondary")) {
        name = "目录：" + name;
      } else if (kind === "region") {
        let heading = landmark.closest(".md-typeset > *") || landmark;
        while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
        if (heading) name = heading.textContent.replace("复制链接", "").trim() + "：" + name;
      }
      for (let n = 2; used.has(kind + name); n++) name = name.replace(/（\d+）$/, "") + "（" + n + "）";
      landmark.setAttribute("aria-label", name);
    }
    used.add(kind + name);
  }
}

// 3. Print: links in running text carry their published address (data-print-url, shown by the print
//    styles), resolved against the canonical URL so that a sheet printed from a local preview still points at
//    the real handbook (the sheet's own address is written under its title by overrides/main.html). A role
//    sheet leaves its questions to the web page and says how many there are.
function printAddresses() {
  const canonical = document.querySelector('link[rel="canonical"]');
  const article = document.querySelector("article.md-content__inner");
  if (!canonical || !article) return;
  const base = canonical.href;
  const faq = article.querySelector("h2#faq");
  if (faq) {
    let count = 0;
    for (let node = faq.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      count += node.tagName === "H3" ? 1 : node.querySelectorAll("h3").length;  // a folded question holds its h3
    }
    faq.dataset.count = String(count);
    faq.dataset.printUrl = new URL("#faq", base).href;
  }
  for (const link of article.querySelectorAll("a[href]:not(.headerlink)")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#")) continue;
    try {
      link.dataset.printUrl = new URL(href, base).href;
    } catch (error) {
      // Not a URL: nothing to show.
    }
  }
}

// 5. Wide tables and matrices on a phone. A frame that scrolls sideways says so: the line above it ("共 N 列，
//    左右滑动查看全部") shows, and a shadow at each edge that has more behind it.
function frameEdges(frame, more = frame.scrollWidth - frame.clientWidth, left = frame.scrollLeft) {
  const holder = frame.closest(".scroll-edges");
  if (!holder) return;
  holder.dataset.left = String(more > 1 && left > 1);
  holder.dataset.right = String(more > 1 && left < more - 1);
  holder.dataset.overflow = String(more > 1);
}

const watchedFrames = new WeakSet();
function markScrollFrames() {
  // Every frame comes in its holder, with its skip link where it has many tab stops: the matrices'
  // (macros/site/templates/scroll-frame.html.j2) and Markdown tables' (macros/site/tables.py).
  for (const frame of document.querySelectorAll("article .md-typeset__scrollwrap, article .matrix-scroll")) {
    if (watchedFrames.has(frame)) continue;
    watchedFrames.add(frame);
    frame.addEventListener("scroll", () => frameEdges(frame), { passive: true });
    frameSizes.observe(frame);
  }
}

// Each frame is measured when its size is known and whenever it changes (a rotated phone, a resized
// window): a ResizeObserver reports after layout, so measuring forces no layout of its own.
const frameSizes = new ResizeObserver((entries) => {
  for (const { target: frame } of entries) {
    const more = frame.scrollWidth - frame.clientWidth;
    frameEdges(frame, more, frame.scrollLeft);
    if (frame.matches(".md-typeset__scrollwrap")) focusableFrame(frame, more > 1);
  }
  uniqueLandmarkNames();
});

// The phone menu opens at the site's sections with the reader's own marked, rather than inside the current
// section (on a role page that showed a lone "岗位"). Material opens the active section by checking its toggle;
// below 76.25em, where the menu is a drawer and the tabs are hidden, it starts unchecked instead.
function openMenuAtSections() {
  const top = document.querySelector(".md-nav--primary > .md-nav__list > .md-nav__item--active");
  if (!top) return;
  const link = top.querySelector(":scope > .md-nav__link, :scope > .md-nav__container > a.md-nav__link");
  if (link) link.setAttribute("aria-current", link.matches("a[href]") && top.matches(":not(.md-nav__item--nested)")
    ? "page" : "location");
  const toggle = top.querySelector(":scope > input.md-nav__toggle");
  if (!toggle || !matchMedia("(max-width: 76.2344em)").matches) return;
  toggle.checked = false;
  const section = top.querySelector(":scope > nav.md-nav");
  if (section) section.setAttribute("aria-expanded", "false");
}

// 6. Long parts of a page fold (<details class="fold">): a link to an anchor inside one, from this page or
//    another, opens every fold that holds the target, so the reader lands on what the link points at.
function openFoldsAround(hash) {
  let id = hash.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch (error) {
    // Not percent-encoded text: use it as it is.
  }
  const target = id && document.getElementById(id);
  let opened = false;
  for (let fold = target && target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
    if (!fold.open) opened = fold.open = true;
  }
  // A heading whose section folds under it (.fold-head: a question) opens its fold as well.
  const own = target && target.matches(".fold-head > :is(h2, h3, h4)") && target.nextElementSibling;
  if (own && own.matches("details.fold") && !own.open) own.open = true;
  return opened && target;
}

// A tap on a folding heading (not on its copy link) opens or closes its fold, as its chevron does.
document.addEventListener("click", (event) => {
  const heading = event.target.closest && event.target.closest(".fold-head > :is(h2, h3, h4)");
  const fold = heading && heading.nextElementSibling;
  if (!fold || !fold.matches("details.fold") || event.target.closest("a")) return;
  fold.open = !fold.open;
});

// Opened only now, the target was hidden when the browser scrolled to it: scroll again.
function openFoldsForHash() {
  const target = openFoldsAround(location.hash);
  if (target) target.scrollIntoView();
}

// A link to an anchor on this page opens the folds before the browser scrolls to it.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#"]');
  if (link && link.hash) openFoldsAround(link.hash);
});
window.addEventListener("hashchange", openFoldsForHash);

function repairPage() {
  openMenuAtSections();
  nameNavigationLandmarks();
  uniqueLandmarkNames();
  printAddresses();
  nameCopyLinks();
  announcer();
  openFoldsForHash();
}

// Material wraps wide tables when its components mount, on document$, which also announces the first page
// (this script is deferred, after Material's): the frames are looked at after that.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => {
    repairPage();
    setTimeout(markScrollFrames);
  });
} else {
  repairPage();
  window.addEventListener("load", markScrollFrames);
}
window.addEventListener("resize", () => hideTip(), { passive: true });
