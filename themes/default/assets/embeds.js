// Embeds (render/embeds.h): each is a facade until the reader presses its
// button; only then is the provider's frame created, so nothing is fetched
// from the provider, and no cookie of theirs is set, before that.
(function () {
  "use strict";
  document.querySelectorAll("figure.embed[data-embed-src]").forEach(function (figure) {
    var button = figure.querySelector(".embed-load");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var src = figure.getAttribute("data-embed-src");
      if (!/^https:\/\//.test(src)) return;
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = figure.getAttribute("data-embed-title") || "Embedded content";
      frame.setAttribute("allow", "autoplay; encrypted-media; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      var facade = figure.querySelector(".embed-facade");
      figure.classList.add("embed-loaded");
      figure.insertBefore(frame, facade);
      facade.remove();
      frame.focus();
    });
  });
})();
