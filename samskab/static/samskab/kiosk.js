// The citizen's screen on a professional's device (samskab/core/kiosk.py). No inline script:
// the page's CSP forbids it.
//
// On a professional's page: never come back from the back-forward cache (reload, and the
// server answers with the lock screen while the device is handed over), and give way to the
// lock screen when a hand-over starts in another tab.
// On a citizen's screen: lock the device after the idle time-out. Use of the screen renews
// it on the server through a small POST, at most every 30 seconds; the timer counts from the
// last request the server saw, so the screen locks itself only once the server has, too.
(function () {
  "use strict";
  var body = document.body;
  var professional = body.hasAttribute("data-keepalive-url");
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("samskab-kiosk") : null;

  window.addEventListener("pageshow", function (event) {
    if (event.persisted && professional) {
      window.location.reload();
    }
  });

  var idleSeconds = parseInt(body.getAttribute("data-kiosk-idle-seconds") || "0", 10);
  if (!idleSeconds) {
    if (channel && professional) {
      channel.onmessage = function (event) {
        if (event.data && event.data.lockUrl) {
          window.location.replace(event.data.lockUrl);
        }
      };
    }
    return;
  }

  var lockUrl = body.getAttribute("data-kiosk-lock-url");
  var pingUrl = body.getAttribute("data-kiosk-ping-url");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var pingEvery = Math.min(30, Math.floor(idleSeconds / 3)) * 1000;
  var lastPing = Date.now();
  var timer = null;

  if (channel) {
    channel.postMessage({ lockUrl: lockUrl });
  }

  function lock() {
    window.location.replace(lockUrl);
  }

  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(lock, (idleSeconds + 5) * 1000);
  }

  function ping() {
    if (!csrf || Date.now() - lastPing < pingEvery) {
      return;
    }
    lastPing = Date.now();
    arm();
    fetch(pingUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf.value },
    })
      .then(function (response) {
        if (!response.ok) {
          lock(); // the server has locked the device meanwhile
        }
      })
      .catch(function () {});
  }

  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, ping, { passive: true });
  });
  arm();
})();
