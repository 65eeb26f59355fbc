// cow-compare report behaviour. Everything works without it: it only filters, moves and highlights.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.change"));
  var form = document.getElementById("filters");
  if (!form || !rows.length) { return; }
  var search = document.getElementById("search");
  var tagSelect = document.getElementById("tag-filter");
  var changesOnly = document.getElementById("changes-only");
  var shown = document.getElementById("shown");
  var current = -1;

  function kindsWanted() {
    var wanted = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (box) {
      wanted[box.value] = box.checked;
    });
    return wanted;
  }

  // Read each row once; filtering then touches only the rows whose visibility changes, so a
  // click on a report of thousands of rows costs one layout, not one per row.
  var facts = rows.map(function (row) {
    return {kind: row.getAttribute("data-kind"), tags: (row.getAttribute("data-tags") || "").split(" "), text: null};
  });

  function apply() {
    var wanted = kindsWanted();
    var tag = tagSelect.value;
    var words = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row, i) {
      var fact = facts[i];
      var visible = wanted[fact.kind] !== false;
      if (changesOnly.checked && fact.kind === "identical") { visible = false; }
      if (tag === "none" && fact.tags.join("") !== "") { visible = false; }
      if (tag !== "" && tag !== "none" && fact.tags.indexOf(tag) < 0) { visible = false; }
      if (visible && words) {
        if (fact.text === null) { fact.text = row.textContent.toLowerCase(); }
        if (fact.text.indexOf(words) < 0) { visible = false; }
      }
      if (row.hidden === visible) { row.hidden = !visible; }
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  function visibleChanges() {
    return rows.filter(function (row) { return !row.hidden && row.getAttribute("data-kind") !== "identical"; });
  }

  function move(step) {
    var list = visibleChanges();
    if (!list.length) { return; }
    var at = list.indexOf(rows[current]);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = rows.indexOf(list[next]);
    list[next].classList.add("current");
    list[next].scrollIntoView({block: "center"});
    list[next].focus({preventScroll: true});
  }

  function resolveHash() {
    // Permalinks name a provision as doc:label; a unique id prefix (#us-28:8) works too.
    // Any hash may arrive (a hand-edited or broken link): one that is not valid percent-encoding is
    // read as it stands, and ids are only compared as strings, never used as a CSS selector.
    var wanted = location.hash.slice(1);
    try { wanted = decodeURIComponent(wanted); } catch (e) { /* keep it as it stands */ }
    if (!wanted || document.getElementById(wanted)) { return; }
    var cut = wanted.lastIndexOf(":");
    if (cut < 0) { return; }
    var prefix = wanted.slice(0, cut), label = wanted.slice(cut + 1);
    var anchors = document.querySelectorAll("[data-provision]");
    for (var i = 0; i < anchors.length; i += 1) {
      var id = anchors[i].id, at = id.lastIndexOf(":");
      if (id.slice(at + 1) === label && id.slice(0, at).indexOf(prefix) === 0) {
        anchors[i].scrollIntoView({block: "center"});
        var row = anchors[i].closest("tr");
        if (row) { row.hidden = false; row.classList.add("current"); current = rows.indexOf(row); }
        return;
      }
    }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("evidence").addEventListener("change", function (event) {
    document.body.classList.toggle("show-evidence", event.target.checked);
  });
  document.addEventListener("keydown", function (event) {
    if (event.target && /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "j" || event.key === "n") { move(1); event.preventDefault(); }
    if (event.key === "k" || event.key === "p") { move(-1); event.preventDefault(); }
  });
  window.addEventListener("hashchange", resolveHash);
  apply();
  resolveHash();
})();
