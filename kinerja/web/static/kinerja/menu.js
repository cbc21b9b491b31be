// Phone width: the header's navigation folds behind one "Menu" button (served locally, no CDN).
// Without JavaScript the button stays hidden and the navigation stays open.
(function () {
  var button = document.querySelector(".menu-toggle");
  var nav = document.querySelector(".topbar nav");
  if (!button || !nav) return;
  nav.id = nav.id || "menu-utama";
  button.setAttribute("aria-controls", nav.id);
  button.hidden = false;
  document.documentElement.classList.add("js-menu");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("terbuka", open);
  });
})();
