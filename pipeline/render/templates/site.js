/* PatentNav site script: language toggle (remembered), chart embedding, sortable tables. No network. */
(function () {
  "use strict";
  var KEY = "patentnav.lang";
  function setLang(lang) {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage may be disabled for file: pages */ }
  }
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
  if (saved === "en") { setLang("en"); }
  var toggle = document.getElementById("lang-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      setLang(document.documentElement.lang === "en" ? "zh" : "en");
    });
  }

  function renderCharts() {
    var nodes = document.querySelectorAll(".chart[data-spec]");
    var pending = [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source || typeof window.vegaEmbed !== "function") { continue; }
      var spec = JSON.parse(source.textContent);
      pending.push(window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (result) {
        result.view.container().setAttribute("data-rendered", "1");
      }));
    }
    Promise.all(pending).then(function () {
      document.documentElement.setAttribute("data-charts-ready", String(pending.length));
    }, function (err) {
      console.error("chart failed", err);
    });
  }

  function cellValue(row, index, type) {
    var cell = row.children[index];
    if (!cell) { return ""; }
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    if (type === "number") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw;
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("th[data-sort]");
    Array.prototype.forEach.call(headers, function (th, index) {
      function sort() {
        var type = th.getAttribute("data-sort");
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, type), y = cellValue(b, index, type);
          var c = type === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  renderCharts();
})();
