// The review page: keys and buttons over the queue. Every write carries the page's CSRF token and
// the server answers with the provision redrawn; nothing is loaded from anywhere else.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf"]').content;
  var polarities = JSON.parse(document.getElementById("polarities").textContent);
  var queue = document.getElementById("queue");
  var status = document.getElementById("status");
  var editor = document.getElementById("editor");
  var editing = null;

  function items() { return Array.prototype.filter.call(queue.querySelectorAll(".item"), function (i) { return !i.hidden; }); }
  function current() { var f = queue.querySelector(".item.focused"); return f || items()[0] || null; }
  function say(text, error) { status.textContent = text; status.className = error ? "error" : ""; }

  function focusItem(el) {
    if (!el) { return; }
    var old = queue.querySelector(".item.focused");
    if (old) { old.classList.remove("focused"); }
    el.classList.add("focused");
    var call = el.querySelector(".call:not(.state-confirmed):not(.state-rejected):not(.state-added)") || el.querySelector(".call");
    (call || el).focus();
    el.scrollIntoView({block: "nearest"});
  }
  function focusedCall() {
    var a = document.activeElement;
    var call = a && a.closest ? a.closest(".call") : null;
    if (call) { return call; }
    var it = current();
    return it ? it.querySelector(".call") : null;
  }
  function move(step) {
    var all = items(), at = all.indexOf(current());
    focusItem(all[Math.max(0, Math.min(all.length - 1, at + step))]);
  }

  function post(path, body) {
    body.analyst = document.getElementById("analyst").value;
    return fetch(path, {method: "POST", credentials: "same-origin",
                        headers: {"content-type": "application/json", "x-csrf-token": csrf},
                        body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (data) { return {ok: r.ok, data: data}; }); })
      .then(function (res) {
        if (!res.ok) { say(res.data.error || "refused", true); return null; }
        var old = document.getElementById(res.data.id);
        if (old) {
          var holder = document.createElement("div");
          holder.innerHTML = res.data.html;
          var fresh = holder.firstElementChild;
          // Focus follows the redrawn item only if the analyst has not moved on while the answer
          // was coming (opened the editor, went to another item): their keys must not be stolen.
          var active = document.activeElement;
          var stay = editor.hidden && (!active || active === document.body || old.contains(active) || editor.contains(active));
          var wasFocused = old.classList.contains("focused");
          old.replaceWith(fresh);
          if (stay) { focusItem(fresh); } else if (wasFocused) { fresh.classList.add("focused"); }
        }
        var e = res.data.events[0];
        say(res.data.events.map(function (e) { return e.action + " " + e.tag + " " + e.polarity; }).join(", ") +
            " on " + res.data.id + " by " + (e ? e.analyst : ""));
        return res.data;
      })
      .catch(function (err) { say("not saved: " + err, true); });
  }

  function decide(action, call) {
    call = call || focusedCall();
    if (!call) { return; }
    var it = call.closest(".item");
    post("/api/decide", {provision: it.dataset.id, action: action, tag: call.dataset.tag, polarity: call.dataset.polarity});
  }

  function fillPolarities(tag, skip) {
    var sel = document.getElementById("editor-polarity");
    sel.innerHTML = "";
    (polarities[tag] || []).forEach(function (p) {
      if (p === skip) { return; }
      var o = document.createElement("option"); o.textContent = p; sel.appendChild(o);
    });
  }
  function openEditor(kind, call) {
    var it = call ? call.closest(".item") : current();
    if (!it) { return; }
    editing = {kind: kind, item: it, call: call};
    var tagSel = document.getElementById("editor-tag");
    tagSel.disabled = kind === "polarity";
    document.getElementById("editor-evidence-label").hidden = kind === "polarity";
    if (kind === "polarity") { tagSel.value = call.dataset.tag; }
    fillPolarities(tagSel.value, kind === "polarity" ? call.dataset.polarity : null);
    document.getElementById("editor-what").textContent = (kind === "polarity" ? "New polarity of " + call.dataset.tag + " on " : "Add a tag to ") + it.dataset.id;
    editor.hidden = false;
    (kind === "polarity" ? document.getElementById("editor-polarity") : tagSel).focus();
  }
  function closeEditor() {
    editor.hidden = true;
    var back = editing && editing.item;
    editing = null;
    // By id: an answer that came while the editor was open may have redrawn the item.
    if (back) { focusItem(document.getElementById(back.id) || back); }
  }
  document.getElementById("editor-tag").addEventListener("change", function (ev) { fillPolarities(ev.target.value, null); });
  document.getElementById("editor-cancel").addEventListener("click", closeEditor);
  editor.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!editing) { return; }
    var e = editing, pol = document.getElementById("editor-polarity").value;
    editor.hidden = true; editing = null;
    if (e.kind === "polarity") {
      post("/api/decide", {provision: e.item.dataset.id, action: "polarity", tag: e.call.dataset.tag,
                           polarity: e.call.dataset.polarity, new_polarity: pol});
    } else {
      var words = document.getElementById("editor-evidence").value;
      post("/api/decide", {provision: e.item.dataset.id, action: "add", tag: document.getElementById("editor-tag").value,
                           polarity: pol, evidence: words ? [words] : []});
    }
  });

  queue.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button[data-act]") : null;
    if (!b) { var it = ev.target.closest ? ev.target.closest(".item") : null; if (it && !ev.target.closest("a")) { focusItem(it); } return; }
    var call = b.closest(".call"), act = b.dataset.act;
    if (act === "add") { focusItem(b.closest(".item")); openEditor("add", null); }
    else if (act === "polarity") { openEditor("polarity", call); }
    else { decide(act, call); }
  });
  queue.addEventListener("focusin", function (ev) {
    var it = ev.target.closest(".item");
    if (it && !it.classList.contains("focused")) { var old = queue.querySelector(".item.focused"); if (old) { old.classList.remove("focused"); } it.classList.add("focused"); }
  });

  // A provision's thread is fetched the first time its <details> opens (a comparison per version).
  queue.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (!d.classList || !d.classList.contains("thread-inline") || !d.open || d.dataset.loaded) { return; }
    d.dataset.loaded = "1";
    fetch(d.dataset.src, {credentials: "same-origin"})
      .then(function (r) { return r.text(); })
      .then(function (html) { d.querySelector(".thread-body").innerHTML = html; })
      .catch(function (err) { d.querySelector(".thread-body").textContent = "not loaded: " + err; });
  }, true);

  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    var q = search.value.toLowerCase();
    Array.prototype.forEach.call(queue.querySelectorAll(".item"), function (i) {
      i.hidden = q !== "" && i.querySelector(".text").textContent.toLowerCase().indexOf(q) < 0;
    });
  });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === "Escape") { ev.preventDefault(); focusItem(items()[0]); } });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (ev.key === "Escape" && !editor.hidden) { closeEditor(); }
      return;
    }
    var keys = {
      "a": function () { decide("confirm"); }, "x": function () { decide("reject"); },
      "p": function () { var c = focusedCall(); if (c) { openEditor("polarity", c); } },
      "t": function () { openEditor("add", null); },
      "u": function () { post("/api/undo", {}); },
      "j": function () { move(1); }, "k": function () { move(-1); },
      "/": function () { search.focus(); },
      "?": function () { var k = document.getElementById("keys"); k.hidden = !k.hidden; },
      "Escape": function () { if (!editor.hidden) { closeEditor(); } }
    };
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  focusItem(items()[0]);
})();
