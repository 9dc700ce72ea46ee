// Network view: signed ties among chosen countries, drawn on a circle, with triads.
"use strict";
(function () {
  const D = window.detente;
  const root = document.getElementById("network");
  if (!root || !root.dataset.countries) return;
  const status = document.getElementById("network-status");

  function pick(obj, names) { for (const n of names) if (obj[n] !== undefined && obj[n] !== null) return obj[n]; return undefined; }

  function fillTable(id, rows) {
    const table = document.getElementById(id);
    const head = table.querySelector("thead"), body = table.querySelector("tbody");
    head.replaceChildren(); body.replaceChildren();
    if (!rows.length) { body.appendChild(D.el("tr", {}, [D.el("td", { class: "muted", text: "none" })])); return; }
    const cols = Object.keys(rows[0]);
    head.appendChild(D.el("tr", {}, cols.map((c) => D.el("th", { text: c }))));
    for (const r of rows) body.appendChild(D.el("tr", {}, cols.map((c) => {
      const v = r[c];
      return D.el("td", { text: v === null || v === undefined ? "" : (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : String(v)) });
    })));
  }

  async function load() {
    const p = new URLSearchParams({ countries: root.dataset.countries });
    if (root.dataset.since) p.set("since", root.dataset.since);
    if (root.dataset.until) p.set("until", root.dataset.until);
    let data;
    try { data = await D.getJSON("/api/network?" + p.toString()); }
    catch (e) { D.setStatus(status, e.message, true); return; }
    if (!data.available) { D.setStatus(status, data.message || "Not available.", true); return; }
    D.setStatus(status, "");
    const names = data.countries;
    const pos = {};
    names.forEach((c, i) => {
      const t = (2 * Math.PI * i) / names.length - Math.PI / 2;
      pos[c] = { x: Math.cos(t), y: Math.sin(t) };
    });
    const edges = [];
    for (const t of data.ties) {
      const s = pick(t, ["a", "source", "source_country", "i"]), g = pick(t, ["b", "target", "target_country", "j"]);
      const sign = pick(t, ["sign"]);
      if (!pos[s] || !pos[g] || !t.events) continue;  // no events: no line
      edges.push({ x: pos[s].x, y: pos[s].y, x2: pos[g].x, y2: pos[g].y, sign: sign > 0 ? "cooperative" : sign < 0 ? "conflictual" : "no clear sign", label: s + "–" + g });
    }
    const nodes = names.map((c) => ({ name: c, x: pos[c].x, y: pos[c].y }));
    const enc = { x: { field: "x", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } },
                  y: { field: "y", type: "quantitative", axis: null, scale: { domain: [-1.3, 1.3] } } };
    await D.embed("#chart-network", {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json", width: 460, height: 460,
      layer: [
        { data: { values: edges }, mark: { type: "rule", strokeWidth: 3 },
          encoding: Object.assign({}, enc, { x2: { field: "x2" }, y2: { field: "y2" },
            color: { field: "sign", type: "nominal", title: null,
                     scale: { domain: ["cooperative", "conflictual", "no clear sign"], range: ["#27ae60", "#c0392b", "#9aa3b2"] } } }) },
        { data: { values: nodes }, mark: { type: "circle", size: 900, color: "#14213d" }, encoding: enc },
        { data: { values: nodes }, mark: { type: "text", color: "#fff", fontWeight: "bold" }, encoding: Object.assign({}, enc, { text: { field: "name" } }) },
      ],
      config: { view: { stroke: null } },
    });
    const ul = document.getElementById("network-sentences");
    ul.replaceChildren(...(data.sentences || []).map((t) => D.el("li", { text: t })));
    fillTable("triads", data.triads);
    fillTable("ties", data.ties);
  }
  load();
})();
