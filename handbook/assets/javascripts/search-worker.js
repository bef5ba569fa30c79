/* The handbook's search worker, named by the theme's settings (overrides/main.html, block config) in place of
 * Material's lunr worker. It answers Material's search box in Material's worker messages (SETUP -> READY,
 * QUERY -> RESULT; tests/test_theme_contract.py checks that Material's bundle still speaks them) from the bigram
 * index that macros/site/search_index.py writes. Nothing of the index is fetched until the first query: then
 * search.js, which reads search/index.json and the term and text files a query needs.
 *
 * Its address says where the search box is: ?from=<the page's site path>, so the maintainers' pages answer from
 * there (search.js, skippedPages). The site's root is two folders up from this file. */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var base = new URL("../../", self.location.href).href;
  var engine = new URL("assets/javascripts/search.js", base).href;
  var from = new URL(self.location.href).searchParams.get("from") || "";
  var api = null, latest = 0;

  function answer(id, data) {
    if (id === latest) self.postMessage({ type: RESULT, data: data });
  }

  self.onmessage = function (event) {
    var message = event.data;
    if (message.type === SETUP) return self.postMessage({ type: READY });
    if (message.type !== QUERY) return;
    var id = ++latest;
    if (!message.data.trim()) return answer(id, { items: [], total: 0 });
    if (!api) {
      self.importScripts(engine);
      api = self.handbookSearch;
      api.setBase(base);
    }
    api.search(message.data, from).then(function (result) { answer(id, result); },
      function () { answer(id, { items: [], total: 0 }); });
  };
})();
