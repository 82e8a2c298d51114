// tarjama preview: reload on rebuild, show build errors, translator overlay.
(function () {
  "use strict";
  var source = new EventSource("/__tarjama/events");
  function showError(errors) {
    var text = Object.keys(errors).map(function (k) { return errors[k]; }).join("\n");
    var box = document.getElementById("tj-error");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "tj-error";
      box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = text;
  }
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (e) { showError(JSON.parse(e.data)); });

  var STORAGE = "tarjama-overlay";
  var button = document.createElement("button");
  button.id = "tj-overlay-toggle";
  button.type = "button";
  document.body.appendChild(button);

  function page() {
    var name = location.pathname.split("/").pop() || "index.html";
    return name.replace(/\.html$/, "");
  }
  function annotate(segments) {
    document.querySelectorAll("[data-tj-seg]").forEach(function (el) {
      var seg = segments[Number(el.getAttribute("data-tj-seg"))];
      if (!seg) { return; }
      var state = seg.used ? seg.status : (seg.status === "fuzzy" ? "fuzzy" : "fallback");
      if (seg.status === "source") { state = "source"; }
      el.setAttribute("data-tj-state", state);
      el.title = seg.status + " — " + seg.where + "\nmsgid: " + seg.msgid;
    });
  }
  function setOverlay(on) {
    document.documentElement.classList.toggle("tj-overlay", on);
    button.textContent = on ? "Hide translator overlay" : "Translator overlay";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    sessionStorage.setItem(STORAGE, on ? "1" : "");
    if (on && !document.documentElement.hasAttribute("data-tj-loaded")) {
      fetch(page() + ".segments.json", { cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (segments) {
          annotate(segments);
          document.documentElement.setAttribute("data-tj-loaded", "");
        });
    }
  }
  button.addEventListener("click", function () {
    setOverlay(!document.documentElement.classList.contains("tj-overlay"));
  });
  setOverlay(sessionStorage.getItem(STORAGE) === "1");
})();
