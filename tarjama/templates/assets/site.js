// The table of contents starts folded on a narrow screen, open on a wide one.
(function () {
  var toc = document.querySelector("nav.toc details");
  if (toc && window.matchMedia("(max-width: 48rem)").matches) {
    toc.open = false;
  }
})();

// Content tabs: titled panels in the page (readable without script), made a tab list
// (WAI-ARIA tabs: arrow keys, Home and End move between tabs).
(function () {
  var sets = document.querySelectorAll(".tabs");
  for (var s = 0; s < sets.length; s++) {
    var set = sets[s];
    var panels = [];
    for (var c = 0; c < set.children.length; c++) {
      if (set.children[c].classList.contains("tab")) panels.push(set.children[c]);
    }
    if (panels.length < 2) continue;
    var list = document.createElement("div");
    list.setAttribute("role", "tablist");
    var tabs = panels.map(function (panel, i) {
      var title = panel.querySelector(".tab-title");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = "tab-" + s + "-" + i;
      panel.id = panel.id || "tab-panel-" + s + "-" + i;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = title ? title.textContent.trim() : String(i + 1);
      list.appendChild(tab);
      return tab;
    });
    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === index;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) tabs[index].focus();
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(i, false); });
      tab.addEventListener("keydown", function (event) {
        var rtl = getComputedStyle(set).direction === "rtl";
        var next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
        var to = next ? (i + next + tabs.length) % tabs.length
          : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : -1;
        if (to >= 0) { event.preventDefault(); select(to, true); }
      });
    });
    set.insertBefore(list, set.firstChild);
    set.classList.add("enhanced");
    select(0, false);
  }
})();
