// "Code this text": paste or upload, see the events with their evidence, optionally save.
"use strict";
(function () {
  const D = window.detente;
  const form = document.getElementById("code-form");
  if (!form) return;
  const status = document.getElementById("code-status");
  const maxBytes = Number(form.dataset.maxBytes || 0);

  function render(data) {
    const list = document.getElementById("code-events");
    list.replaceChildren();
    for (const e of data.events) {
      const what = `${e.source_code || "?"} ${e.cameo_code || ""} ${e.plover_type || ""} → ${e.target_code || "?"}`;
      list.appendChild(D.el("li", { class: "coded-event" }, [
        D.el("div", {}, [D.el("span", { class: "what", text: what }), " ",
          D.el("span", { class: "quad quad-" + (e.quad_class || 0), text: D.QUADS[e.quad_class] || "" }), " ",
          D.el("span", { class: "muted", text: (e.date || "undated") + (e.speculative ? " · speculative" : "") })]),
        D.el("blockquote", { class: "evidence-sentence" }, [D.highlighted(e.segments, e.sentence || "")]),
      ]));
    }
    document.getElementById("code-count").textContent = `${data.count} found` + (data.saved ? ` · saved as ${data.saved.doc_id}` : "");
    document.getElementById("code-results").hidden = false;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = document.getElementById("code-file").files[0];
    const text = document.getElementById("code-text").value;
    const date = document.getElementById("code-date").value || null;
    const save = document.getElementById("code-save").checked;
    if (file && maxBytes && file.size > maxBytes) {
      D.setStatus(status, `The file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB.`, true);
      return;
    }
    if (!file && !text.trim()) { D.setStatus(status, "Paste a text or choose a file first.", true); return; }
    D.setStatus(status, "Coding… (the first run loads the language model, a few seconds)");
    document.getElementById("code-submit").disabled = true;
    try {
      let data;
      if (file) {
        const fd = new FormData();
        fd.append("file", file);
        if (date) fd.append("date", date);
        fd.append("save", save ? "true" : "false");
        data = await D.getJSON("/api/code/upload", { method: "POST", body: fd });
      } else {
        data = await D.getJSON("/api/code", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                                              body: JSON.stringify({ text, date, save }) });
      }
      D.setStatus(status, data.count ? "" : "No events found in this text.");
      render(data);
    } catch (e) {
      D.setStatus(status, e.message, true);
    } finally {
      document.getElementById("code-submit").disabled = false;
    }
  });
})();
