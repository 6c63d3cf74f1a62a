// Start DKFDS' components: above all the mobile menu drawer (open, close, focus trap).
window.DKFDS.init();

// Print buttons (`data-print`): no inline onclick, the Content-Security-Policy forbids it.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});

// "Tilbage til formularen" on the expired-form page (`data-history-back`): back in the
// history, where the browser still holds what the user typed; the link opens the page afresh.
document.querySelectorAll("[data-history-back]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
});

// A form shown before a login elsewhere (or restored by the back button) carries an old CSRF
// token: send the current one from the cookie, as Django documents for scripts.
function currentCsrfToken() {
  var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}
document.addEventListener(
  "submit",
  function (event) {
    var token = currentCsrfToken();
    if (!token || !event.target.querySelectorAll) return;
    event.target.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = token;
    });
  },
  true
);
document.addEventListener("htmx:configRequest", function (event) {
  var token = currentCsrfToken();
  if (token) event.detail.headers["X-CSRFToken"] = token;
});
