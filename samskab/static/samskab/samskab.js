// Start DKFDS' components: above all the mobile menu drawer (open, close, focus trap).
window.DKFDS.init();

// Print buttons (`data-print`): no inline onclick, the Content-Security-Policy forbids it.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});
