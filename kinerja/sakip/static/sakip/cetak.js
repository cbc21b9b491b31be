// The print button of the tree page (no inline script: the CSP allows scripts from 'self' only).
document.querySelectorAll("[data-cetak]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
