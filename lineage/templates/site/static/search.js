// Lineage search: runs over window.LINEAGE_SEARCH (search-index.js), with or without diacritics.
// fold() matches lineage.text.normalize.fold: NFD, no combining marks, đ → d, lower case, single spaces.
(function () {
  "use strict";
  var WEIGHT = { document: 3, body: 2, part: 1, task: 0 };
  var LIMIT = 50;

  function fold(text) {
    return text.replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D").normalize("NFD").replace(/\p{Mn}/gu, "")
      .normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function score(entry, words) {
    var total = WEIGHT[entry.k] || 0;
    var padded = " " + entry.f;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (entry.f.indexOf(word) < 0) { return null; }
      total += padded.indexOf(" " + word) >= 0 ? 2 : 1;
      if (entry.y && /\d/.test(word) && entry.y.indexOf(word) === 0) { total += 10; }
    }
    if (entry.y && words.indexOf(entry.y) >= 0) { total += 20; }
    return total;
  }

  function search(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) { return []; }
    var found = [];
    var index = window.LINEAGE_SEARCH || [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], words);
      if (s !== null) { found.push([s, index[i]]); }
    }
    found.sort(function (a, b) {
      if (a[0] !== b[0]) { return b[0] - a[0]; }
      if (a[1].t !== b[1].t) { return a[1].t < b[1].t ? -1 : 1; }
      return a[1].u < b[1].u ? -1 : (a[1].u > b[1].u ? 1 : 0);
    });
    return found.map(function (pair) { return pair[1]; });
  }

  function label(selector) {
    var template = document.getElementById("search-labels");
    var node = template && template.content.querySelector(selector);
    return node ? node.textContent : "";
  }

  function show(query) {
    var list = document.getElementById("search-results");
    var count = document.getElementById("search-count");
    if (!list || !count) { return; }
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!fold(query)) { count.textContent = ""; return; }
    var results = search(query);
    count.textContent = results.length ? results.length + " " + label("[data-results]") : label("[data-none]");
    results.slice(0, LIMIT).forEach(function (entry) {
      var item = document.createElement("li");
      item.setAttribute("data-kind", entry.k);
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      var kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = label('[data-kind="' + entry.k + '"]');
      var sub = document.createElement("span");
      sub.className = "sub";
      sub.textContent = entry.s;
      item.appendChild(kind);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link);
      item.appendChild(sub);
      list.appendChild(item);
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
