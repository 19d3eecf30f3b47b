() => {
  // Installed before any script of the page (BiDi preload script): records what the page does with
  // its WebSockets and the answers of its HTTP calls, which the browser's network log does not carry.
  const log = [];
  Object.defineProperty(window, "__releaseGateLog", { value: log, enumerable: false });
  const keep = (text) => (typeof text === "string" ? text.slice(0, 2000) : "");
  const record = (entry) => { entry.at = Date.now(); log.push(entry); };

  const NativeWebSocket = window.WebSocket;
  let sockets = 0;
  function RecordedWebSocket(url, protocols) {
    const ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    const id = ++sockets;
    record({ kind: "ws", id, event: "created", url: String(ws.url) });
    ws.addEventListener("open", () => record({ kind: "ws", id, event: "open", url: String(ws.url) }));
    ws.addEventListener("close", (e) => record({ kind: "ws", id, event: "close", url: String(ws.url), code: e.code }));
    return ws;
  }
  RecordedWebSocket.prototype = NativeWebSocket.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) RecordedWebSocket[k] = NativeWebSocket[k];
  window.WebSocket = RecordedWebSocket;

  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href).href;
    const method = ((init && init.method) || (input instanceof Request ? input.method : "GET")).toUpperCase();
    const sent = keep(init && init.body);
    const sentAt = Date.now();
    return nativeFetch.apply(this, arguments).then((response) => {
      response.clone().text().then((body) => record({ kind: "http", method, url: response.url || url, status: response.status, body: keep(body), sent, sentAt }),
        () => record({ kind: "http", method, url: response.url || url, status: response.status, body: "", sent, sentAt }));
      return response;
    }, (error) => {
      record({ kind: "http", method, url, status: 0, body: "", error: String(error), sent, sentAt });
      throw error;
    });
  };

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__gate = { method: String(method).toUpperCase(), url: new URL(String(url), location.href).href };
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (payload) {
    const info = this.__gate;
    if (info) {
      const sent = keep(payload);
      const sentAt = Date.now();
      this.addEventListener("loadend", () => {
        const body = this.responseType === "" || this.responseType === "text" ? this.responseText : "";
        record({ kind: "http", method: info.method, url: this.responseURL || info.url, status: this.status, body: keep(body), sent, sentAt });
      });
    }
    return send.apply(this, arguments);
  };
}
