// Shared helpers. No innerHTML with data: every piece of text is set as textContent.
"use strict";
window.detente = (function () {
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "text") node.textContent = String(v);
        else if (k === "class") node.className = v;
        else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children || []) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  // Sentence pieces from the API ({text, role}) -> <mark class="role-...">.
  function highlighted(segments, fallback) {
    const frag = document.createDocumentFragment();
    if (!segments || !segments.length) {
      frag.appendChild(document.createTextNode(fallback || ""));
      return frag;
    }
    for (const s of segments) {
      if (s.role) frag.appendChild(el("mark", { class: "role-" + s.role, title: s.role, text: s.text }));
      else frag.appendChild(document.createTextNode(s.text));
    }
    return frag;
  }

  async function getJSON(url, options) {
    const resp = await fetch(url, Object.assign({ headers: { Accept: "application/json" }, credentials: "same-origin" }, options || {}));
    let body = null;
    try { body = await resp.json(); } catch (e) { body = null; }
    if (!resp.ok) {
      const msg = body && body.error ? body.error + (body.hint ? " – " + body.hint : "") : resp.status + " " + resp.statusText;
      throw new Error(msg);
    }
    return body;
  }

  const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

  // Vega without eval: the expression interpreter keeps the CSP free of 'unsafe-eval'.
  function embed(target, spec) {
    return vegaEmbed(target, spec, {
      renderer: "canvas", actions: false, tooltip: false, defaultStyle: false,
      ast: true, expr: vega.expressionInterpreter,
    });
  }

  function setStatus(node, text, isError) {
    if (!node) return;
    node.textContent = text || "";
    node.classList.toggle("error", !!isError);
  }

  return { el, highlighted, getJSON, QUADS, embed, setStatus };
})();
