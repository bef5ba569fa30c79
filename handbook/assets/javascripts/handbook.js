// Small behaviours on top of Material. Loaded on every page; re-run on instant navigation.

// A permalink click also copies the section's full URL, so HR can paste it into a job posting.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.headerlink");
  if (!link || !navigator.clipboard) return;
  const url = new URL(link.getAttribute("href"), location.href).href;
  navigator.clipboard.writeText(url).catch(() => {});
});

// Repairs and additions to each page. They run at once (this script is the last one of the page, so the
// page is parsed but Material has not mounted its components yet) and again on every page Material's
// document$ announces; each of them can run twice.

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
function focusableScrollFrames() {
  for (const frame of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (frame.scrollWidth > frame.clientWidth + 1) {
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
}

// 3. Print: the sheet names its own published address under the title, and links in running text carry
//    their published address (data-print-url, shown by the print styles), resolved against the canonical
//    URL so that a sheet printed from a local preview still points at the real handbook. A role sheet leaves
//    its questions to the web page and says how many there are.
function printAddresses() {
  const canonical = document.querySelector('link[rel="canonical"]');
  const article = document.querySelector("article.md-content__inner");
  if (!canonical || !article) return;
  const base = canonical.href;
  const title = article.querySelector("h1");
  if (title && !article.querySelector(".print-url")) {
    const line = document.createElement("p");
    line.className = "print-only print-url";
    line.textContent = "本页网址：" + base;
    const subtitle = title.nextElementSibling;
    (subtitle && subtitle.matches(".role-subtitle") ? subtitle : title).after(line);
  }
  const faq = article.querySelector("h2#faq");
  if (faq) {
    let count = 0;
    for (let node = faq.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (node.tagName === "H3") count += 1;
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

function repairPage() {
  nameNavigationLandmarks();
  printAddresses();
}

repairPage();
// Material wraps wide tables when its components mount, on document$: look at the frames after that.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => {
    repairPage();
    setTimeout(focusableScrollFrames);
  });
} else {
  window.addEventListener("load", focusableScrollFrames);
}
window.addEventListener("resize", focusableScrollFrames, { passive: true });
