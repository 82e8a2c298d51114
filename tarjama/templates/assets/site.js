// The table of contents starts folded on a narrow screen, open on a wide one.
(function () {
  var toc = document.querySelector("nav.toc details");
  if (toc && window.matchMedia("(max-width: 48rem)").matches) {
    toc.open = false;
  }
})();
