// Lineage site: the language switch and opening the section a link points to. No external resources.
(function () {
  "use strict";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem("lineage-ui"); } catch (e) { return null; }
  }
  function store(lang) {
    try { window.localStorage.setItem("lineage-ui", lang); } catch (e) { /* file:// may forbid storage */ }
  }
  var lang = stored();
  if (lang === "vi" || lang === "en") { root.setAttribute("data-ui", lang); root.setAttribute("lang", lang); }
  function openTarget() {
    if (!window.location.hash) { return; }
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var details = target && (target.tagName === "DETAILS" ? target : target.querySelector("details"));
    if (details) { details.open = true; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-lang-switch]");
    if (button) {
      button.addEventListener("click", function () {
        var next = root.getAttribute("data-ui") === "en" ? "vi" : "en";
        root.setAttribute("data-ui", next);
        root.setAttribute("lang", next);
        store(next);
      });
    }
    openTarget();
  });
  window.addEventListener("hashchange", openTarget);
})();
