// Small behaviours on top of Material. Loaded on every page; re-run on instant navigation.

// A permalink click also copies the section's full URL, so HR can paste it into a job posting.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.headerlink");
  if (!link || !navigator.clipboard) return;
  const url = new URL(link.getAttribute("href"), location.href).href;
  navigator.clipboard.writeText(url).catch(() => {});
});
