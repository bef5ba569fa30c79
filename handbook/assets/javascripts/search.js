/* The handbook's search engine, run inside Material's search worker (see overrides/partials/search-loader.html).
 *
 * Material's search box, keyboard, result list and highlighting stay; this file answers its queries
 * (Material's worker messages: QUERY in, RESULT out) from the bigram index that macros/site/search_index.py writes
 * into search/. The query is cut by the same rule as the index: overlapping pairs of Chinese characters, a
 * lone character alone, Latin words in lower case. Only the files a query needs are fetched: index.json once,
 * one term file per term, then the sections of the first pages listed.
 */
"use strict";

(function (scope) {
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("[" + HAN + "]+|[a-z0-9]+", "g");
  var HAN_RUN = new RegExp("^[" + HAN + "]");
  var TITLE_FLAG = 16;
  var MAX_PAGES = 10;       // pages listed (Material shows ten before it loads more on scrolling)
  var CHECKED_PAGES = 10;   // pages whose text is read to rank phrases and write snippets
  var HEAD_WEIGHT = 2;      // a match in a page's opening section, against one further down
  var TITLE_WEIGHT = 1;     // a term in a section's title, against a term in its text (at most 1)
  var NEXT_SECTIONS = 12;   // a page scores its best section and, at NEXT_WEIGHT, its next best ones
  var NEXT_WEIGHT = 0.5;
  var SHOWN_SECTIONS = 5;   // sections of a page read for its snippets (the best-scoring ones)
  var SNIPPET = 110;        // characters of a snippet
  var LEAD = 24;            // characters shown before the first match
  var LEADING_PUNCTUATION = /^[\s，。、；：？！）」』》〉】,.;:?!)\]·…—–-]+/;

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  /* The query's words (split at spaces) and, for each, its terms: the same rule as macros/site/search_index.py. */
  function tokens(text) {
    var out = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(normalise(text)))) {
      var run = match[0];
      if (!HAN_RUN.test(run) || run.length === 1) out.push(run);
      else for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
    return out;
  }

  function termHash(term) {
    var value = 0;
    for (var i = 0; i < term.length; i++) value = (Math.imul(value, 31) + term.charCodeAt(i)) >>> 0;
    return value;
  }

  /* The runs of the query a reader would call words: Chinese runs and Latin words. */
  function phrases(query) {
    var out = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(normalise(query)))) if (out.indexOf(match[0]) < 0) out.push(match[0]);
    return out;
  }

  var base = null;  // the site's address, given by the worker that loads this file (setBase)
  var meta = null;
  var files = {};

  function fetchJSON(path) {
    if (!files[path]) {
      var url = new URL(path, base);
      if (meta) url.searchParams.set("v", meta.version);
      files[path] = fetch(url.href, meta ? {} : { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return files[path];
  }

  function setBase(url) {
    base = new URL(url);
  }

  function loadMeta() {
    return fetchJSON("search/index.json").then(function (data) {
      meta = data;
      meta.firstSection = data.pages.map(function (page) { return page[2]; });
      return meta;
    });
  }

  /* The last index of a sorted list of first numbers whose number is at most value. */
  function findStart(starts, value) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= value) low = mid; else high = mid - 1;
    }
    return low;
  }

  function pageOf(section) {
    return findStart(meta.firstSection, section);
  }

  /* The page's head section and its best sections, fetched from the text files holding them. */
  function loadSections(row) {
    var first = meta.firstSection[row.page];
    var wanted = [0].concat(Object.keys(row.sections).map(Number).sort(function (a, b) {
      return row.sections[b] - row.sections[a];
    }).slice(0, SHOWN_SECTIONS));
    var fileOf = {};
    wanted.forEach(function (offset) { fileOf[offset] = findStart(meta.texts, first + offset); });
    var numbers = Object.keys(fileOf).map(function (k) { return fileOf[k]; })
      .filter(function (n, i, all) { return all.indexOf(n) === i; });
    return Promise.all(numbers.map(function (n) { return fetchJSON("search/texts/" + n + ".json"); }))
      .then(function (files) {
        var loaded = {};
        wanted.forEach(function (offset) {
          var n = fileOf[offset];
          var section = files[numbers.indexOf(n)][first + offset - meta.texts[n]];
          if (section) loaded[offset] = section;
        });
        return loaded;
      });
  }

  /* The longest pieces (two characters or more, or whole Latin words) of each query phrase found in text. */
  function matchedPieces(queryPhrases, text) {
    var haystack = normalise(text);
    var pieces = [];
    queryPhrases.forEach(function (phrase) {
      if (!HAN_RUN.test(phrase) || phrase.length < 3) {
        if (haystack.indexOf(phrase) >= 0) pieces.push(phrase);
        return;
      }
      var covered = new Array(phrase.length).fill(false);
      for (var size = phrase.length; size >= 2; size--) {
        for (var start = 0; start + size <= phrase.length; start++) {
          if (covered[start] && covered[start + size - 1]) continue;
          var piece = phrase.slice(start, start + size);
          if (haystack.indexOf(piece) >= 0) {
            pieces.push(piece);
            for (var i = start; i < start + size; i++) covered[i] = true;
          }
        }
      }
    });
    return pieces;
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Marks around every piece, longest first (case-insensitive for Latin words). */
  function mark(text, pieces) {
    if (!pieces.length) return escapeHTML(text);
    var sorted = pieces.slice().sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp(sorted.map(escapeRegExp).join("|"), "gi");
    var out = "", last = 0, match;
    var normalised = normalise(text);
    // Normalising keeps the handbook's text the same length (it is already half-width and NFKC).
    var source = normalised.length === text.length ? normalised : text;
    while ((match = pattern.exec(source))) {
      out += escapeHTML(text.slice(last, match.index)) + "<mark>" + escapeHTML(text.slice(match.index, match.index + match[0].length)) + "</mark>";
      last = match.index + match[0].length;
      if (!match[0].length) pattern.lastIndex++;
    }
    return out + escapeHTML(text.slice(last));
  }

  /* A window of text around its first match, starting at a sentence or clause, without leading punctuation. */
  function snippet(text, pieces) {
    var haystack = normalise(text);
    var first = -1;
    pieces.forEach(function (piece) {
      var at = haystack.indexOf(piece);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = 0;
    if (first > LEAD) {
      start = first - LEAD;
      var clause = text.slice(start, first).search(/[。；！？，、：][^。；！？，、：]*$/);
      if (clause >= 0) start += clause + 1;
    }
    var window = text.slice(start, start + SNIPPET).replace(LEADING_PUNCTUATION, "");
    var cut = start + SNIPPET < text.length;
    return (start > 0 ? "…" : "") + mark(window, pieces) + (cut ? "…" : "");
  }

  function score(queryTerms, queryPhrases) {
    var unique = queryTerms.filter(function (term, i) { return queryTerms.indexOf(term) === i; });
    var paths = unique.map(function (term) {
      return "search/terms/" + (termHash(term) % meta.termFiles) + ".json";
    });
    return Promise.all(paths.map(fetchJSON)).then(function (buckets) {
      var total = meta.sections;
      var weightOf = {}, sumIdf = 0;
      var sections = {};
      unique.forEach(function (term, i) {
        var postings = buckets[i][term] || [0];
        var df = postings[0];
        var idf = Math.log(1 + total / Math.max(1, df));
        sumIdf += idf;
        weightOf[term] = idf;
        var section = 0;
        for (var j = 1; j < postings.length; j += 2) {
          section += postings[j];
          var weight = postings[j + 1];
          var count = weight % TITLE_FLAG;
          var inTitle = weight >= TITLE_FLAG ? 1 : 0;
          var entry = sections[section] || (sections[section] = { score: 0, covered: 0 });
          entry.score += idf * (count / (count + 1.2) + TITLE_WEIGHT * inTitle);
          entry.covered += idf;
        }
      });
      var pages = {};
      Object.keys(sections).forEach(function (key) {
        var entry = sections[key];
        var coverage = entry.covered / sumIdf;
        var page = pageOf(+key);
        // A page's opening section says what the page is about (a role's summary and aliases).
        var value = entry.score * coverage * coverage * (+key === meta.firstSection[page] ? HEAD_WEIGHT : 1);
        var row = pages[page] || (pages[page] = { page: page, score: 0, sections: {} });
        row.sections[key - meta.firstSection[page]] = value;
      });
      // A page counts its best section and, less, the next few: a page of hundreds of short sections
      // (the FAQ of a large handbook) does not outrank the page about the query.
      return Object.keys(pages).map(function (key) {
        var row = pages[key];
        var values = Object.keys(row.sections).map(function (k) { return row.sections[k]; })
          .sort(function (a, b) { return b - a; });
        var next = values.slice(1, 1 + NEXT_SECTIONS).reduce(function (sum, v) { return sum + v; }, 0);
        // Ties go to the page with more matching sections.
        row.score = values[0] + NEXT_WEIGHT * next + 1e-6 * values.length;
        // A page whose title holds a whole query phrase ranks first, the closer the title is to the phrase
        // the higher (项目经理 before 支付项目经理).
        var title = normalise(meta.pages[row.page][1]);
        queryPhrases.forEach(function (phrase) {
          if (phrase.length >= 2 && title.indexOf(phrase) >= 0) row.score *= 1 + 2 * phrase.length / title.length;
        });
        return row;
      }).sort(function (a, b) { return b.score - a.score; });
    });
  }

  function search(query) {
    var queryTerms = tokens(query);
    if (!queryTerms.length) return Promise.resolve({ items: [], total: 0 });
    var queryPhrases = phrases(query);
    var words = query.trim().split(/\s+/);
    return (meta ? Promise.resolve(meta) : loadMeta()).then(function () {
      return score(queryTerms, queryPhrases);
    }).then(function (ranked) {
      var top = ranked.slice(0, CHECKED_PAGES);
      return Promise.all(top.map(loadSections))
        .then(function (texts) {
          top.forEach(function (row, i) {
            row.text = texts[i];
            // A page whose text holds a whole query phrase unbroken ranks above one with its pieces apart.
            var title = normalise(meta.pages[row.page][1]);
            var body = normalise(Object.keys(texts[i]).map(function (k) {
              return texts[i][k][1] + " " + texts[i][k][2];
            }).join(" "));
            queryPhrases.forEach(function (phrase) {
              if (phrase.length >= 2 && title.indexOf(phrase) < 0 && body.indexOf(phrase) >= 0) row.score *= 1.3;
            });
          });
          top.sort(function (a, b) { return b.score - a.score; });
          var items = top.slice(0, MAX_PAGES).map(function (row) { return render(row, queryPhrases, words); });
          return { items: items.filter(Boolean), total: ranked.length };
        });
    });
  }

  function render(row, queryPhrases, words) {
    var url = meta.pages[row.page][0];
    var loaded = row.text;
    var offsets = Object.keys(loaded).map(Number);
    var all = offsets.map(function (k) { return loaded[k][1] + " " + loaded[k][2]; }).join(" ");
    // The pieces of the query in what was fetched; for a match further into a very long section than its
    // stored start, the query's own phrases (the index found them there).
    var pagePieces = matchedPieces(queryPhrases, meta.pages[row.page][1] + " " + all);
    if (!pagePieces.length) pagePieces = queryPhrases.slice();
    var terms = {};
    pagePieces.forEach(function (piece) { terms[piece] = true; });
    // A word of the query found nowhere in what is shown is noted as missing (Material's "缺少"); a word
    // found in part is not missing.
    words.forEach(function (word) {
      var normalised = normalise(word);
      var found = pagePieces.some(function (piece) {
        return normalised.indexOf(piece) >= 0 || piece.indexOf(normalised) >= 0;
      });
      if (!found && tokens(word).length) terms[word] = false;
    });
    var head = loaded[0] && !loaded[0][0] ? loaded[0] : ["", meta.pages[row.page][1], ""];
    var headPieces = matchedPieces(queryPhrases, head[1] + " " + head[2]);
    var items = [{
      location: url,
      title: mark(head[1], headPieces),
      text: headPieces.length && head[2] ? "<p>" + snippet(head[2], headPieces) + "</p>" : "",
      score: row.score,
      terms: terms
    }];
    offsets.sort(function (a, b) { return (row.sections[b] || 0) - (row.sections[a] || 0); });
    offsets.forEach(function (offset) {
      var section = loaded[offset];
      if (!section[0] || !(offset in row.sections)) return;
      var pieces = matchedPieces(queryPhrases, section[1] + " " + section[2]);
      if (!pieces.length) pieces = pagePieces;
      var sectionTerms = {};
      pieces.forEach(function (piece) { sectionTerms[piece] = true; });
      items.push({
        location: url + "#" + section[0],
        title: mark(section[1], pieces),
        text: section[2] ? "<p>" + snippet(section[2], pieces) + "</p>" : "",
        // The best section is shown open under the page (Material folds sections scoring below the first).
        score: items.length === 1 ? row.score : row.sections[offset],
        terms: sectionTerms
      });
    });
    return items;
  }

  var api = { tokens: tokens, phrases: phrases, termHash: termHash, search: search, setBase: setBase,
              snippet: snippet, matchedPieces: matchedPieces };
  scope.handbookSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : globalThis);
