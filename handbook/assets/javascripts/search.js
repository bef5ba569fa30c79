/* The handbook's search engine, run inside the handbook's search worker (assets/javascripts/search-worker.js).
 *
 * Material's search box, keyboard, result list and highlighting stay; this file answers its queries
 * (Material's worker messages: QUERY in, RESULT out) from the bigram index that macros/site/search_index.py writes
 * into search/. The query is cut by the same rule as the index: overlapping pairs of Chinese characters, a
 * lone character alone, Latin words in lower case. Only the files a query needs are fetched: index.json once,
 * one term file per term, then the sections of the first pages listed.
 *
 * A whole question is answered by what it is about: its question words (index.json's questionWords: 什么是,
 * 怎么, 区别, 谁, 吗 …) are left out before it is cut, so 什么是干系人 is asked as 干系人. Then, beyond the
 * words' weight in each section: a heading that holds the query's words and little else (a glossary term, an
 * FAQ question, a role's name or alias) ranks its page first; the maintainers' pages are listed only for a query about
 * maintaining (index.json's maintaining words) or to a reader searching from one of them.
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
  var TITLE_ALL = 0;        // a section whose title holds every query term found in the index, against one without
  var HEADING_WEIGHT = 4;   // a heading that is the query's words exactly, against one sharing none of them
  var HEADING_MIN = 0.5;    // a heading closer than this to the query puts its page first
  var SHARED_HEADING = 3;   // a heading on this many of the pages checked is about none of them
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

  /* What a query or a heading is about: its runs without the question words (longest first, where they are
   * found), and without a Chinese character left alone between them; all its runs if nothing else is left. */
  function contentPhrases(text, questionWords) {
    var out = [];
    var add = function (run) { if (run && (!HAN_RUN.test(run) || run.length > 1) && out.indexOf(run) < 0) out.push(run); };
    phrases(text).forEach(function (run) {
      if (!HAN_RUN.test(run)) return add(run);
      var kept = "";
      for (var at = 0; at < run.length;) {
        var word = null;
        for (var i = 0; i < questionWords.length && !word; i++) {
          if (run.startsWith(questionWords[i], at)) word = questionWords[i];
        }
        if (word) { add(kept); kept = ""; at += word.length; } else { kept += run[at]; at++; }
      }
      add(kept);
    });
    return out.length ? out : phrases(text);
  }

  function terms(runs) {
    return runs.reduce(function (all, run) { return all.concat(tokens(run)); }, []);
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
      meta.questionWords = (data.questionWords || []).map(normalise).sort(function (a, b) { return b.length - a.length; });
      meta.maintaining = data.maintaining || { pages: [], words: [] };
      meta.defined = {};  // (a new name: a second query may load index.json again before the first is done)
      (data.definitions || []).forEach(function (n) { meta.defined[n] = true; });
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

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  var boundaries = {};

  /* Where a phrase's words begin and end (Intl.Segmenter: 技术|项目|经理; 燃|尽|图), for highlighting whole words
   * only; without it, every character. Ranking never uses this: it differs between browsers. */
  function wordBoundaries(phrase) {
    if (!boundaries[phrase]) {
      var at = [0];
      if (segmenter) {
        Array.from(segmenter.segment(phrase)).forEach(function (s) { at.push(s.index + s.segment.length); });
      } else {
        for (var i = 1; i <= phrase.length; i++) at.push(i);
      }
      boundaries[phrase] = at;
    }
    return boundaries[phrase];
  }

  /* The longest pieces of each query phrase found in text: whole words or runs of whole words of the phrase, of
   * two characters or more (so never 理和项目 of 技术项目经理和项目经理), or whole Latin words. */
  function matchedPieces(queryPhrases, text) {
    var haystack = normalise(text);
    var pieces = [];
    queryPhrases.forEach(function (phrase) {
      if (!HAN_RUN.test(phrase) || phrase.length < 3) {
        if (haystack.indexOf(phrase) >= 0) pieces.push(phrase);
        return;
      }
      var at = wordBoundaries(phrase);
      var candidates = [];
      for (var a = 0; a < at.length; a++) {
        for (var b = a + 1; b < at.length; b++) if (at[b] - at[a] >= 2) candidates.push([at[a], at[b]]);
      }
      candidates.sort(function (x, y) { return (y[1] - y[0]) - (x[1] - x[0]) || x[0] - y[0]; });
      var covered = new Array(phrase.length).fill(false);
      candidates.forEach(function (span) {
        if (covered[span[0]] && covered[span[1] - 1]) return;
        var piece = phrase.slice(span[0], span[1]);
        if (haystack.indexOf(piece) >= 0) {
          pieces.push(piece);
          for (var i = span[0]; i < span[1]; i++) covered[i] = true;
        }
      });
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

  function score(queryTerms, queryPhrases, skipped) {
    var unique = queryTerms.filter(function (term, i) { return queryTerms.indexOf(term) === i; });
    var paths = unique.map(function (term) {
      return "search/terms/" + (termHash(term) % meta.termFiles) + ".json";
    });
    return Promise.all(paths.map(fetchJSON)).then(function (buckets) {
      var total = meta.sections;
      var weightOf = {}, sumIdf = 0, foundIdf = 0;
      var sections = {};
      unique.forEach(function (term, i) {
        var postings = buckets[i][term] || [0];
        var df = postings[0];
        var idf = Math.log(1 + total / Math.max(1, df));
        sumIdf += idf;
        if (df) foundIdf += idf;
        weightOf[term] = idf;
        var section = 0;
        for (var j = 1; j < postings.length; j += 2) {
          section += postings[j];
          if (skipped && skipped[pageOf(section)]) continue;
          var weight = postings[j + 1];
          var count = weight % TITLE_FLAG;
          var inTitle = weight >= TITLE_FLAG ? 1 : 0;
          var entry = sections[section] || (sections[section] = { score: 0, covered: 0, titled: 0 });
          entry.score += idf * (count / (count + 1.2) + TITLE_WEIGHT * inTitle);
          entry.covered += idf;
          entry.titled += idf * inTitle;
        }
      });
      var pages = {};
      Object.keys(sections).forEach(function (key) {
        var entry = sections[key];
        var coverage = entry.covered / sumIdf;
        var page = pageOf(+key);
        // A page's opening section says what the page is about (a role's summary and aliases).
        var value = entry.score * coverage * coverage * (+key === meta.firstSection[page] ? HEAD_WEIGHT : 1);
        // A title holding every term of the query the index knows (an FAQ question, a glossary term).
        if (entry.titled >= foundIdf * (1 - 1e-9)) value *= 1 + TITLE_ALL;
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
        // A page's `search: boost:` front matter (the maintainers' pages rank below the readers' pages).
        row.score = (values[0] + NEXT_WEIGHT * next + 1e-6 * values.length) * (meta.pages[row.page][3] || 1);
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

  /* Terms counted with repeats: 项目经理和技术项目经理 holds 项目 twice. */
  function bag(list) {
    var counts = {};
    list.forEach(function (term) { counts[term] = (counts[term] || 0) + 1; });
    return counts;
  }

  /* How close a heading is to the query: the share of character pairs (and Latin words) the two have in
   * common, question words left out of both (1: the heading is the query's words; 0: it shares none). */
  function headingMatch(queryBag, heading) {
    var headingBag = bag(terms(contentPhrases(heading, meta.questionWords)));
    var shared = 0, all = 0;
    Object.keys(queryBag).concat(Object.keys(headingBag)).forEach(function (term, i, keys) {
      if (keys.indexOf(term) !== i) return;
      var q = queryBag[term] || 0, h = headingBag[term] || 0;
      shared += Math.min(q, h);
      all += Math.max(q, h);
    });
    return all ? shared / all : 0;
  }

  /* The maintainers' pages left out of this search (null: none), unless the query is about maintaining the
   * handbook or the reader searches from one of them. */
  function skippedPages(query, from) {
    var maintaining = meta.maintaining;
    var text = normalise(query);
    var latin = text.match(/[a-z0-9]+/g) || [];
    var about = maintaining.words.some(function (word) {
      return /^[a-z0-9]+$/.test(word) ? latin.indexOf(word) >= 0 : text.indexOf(word) >= 0;
    });
    var inside = maintaining.pages.some(function (n) { return meta.pages[n][0] === from; });
    if (about || inside || !maintaining.pages.length) return null;
    var skipped = {};
    maintaining.pages.forEach(function (n) { skipped[n] = true; });
    return skipped;
  }

  /* The results for a query typed on the page at site path `from` ("roles/risk-manager/"). */
  function search(query, from) {
    if (!tokens(query).length) return Promise.resolve({ items: [], total: 0 });
    var queryTerms, queryPhrases;
    return (meta ? Promise.resolve(meta) : loadMeta()).then(function () {
      queryPhrases = contentPhrases(query, meta.questionWords);
      queryTerms = terms(queryPhrases);
      return score(queryTerms, queryPhrases, skippedPages(query, from));
    }).then(function (ranked) {
      var words = queryPhrases;
      var queryBag = bag(queryTerms);
      var top = ranked.slice(0, CHECKED_PAGES);
      return Promise.all(top.map(loadSections))
        .then(function (texts) {
          var shared = {};  // heading -> pages listed with it
          texts.forEach(function (loaded) {
            Object.keys(loaded).map(function (key) { return loaded[key][1]; })
              .filter(function (title, i, all) { return all.indexOf(title) === i; })
              .forEach(function (title) { shared[title] = (shared[title] || 0) + 1; });
          });
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
            // A page's heading closest to the query's words (a term, an FAQ question, a role's name) puts its
            // section first on the page. A heading many pages share (每个岗位页的“职业发展”) is about none of them.
            row.heading = 0;
            row.definition = 0;  // 1: its closest heading is a term it defines (the glossary's)
            Object.keys(texts[i]).forEach(function (key) {
              if (!(key in row.sections) || shared[texts[i][key][1]] >= SHARED_HEADING) return;
              // A page's head section is headed by the page's title and its other names (a role's aliases).
              var match = [texts[i][key][1]].concat(texts[i][key][3] || []).reduce(function (most, heading) {
                return Math.max(most, headingMatch(queryBag, heading));
              }, 0);
              var definition = meta.defined[meta.firstSection[row.page] + +key] ? 1 : 0;
              row.sections[key] *= 1 + HEADING_WEIGHT * match;
              if (match > row.heading + 1e-9) row.definition = definition;
              else if (match > row.heading - 1e-9) row.definition = Math.max(row.definition, definition);
              row.heading = Math.max(row.heading, match);
            });
          });
          top.sort(function (a, b) { return b.score - a.score; });
          // The pages with the heading closest to the query, if it is close enough, come first; the others
          // keep their order.
          var closest = Math.max.apply(null, top.map(function (row) { return row.heading; }));
          if (closest >= HEADING_MIN) {
            // Of pages with equally close headings, the glossary's definition first.
            var first = top.filter(function (row) { return row.heading >= closest - 1e-9; }).sort(function (a, b) {
              return b.definition - a.definition || b.score - a.score;
            });
            top = first.concat(top.filter(function (row) { return first.indexOf(row) < 0; }));
          }
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
              snippet: snippet, matchedPieces: matchedPieces, contentPhrases: contentPhrases };
  scope.handbookSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : globalThis);
