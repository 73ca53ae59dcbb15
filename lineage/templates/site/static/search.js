// Lineage search over the index in search/ (see lineage/site/search.py), with or without diacritics.
// search/index.js describes the index; the shards of the query's words and the chunks of the best
// entries are loaded on demand with <script> tags, so search works from file:// too.
// fold() matches lineage.text.normalize.fold: NFD, no combining marks, đ → d, lower case, single spaces.
(function () {
  "use strict";
  var WEIGHT = { document: 3, body: 2, part: 1, task: 0 };
  var LIMIT = 50;
  var FOLDER = "search/";
  var ALNUM = /[\p{L}\p{N}]/u;
  var parts = {};
  var pending = {};

  window.LINEAGE_SEARCH_PART = function (name, data) { parts[name] = data; };

  function fold(text) {
    return text.replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D").normalize("NFD").replace(/\p{Mn}/gu, "")
      .normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function wordStart(word) {
    var chars = Array.from(word);
    for (var i = 0; i < chars.length; i++) {
      if (ALNUM.test(chars[i])) { return chars.slice(i).join(""); }
    }
    return "";
  }

  function unique(items) {
    return items.filter(function (item, i) { return items.indexOf(item) === i; });
  }

  function load(name) {
    if (parts[name] !== undefined) { return Promise.resolve(parts[name]); }
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = FOLDER + name + ".js";
        script.onload = function () { resolve(parts[name]); };
        script.onerror = function () { delete pending[name]; reject(new Error(script.src)); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }

  function shardNames(index, term) {
    var names = [];
    Object.keys(index.shards).forEach(function (prefix) {
      if (prefix.indexOf(term) === 0 || term.indexOf(prefix) === 0) { names = names.concat(index.shards[prefix]); }
    });
    return names;
  }

  function kindOf(index, id) {
    for (var i = 0; i < index.kinds.length; i++) {
      if (id >= index.kinds[i][1] && id < index.kinds[i][2]) { return index.kinds[i][0]; }
    }
    return "";
  }

  function chunkOf(index, id) {
    var low = 0, high = index.chunks.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (index.chunks[middle] <= id) { low = middle; } else { high = middle - 1; }
    }
    return low;
  }

  // Entry number → 2 when a whole word starts with the term, 1 when only the tail of a word does.
  function matches(term, names) {
    var best = new Map();
    names.forEach(function (name) {
      [["w", 2], ["p", 1]].forEach(function (side) {
        var postings = parts[name][side[0]];
        Object.keys(postings).forEach(function (token) {
          if (token.indexOf(term) !== 0) { return; }
          var gaps = postings[token];
          var id = 0;
          for (var i = 0; i < gaps.length; i++) {
            id = i === 0 ? gaps[0] : id + gaps[i];
            if ((best.get(id) || 0) < side[1]) { best.set(id, side[1]); }
          }
        });
      });
    });
    return best;
  }

  function bonus(symbol, words) {
    if (!symbol) { return 0; }
    var total = 0;
    words.forEach(function (word) {
      if (/\d/.test(word) && symbol.indexOf(word) === 0) { total += 10; }
    });
    return total + (words.indexOf(symbol) >= 0 ? 20 : 0);
  }

  function rank(index, words, terms) {
    var scores = null;
    terms.forEach(function (term) {
      var found = matches(term, shardNames(index, term));
      if (scores === null) { scores = found; return; }
      var next = new Map();
      scores.forEach(function (score, id) {
        var more = found.get(id);
        if (more) { next.set(id, score + more); }
      });
      scores = next;
    });
    var ranked = [];
    scores.forEach(function (score, id) {
      ranked.push([score + WEIGHT[kindOf(index, id)] + bonus(index.symbols[String(id)], words), id]);
    });
    ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return ranked;
  }

  // A promise of {count, entries}: how many entries match, and the best LIMIT of them.
  function search(query) {
    var index = window.LINEAGE_SEARCH;
    var words = fold(query).split(" ").filter(Boolean);
    var terms = words.map(wordStart).filter(Boolean);
    if (!index || !terms.length) { return Promise.resolve({ count: 0, entries: [] }); }
    var names = [];
    terms.forEach(function (term) { names = names.concat(shardNames(index, term)); });
    return Promise.all(unique(names).map(load)).then(function () {
      var ranked = rank(index, words, terms);
      var top = ranked.slice(0, LIMIT).map(function (pair) { return pair[1]; });
      var chunks = unique(top.map(function (id) { return chunkOf(index, id); }));
      return Promise.all(chunks.map(function (c) { return load("e-" + c); })).then(function () {
        return {
          count: ranked.length,
          entries: top.map(function (id) {
            var c = chunkOf(index, id);
            var row = parts["e-" + c][id - index.chunks[c]];
            return { k: kindOf(index, id), t: row[0], s: row[1], u: row[2] };
          }),
        };
      });
    });
  }

  function label(selector) {
    var template = document.getElementById("search-labels");
    var node = template && template.content.querySelector(selector);
    return node ? node.textContent : "";
  }

  function item(entry) {
    var element = document.createElement("li");
    element.setAttribute("data-kind", entry.k);
    var link = document.createElement("a");
    link.href = entry.u;
    link.textContent = entry.t;
    var kind = document.createElement("span");
    kind.className = "badge";
    kind.textContent = label('[data-kind="' + entry.k + '"]');
    var sub = document.createElement("span");
    sub.className = "sub";
    sub.textContent = entry.s;
    element.appendChild(kind);
    element.appendChild(document.createTextNode(" "));
    element.appendChild(link);
    element.appendChild(sub);
    return element;
  }

  var latest = 0;

  function show(query) {
    var list = document.getElementById("search-results");
    var count = document.getElementById("search-count");
    if (!list || !count) { return; }
    var ticket = ++latest;
    function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }
    if (!fold(query)) { clear(); count.textContent = ""; return; }
    list.setAttribute("aria-busy", "true");
    search(query).then(function (found) {
      if (ticket !== latest) { return; }
      clear();
      count.textContent = found.count ? found.count + " " + label("[data-results]") : label("[data-none]");
      found.entries.forEach(function (entry) { list.appendChild(item(entry)); });
      list.removeAttribute("aria-busy");
    }, function () {
      if (ticket !== latest) { return; }
      clear();
      count.textContent = label("[data-none]");
      list.removeAttribute("aria-busy");
    });
  }

  window.lineageSearch = search;
  window.lineageFold = fold;
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search-box");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    if (box) {
      box.value = query;
      box.addEventListener("input", function () { show(box.value); });
    }
    show(query);
  });
})();
