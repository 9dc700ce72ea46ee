// Dyad explorer: series chart with change points, quad-class bars, events with evidence.
"use strict";
(function () {
  const D = window.detente;
  const root = document.getElementById("dyad");
  if (!root || !root.dataset.a || !root.dataset.b) return;
  const a = root.dataset.a, b = root.dataset.b, freq = root.dataset.freq || "M";
  const since = root.dataset.since, until = root.dataset.until, directed = root.dataset.directed === "1";
  const status = document.getElementById("dyad-status");
  const perPage = 25;
  // Bars one period wide: Vega-Lite time units that match the series frequency.
  const UNIT = { D: "yearmonthdate", W: "yearweek", M: "yearmonth", Q: "yearquarter", Y: "year" }[freq] || "yearmonth";
  const X = { field: "period", type: "temporal", timeUnit: UNIT, title: null };
  let page = 1;

  function params(extra) {
    const p = new URLSearchParams(extra);
    if (since) p.set("since", since);
    if (until) p.set("until", until);
    if (directed) p.set("directed", "true");
    return p.toString();
  }

  function seriesSpec(series, segments) {
    const breaks = segments.slice(1).map((s) => ({ start: s.start, sentence: s.sentence }));
    const layers = [
      { mark: { type: "bar", opacity: 0.25, color: "#8a94a6" },
        encoding: { x: X, y: { field: "events", type: "quantitative", title: "events" } } },
      { mark: { type: "line", point: true, color: "#2457a6", strokeWidth: 2 },
        encoding: { x: X,
                    y: { field: "net_coop", type: "quantitative", title: "net cooperation" } } },
    ];
    if (breaks.length) {
      layers.push({ data: { values: breaks }, mark: { type: "rule", color: "#c0392b", strokeDash: [6, 4], strokeWidth: 2 },
                    encoding: { x: { field: "start", type: "temporal", timeUnit: UNIT } } });
    }
    return { $schema: "https://vega.github.io/schema/vega-lite/v5.json", width: "container", height: 260,
             data: { values: series }, layer: layers, resolve: { scale: { y: "independent" } },
             config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 } } };
  }

  function quadSpec(series) {
    const rows = [];
    const names = { vc: "verbal cooperation", mc: "material cooperation", vk: "verbal conflict", mk: "material conflict" };
    for (const r of series) for (const k of ["vc", "mc", "vk", "mk"]) {
      const sign = k === "vk" || k === "mk" ? -1 : 1;
      if (r[k]) rows.push({ period: r.period, quad: names[k], count: sign * r[k], order: ["vc", "mc", "vk", "mk"].indexOf(k) });
    }
    return { $schema: "https://vega.github.io/schema/vega-lite/v5.json", width: "container", height: 200,
             data: { values: rows }, mark: { type: "bar" },
             encoding: { x: X,
                         y: { field: "count", type: "quantitative", title: "events (conflict below zero)", stack: true },
                         color: { field: "quad", type: "nominal", title: null,
                                  scale: { domain: Object.values(names), range: ["#6aaed6", "#1f6fb4", "#f4a261", "#c0392b"] },
                                  legend: { orient: "bottom" } },
                         order: { field: "order" } },
             config: { view: { stroke: null } } };
  }

  function showSegments(cp) {
    const ul = document.getElementById("segments");
    ul.replaceChildren();
    const segs = (cp && cp.segments) || [];
    if (segs.length) for (const seg of segs) ul.appendChild(D.el("li", { text: seg.sentence }));
    else if (cp && cp.message) ul.appendChild(D.el("li", { class: "muted", text: cp.message }));
  }

  // The series first (fast), then the change points (PELT can take a moment) drawn over it.
  async function loadSeries() {
    D.setStatus(status, "Loading the series…");
    let data;
    try {
      data = await D.getJSON("/api/dyad?" + params({ a, b, freq, changepoints: "false" }));
    } catch (e) { D.setStatus(status, e.message, true); return; }
    if (!data.series.length) { D.setStatus(status, data.message || "No events for this pair.", false); return; }
    const s = data.summary;
    D.setStatus(status, s ? `${s.events.toLocaleString()} events over ${s.periods} periods; ${Math.round((s.coop_share || 0) * 100)}% cooperative.` : "");
    await D.embed("#chart-series", seriesSpec(data.series, []));
    document.getElementById("chart-series").setAttribute("data-drawn", "1");
    await D.embed("#chart-quad", quadSpec(data.series));
    const ul = document.getElementById("segments");
    ul.replaceChildren(D.el("li", { class: "muted", text: "Looking for change points…" }));
    let cp;
    try { cp = await D.getJSON("/api/dyad/changepoints?" + params({ a, b, freq })); }
    catch (e) { ul.replaceChildren(D.el("li", { class: "error", text: e.message })); return; }
    if (cp.segments && cp.segments.length > 1) await D.embed("#chart-series", seriesSpec(data.series, cp.segments));
    showSegments(cp);
    document.getElementById("chart-series").setAttribute("data-changepoints", String(Math.max(0, (cp.segments || []).length - 1)));
  }

  async function loadEvents() {
    const tbody = document.querySelector("#events-table tbody");
    let data;
    try {
      data = await D.getJSON("/api/events?" + params({ dyad: a + "," + b, page: String(page), per_page: String(perPage) }));
    } catch (e) { tbody.replaceChildren(D.el("tr", {}, [D.el("td", { colspan: "7", class: "error", text: e.message })])); return; }
    tbody.replaceChildren();
    for (const e of data.events) {
      tbody.appendChild(D.el("tr", {}, [
        D.el("td", { class: "nowrap", text: e.date || "" }),
        D.el("td", {}, [D.el("span", { class: "code", text: e.source_code || "" }), " ", D.el("span", { class: "muted", text: e.source_name || "" })]),
        D.el("td", {}, [D.el("span", { class: "code", text: e.cameo_code || "" }), " " + (e.plover_type || "")]),
        D.el("td", {}, [D.el("span", { class: "code", text: e.target_code || "" }), " ", D.el("span", { class: "muted", text: e.target_name || "" })]),
        D.el("td", {}, [D.el("span", { class: "quad quad-" + (e.quad_class || 0), text: D.QUADS[e.quad_class] || "" })]),
        D.el("td", { class: "num", text: e.goldstein === null || e.goldstein === undefined ? "" : Number(e.goldstein).toFixed(1) }),
        D.el("td", { class: "sentence" }, [D.el("button", { type: "button", class: "link evidence-open", "data-id": e.event_id,
          text: (e.sentence ? e.sentence.slice(0, 90) + (e.sentence.length > 90 ? "…" : "") : (e.origin || e.dataset || "details")),
          onclick: () => openEvidence(e.event_id) }),
          e.sentence && e.origin ? D.el("div", { class: "origin code muted", text: e.origin.length > 80 ? e.origin.slice(0, 80) + "…" : e.origin }) : null]),
      ]));
    }
    if (!data.events.length) tbody.appendChild(D.el("tr", {}, [D.el("td", { colspan: "7", class: "muted", text: "No events." })]));
    document.getElementById("events-count").textContent = `${data.total.toLocaleString()} in all`;
    document.getElementById("page-info").textContent = `page ${data.page} of ${data.pages}`;
    document.getElementById("prev").disabled = data.page <= 1;
    document.getElementById("next").disabled = data.page >= data.pages;
  }

  async function openEvidence(id) {
    const panel = document.getElementById("evidence");
    const body = document.getElementById("evidence-body");
    body.replaceChildren(D.el("p", { class: "muted", text: "Loading…" }));
    panel.hidden = false;
    let d;
    try { d = await D.getJSON("/api/events/" + encodeURIComponent(id)); }
    catch (e) { body.replaceChildren(D.el("p", { class: "error", text: e.message })); return; }
    const e = d.event;
    const quote = D.el("blockquote", { class: "evidence-sentence" }, [D.highlighted(d.segments, e.sentence || "")]);
    const origins = d.origins.length ? d.origins.map((o) => D.el("div", { class: "code", text: o })) : [D.el("span", { class: "muted", text: "none recorded" })];
    const meta = D.el("dl", { class: "meta" }, [
      D.el("dt", { text: "Event" }), D.el("dd", { text: `${e.source_code || "?"} ${e.cameo_code || ""} ${e.plover_type || ""} → ${e.target_code || "?"}` }),
      D.el("dt", { text: "Date" }), D.el("dd", { text: e.date || "undated" }),
      D.el("dt", { text: "Dataset" }), D.el("dd", { text: e.dataset || "" }),
      D.el("dt", { text: "Origins" }), D.el("dd", {}, origins),
      D.el("dt", { text: "Links" }), D.el("dd", {}, [D.el("a", { href: "/events/" + encodeURIComponent(e.event_id), text: "event page" }),
        d.document ? " · " : null, d.document ? D.el("a", { href: "/documents/" + encodeURIComponent(e.doc_id), text: "document" }) : null]),
    ]);
    body.replaceChildren(e.sentence ? quote : D.el("p", { class: "muted", text: "No sentence stored (imported event)." }), meta);
  }

  document.getElementById("evidence-close").addEventListener("click", () => { document.getElementById("evidence").hidden = true; });
  document.getElementById("prev").addEventListener("click", () => { if (page > 1) { page -= 1; loadEvents(); } });
  document.getElementById("next").addEventListener("click", () => { page += 1; loadEvents(); });
  loadSeries();
  loadEvents();
})();
