// Session time-out with warning: the server ends an idle session after SESSION_COOKIE_AGE
// seconds (renewed by every request); two minutes before, show a warning whose button
// renews the session through a small POST. No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-session-seconds") || "0", 10);
  var warning = document.querySelector("[data-session-warning]");
  if (!seconds || !warning) {
    return;
  }
  var warnBefore = Math.min(120, Math.floor(seconds / 2));
  var warnTimer = null;
  var endTimer = null;

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warning.hidden = true;
    warnTimer = window.setTimeout(function () {
      warning.hidden = false;
      var button = warning.querySelector("[data-session-keepalive]");
      if (button) {
        button.focus();
      }
    }, (seconds - warnBefore) * 1000);
    endTimer = window.setTimeout(function () {
      // The server has ended the session: reload, which leads to the login page.
      window.location.reload();
    }, seconds * 1000);
  }

  warning.querySelector("[data-session-keepalive]").addEventListener("click", function () {
    fetch(body.getAttribute("data-keepalive-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      if (response.ok) {
        schedule();
      } else {
        window.location.reload();
      }
    });
  });
  // htmx requests renew the session on the server too.
  document.addEventListener("htmx:afterRequest", schedule);
  window.samskabSession = { schedule: schedule, warnBefore: warnBefore };
  schedule();
})();
