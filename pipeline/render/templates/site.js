/* PatentNav site script: language toggle (remembered), chart embedding, folded sections (state in the URL hash),
   long tables (first rows, filter, show all), sortable tables, applicant search on charts. No network. */
(function () {
  "use strict";
  var KEY = "patentnav.lang";
  function each(selector, fn, root) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn); }
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

  /* Charts: every spec embedded as SVG; views kept by container id for the applicant search. */
  var views = {};
  function renderCharts() {
    var nodes = document.querySelectorAll(".chart[data-spec]");
    var pending = [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var source = document.getElementById(el.getAttribute("data-spec"));
      if (!source || typeof window.vegaEmbed !== "function") { continue; }
      var spec = JSON.parse(source.textContent);
      pending.push(window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function (result) {
        var container = result.view.container();
        container.setAttribute("data-rendered", "1");
        views[container.id] = result.view;
      }));
    }
    Promise.all(pending).then(function () {
      document.documentElement.setAttribute("data-charts-ready", String(pending.length));
    }, function (err) {
      console.error("chart failed", err);
    });
  }

  /* Long tables: the first N rows, a filter box (and per-column filters), "show all"; a row group (the patents
     of one tech-efficacy cell) can be picked from a link. */
  function pagedTable(table) {
    var tools = table.parentElement.previousElementSibling;
    if (!tools || !tools.classList.contains("table-tools")) { return; }
    var limit = parseInt(tools.getAttribute("data-page-rows"), 10) || 25;
    var body = table.tBodies[0];
    var button = tools.querySelector(".show-all");
    var count = tools.querySelector(".table-count");
    var chip = tools.querySelector(".cell-chip");
    var state = { all: false, group: null };
    var filters = Array.prototype.slice.call(tools.querySelectorAll(".table-filter"));
    filters.forEach(function (f) {
      if (f.tagName !== "SELECT") { return; }
      var col = parseInt(f.getAttribute("data-col"), 10), seen = {};
      Array.prototype.forEach.call(body.rows, function (r) {
        var c = r.cells[col]; var v = c ? c.textContent.trim() : "";
        if (v) { seen[v] = true; }
      });
      Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); }).forEach(function (v) {
        var o = document.createElement("option"); o.value = v; o.textContent = v; f.appendChild(o);
      });
    });
    function apply() {
      var matched = 0, shown = 0;
      var tests = filters.map(function (f) {
        return { col: f.getAttribute("data-col"), value: f.value.trim().toLowerCase(), exact: f.tagName === "SELECT" };
      }).filter(function (t) { return t.value; });
      Array.prototype.forEach.call(body.rows, function (r) {
        var ok = !state.group || r.getAttribute("data-group") === state.group;
        for (var k = 0; ok && k < tests.length; k++) {
          var t = tests[k];
          var text = (t.col === "*" ? r.textContent : (r.cells[+t.col] || {}).textContent || "").trim().toLowerCase();
          ok = t.exact ? text === t.value : text.indexOf(t.value) >= 0;
        }
        if (ok) { matched++; }
        var visible = ok && (state.all || matched <= limit);
        r.hidden = !visible;
        if (visible) { shown++; }
      });
      if (count) { count.textContent = shown + " / " + matched + (matched !== body.rows.length ? " (" + body.rows.length + ")" : ""); }
      if (button) { button.setAttribute("aria-pressed", state.all ? "true" : "false"); }
    }
    filters.forEach(function (f) { f.addEventListener(f.tagName === "SELECT" ? "change" : "input", apply); });
    if (button) { button.addEventListener("click", function () { state.all = !state.all; apply(); }); }
    table.pagerApply = apply;
    table.showGroup = function (group, label) {
      state.group = group;
      if (chip) {
        chip.hidden = !group;
        chip.querySelector(".cell-chip-text").textContent = label || "";
      }
      apply();
    };
    if (chip) { chip.querySelector(".cell-clear").addEventListener("click", function () { table.showGroup(null, ""); }); }
    apply();
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
        if (table.pagerApply) { table.pagerApply(); }
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }

  /* Folded sections: the open ones are the hash (#open=a,b&cell=te-1-x); a link to a section (or to anything
     inside one) opens it. */
  var restoring = false;
  function foldOf(id) {
    var el = id ? document.getElementById(id) : null;
    var section = el ? el.closest("section.fold") : null;
    return section ? { section: section, details: section.querySelector("details.fold"), target: el } : null;
  }
  function writeHash() {
    if (restoring) { return; }
    var open = [];
    each("section.fold > details.fold[open]", function (d) { open.push(d.parentElement.id); });
    var cell = document.documentElement.getAttribute("data-cell");
    var hash = "#open=" + open.join(",") + (cell ? "&cell=" + cell : "");
    if (window.location.hash !== hash) { window.history.replaceState(null, "", hash); }
  }
  function showCell(anchor) {
    var target = document.getElementById(anchor);
    var table = target ? target.closest("table") : null;
    if (!table || !table.showGroup) { return false; }
    var row = target.closest("tr");
    var label = Array.prototype.slice.call(row.cells, 0, 2).map(function (c) { return c.textContent.trim(); }).join(" × ");
    table.showGroup(row.getAttribute("data-group"), label);
    document.documentElement.setAttribute("data-cell", anchor);
    return true;
  }
  function openFromHash() {
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    if (!hash) { return; }
    restoring = true;
    if (hash.indexOf("open=") === 0) {
      var parts = {};
      hash.split("&").forEach(function (p) { var kv = p.split("="); parts[kv[0]] = kv.slice(1).join("="); });
      var open = parts.open === "all" ? null : parts.open.split(",");
      each("section.fold > details.fold", function (d) {
        d.open = open === null || open.indexOf(d.parentElement.id) >= 0;
      });
      if (parts.cell) { showCell(parts.cell); }
    } else {
      var fold = foldOf(hash);
      if (fold) {
        fold.details.open = true;
        if (hash.indexOf("te-") === 0 && showCell(hash)) { fold.section.scrollIntoView(); }
        else { fold.target.scrollIntoView(); }
      }
    }
    restoring = false;
    writeHash();
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    var all = e.target.closest ? e.target.closest("[data-fold-all]") : null;
    if (all) {
      var openAll = all.getAttribute("data-fold-all") === "open";
      restoring = true;
      each("section.fold > details.fold", function (d) { d.open = openAll; });
      restoring = false;
      writeHash();
      return;
    }
    if (!a) { return; }
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    var fold = foldOf(id);
    if (!fold) { return; }
    e.preventDefault();
    fold.details.open = true;
    if (id.indexOf("te-") === 0 && showCell(id)) { fold.section.scrollIntoView(); }
    else { fold.target.scrollIntoView(); }
    writeHash();
  });
  each("section.fold > details.fold", function (d) { d.addEventListener("toggle", writeHash); });
  window.addEventListener("hashchange", openFromHash);
  window.addEventListener("beforeprint", function () {
    each("section.fold > details.fold", function (d) { d.open = true; });
  });

  /* Applicant search: highlights the matching points/nodes of a chart through its `search` signal. */
  function searchCharts(input) {
    var text = input.value.trim();
    each("input.applicant-search", function (other) { if (other !== input) { other.value = input.value; } });
    each("input.applicant-search", function (box) {
      var view = views[box.getAttribute("data-chart")];
      var out = box.parentElement.parentElement.querySelector(".search-count");
      if (!view) { return; }
      try { view.signal("search", text).runAsync(); } catch (err) { return; }
      if (out) {
        var spec = JSON.parse(document.getElementById(view.container().getAttribute("data-spec")).textContent);
        var hits = {}, needle = text.toLowerCase();
        Object.keys(spec.datasets || {}).forEach(function (name) {
          spec.datasets[name].forEach(function (row) {
            var who = String(row.applicant || row.label || "").toLowerCase();
            if (needle && who.indexOf(needle) >= 0) { hits[row.patent_id || row.id || who] = true; }
          });
        });
        out.textContent = needle ? String(Object.keys(hits).length) : "";
      }
    });
  }
  each("input.applicant-search", function (input) {
    input.addEventListener("input", function () { searchCharts(input); });
  });

  each("table.sortable", makeSortable);
  each("table.paged", pagedTable);
  renderCharts();
  openFromHash();
})();
