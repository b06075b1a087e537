// Live reload for `trunk serve` (development only; `trunk build` never emits this file).
//
// Trunk injects its own reload client as an inline script and rewrites that script on every
// request (it writes the server's address into it), so no hash in the page's
// Content-Security-Policy could allow it. This file takes its place as an external script;
// Trunk still fills in the two data attributes of its tag, which hold the same values.
(() => {
  "use strict";
  const data = document.currentScript ? document.currentScript.dataset : {};
  // Trunk writes the address quoted ('127.0.0.1:8080'), or the words window.location.host.
  const quoted = /^'(.*)'$/.exec(data.address || "");
  const address = quoted ? quoted[1] : window.location.host;
  const base = (data.base || "").startsWith("/") ? data.base : "/";
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${address}${base}.well-known/trunk/ws`;

  // Reloads on "reload"; logs a failed build; after losing the server (restarted), polls
  // every 5 s and reloads once it answers again.
  const connect = (reconnecting) => {
    const socket = new WebSocket(url);
    if (reconnecting) socket.onopen = () => window.location.reload();
    socket.onmessage = (event) => {
      let message = {};
      try { message = JSON.parse(event.data); } catch (_) { return; }
      if (message.type === "reload") window.location.reload();
      if (message.type === "buildFailure") console.error("trunk: build failed\n" + ((message.data || {}).reason || ""));
    };
    socket.onclose = () => window.setTimeout(() => connect(true), 5000);
  };
  connect(false);
})();
