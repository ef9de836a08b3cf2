// Live reload for `vacancy serve`; never part of a built site.
// The server injects <script src="/__vacancy/reload.js" data-generation="N">
// into every HTML page it serves; N is the version of the site the page came
// from. The events stream says which version is current, and whether the last
// change failed: then the page keeps its content and shows the problems.
// Everything is built with DOM methods and textContent, so no message can
// inject markup, and no inline script or style is needed under a strict CSP.
(function () {
  "use strict";
  var script = document.currentScript;
  var served = script ? script.getAttribute("data-generation") : null;
  var source = null;
  var overlay = null;

  function connect() {
    if (source || typeof EventSource === "undefined") return;
    source = new EventSource("/__vacancy/events");
    source.addEventListener("reload", function (event) {
      var status = JSON.parse(event.data);
      if (String(status.generation) !== served) {
        window.location.reload();
      } else {
        hide();
      }
    });
    source.addEventListener("failed", function (event) {
      show(JSON.parse(event.data).errors || []);
    });
  }

  // Hidden tabs let go of their connection, so that many open tabs do not use
  // up the browser's few connections per server; a tab that comes back asks
  // again and reloads if the site changed meanwhile.
  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function element(tag, styles, text) {
    var node = document.createElement(tag);
    for (var name in styles) node.style[name] = styles[name];
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function place(problem) {
    if (!problem.file) return "";
    if (!problem.line) return problem.file;
    return problem.file + ":" + problem.line + ":" + problem.column;
  }

  function show(problems) {
    hide();
    overlay = element("section", {
      position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
      maxHeight: "70vh", overflow: "auto", boxSizing: "border-box",
      margin: "0", padding: "1rem 1.25rem", background: "#ffffff", color: "#1a1a1a",
      borderBottom: "0.375rem solid #b00020", boxShadow: "0 0.25rem 1rem rgba(0,0,0,0.35)",
      font: "16px/1.5 system-ui, sans-serif", textAlign: "left"
    });
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("lang", "en");
    overlay.setAttribute("dir", "ltr");
    overlay.setAttribute("aria-labelledby", "vacancy-overlay-title");
    var title = element("h2", { margin: "0 0 0.5rem", fontSize: "1.25rem", color: "#8a0018" },
      problems.length === 1 ? "The site has an error" : "The site has " + problems.length + " errors");
    title.id = "vacancy-overlay-title";
    overlay.appendChild(title);
    overlay.appendChild(element("p", { margin: "0 0 0.75rem" },
      "This page shows the last version that built. Fix the file and save; the page reloads by itself."));
    problems.forEach(function (problem) {
      var item = element("div", { margin: "0 0 1rem" });
      var heading = element("p", { margin: "0 0 0.25rem", fontWeight: "bold" });
      var where = place(problem);
      if (where) {
        heading.appendChild(element("code", { fontFamily: "ui-monospace, monospace" }, where));
        heading.appendChild(document.createTextNode(": "));
      }
      heading.appendChild(document.createTextNode(problem.message));
      item.appendChild(heading);
      if (problem.text) {
        item.appendChild(element("pre", {
          margin: "0", padding: "0.5rem", overflow: "auto", whiteSpace: "pre",
          background: "#f3f3f3", color: "#1a1a1a", border: "1px solid #767676",
          font: "14px/1.4 ui-monospace, monospace"
        }, problem.text));
      }
      overlay.appendChild(item);
    });
    var close = element("button", {
      font: "inherit", padding: "0.25rem 0.75rem", color: "#ffffff", background: "#1a1a1a",
      border: "2px solid #1a1a1a", borderRadius: "0.25rem", cursor: "pointer"
    }, "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") disconnect(); else connect();
  });
  if (document.visibilityState !== "hidden") connect();
})();
