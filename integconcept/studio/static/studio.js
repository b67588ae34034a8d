/* integconcept Studio: live checking of every change, findings beside their fields, unsaved-changes guard.
   Own code (no third-party script); loaded from the studio itself, nothing from elsewhere. */
(function () {
  "use strict";
  var queue = Promise.resolve();
  var timers = {};
  var findings = [];

  function idOf(pointer) {
    return "f" + pointer.replace(/\//g, "--").replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function setDirty(dirty) {
    document.body.dataset.dirty = dirty ? "1" : "0";
    var mark = document.getElementById("dirty");
    if (mark) { mark.hidden = !dirty; }
  }

  function boxFor(pointer) {
    var parts = pointer.split("/");
    while (parts.length > 1) {
      var box = document.getElementById(idOf(parts.join("/")) + "-e");
      if (box) { return box; }
      parts.pop();
    }
    return null;
  }

  function findingItem(f, withLink) {
    var li = document.createElement("li");
    li.className = "finding " + f.severity;
    var head = document.createElement("div");
    var strong = document.createElement("strong");
    strong.textContent = f.severity_label + " " + f.code;
    head.appendChild(strong);
    head.appendChild(document.createTextNode(" " + f.message));
    li.appendChild(head);
    if (f.hint) {
      var hint = document.createElement("div");
      hint.className = "hint";
      hint.textContent = f.hint;
      li.appendChild(hint);
    }
    if (f.citations.length) {
      var cite = document.createElement("div");
      cite.className = "cite";
      cite.textContent = "Rechtsgrundlage: " + f.citations.join("; ");
      li.appendChild(cite);
    }
    if (withLink) {
      var link = document.createElement("a");
      link.href = "/kapitel/" + f.chapter + "#" + idOf(f.path || "/") + "-box";
      link.textContent = "Zum Feld";
      link.addEventListener("click", function (event) {
        if (location.pathname === "/kapitel/" + f.chapter) {
          event.preventDefault();
          jumpTo(f.path);
        }
      });
      li.appendChild(link);
      if (!f.file && f.silenceable) {
        var details = document.createElement("details");
        var summary = document.createElement("summary");
        summary.textContent = "Stummschalten …";
        details.appendChild(summary);
        var form = document.getElementById("silence-template").content.firstElementChild.cloneNode(true);
        form.elements.index.value = f.index;
        form.elements.code.value = f.code;
        form.elements.back.value = location.pathname;
        details.appendChild(form);
        li.appendChild(details);
      }
    }
    return li;
  }

  function jumpTo(pointer) {
    var parts = (pointer || "").split("/");
    while (parts.length > 1) {
      var el = document.getElementById(idOf(parts.join("/")));
      var box = document.getElementById(idOf(parts.join("/")) + "-box");
      if (el || box) {
        (box || el).scrollIntoView({block: "center"});
        var focusable = el && el.matches("input, select, textarea") ? el :
          (box ? box.querySelector("input, select, textarea") : null);
        if (focusable) { focusable.focus({preventScroll: true}); }
        return;
      }
      parts.pop();
    }
  }

  function show(payload) {
    findings = payload.findings || [];
    var list = document.getElementById("findings-list");
    if (!list) { return; }
    list.textContent = "";
    document.querySelectorAll(".field-findings").forEach(function (box) { box.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    findings.forEach(function (f) {
      list.appendChild(findingItem(f, true));
      var box = boxFor(f.path || "/");
      if (box) {
        var item = findingItem(f, false);
        box.appendChild(item);
        var field = document.getElementById(box.id.slice(0, -2));
        if (field && f.severity === "error") { field.setAttribute("aria-invalid", "true"); }
      }
    });
    var c = payload.counts || {};
    var counts = document.getElementById("counts");
    if (counts) {
      var n = function (count, one, many) { return count + " " + (count === 1 ? one : many); };
      counts.textContent = "(" + n(c.error || 0, "Fehler", "Fehler") + ", " + n(c.warning || 0, "Warnung", "Warnungen") +
        ", " + n(c.info || 0, "Hinweis", "Hinweise") + ")";
    }
    if (!findings.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "Keine Befunde.";
      list.appendChild(none);
    }
    setDirty(payload.dirty);
  }

  function valueOf(el) {
    if (el.dataset.kind === "literal_list") {
      var chosen = [];
      document.querySelectorAll('input[data-edit="' + el.dataset.edit + '"]').forEach(function (box) {
        if (box.checked) { chosen.push(box.value); }
      });
      return chosen;
    }
    return el.value;
  }

  function send(el) {
    var pointer = el.dataset.edit;
    var value = valueOf(el);
    var key = JSON.stringify(value);
    if (el.dataset.sent === key) { return; }
    el.dataset.sent = key;
    queue = queue.then(function () {
      return fetch("/api/edit", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({path: pointer, value: value})
      }).then(function (response) {
        return response.json().then(function (payload) {
          if (payload.error) {
            var status = document.getElementById("live-status");
            if (status) { status.textContent = payload.error; }
            alert(payload.error);
          }
          if (payload.findings) { show(payload); }
          if (payload.markup !== undefined) {
            var preview = document.getElementById(el.id + "-m");
            if (preview) { preview.innerHTML = payload.markup; }
          }
          document.body.dataset.checked = String(Number(document.body.dataset.checked || "0") + 1);
        });
      }).catch(function () {
        alert("Das Studio antwortet nicht mehr. Läuft „integconcept studio“ noch?");
      });
    });
  }

  function schedule(el, delay) {
    clearTimeout(timers[el.id]);
    timers[el.id] = setTimeout(function () { send(el); }, delay);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("findings-data");
    if (data) { show(JSON.parse(data.textContent)); }
    document.querySelectorAll("[data-edit]").forEach(function (el) {
      el.dataset.sent = JSON.stringify(valueOf(el));
      if (el.tagName === "SELECT" || el.type === "checkbox") {
        el.addEventListener("change", function () { send(el); });
      } else {
        el.addEventListener("input", function () { setDirty(true); schedule(el, 300); });
        el.addEventListener("change", function () { schedule(el, 0); });
      }
    });
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!confirm(button.dataset.confirm)) { event.preventDefault(); }
      });
    });
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function () { form.dataset.submitting = "1"; });
    });
    if (location.hash) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) {
        target.scrollIntoView({block: "center"});
        var input = target.querySelector("input:not([type=hidden]), select, textarea");
        if (input) { input.focus({preventScroll: true}); }
      }
    }
  });

  // Changes are held by the studio until "Speichern": moving between its pages loses nothing, so only
  // leaving the studio (closing the tab, another address) asks.
  var insideStudio = false;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && link.origin === location.origin) { insideStudio = true; }
  });
  window.addEventListener("beforeunload", function (event) {
    var leavingBySubmit = document.querySelector("form[data-submitting='1']");
    if (document.body.dataset.dirty === "1" && !leavingBySubmit && !insideStudio) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
