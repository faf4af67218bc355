// The world map (world-atlas TopoJSON, Natural Earth 1:50m, drawn with d3-geo) and the alliance graph (Cytoscape.js).
// Both only draw what the API answered: blocs, theaters, treaties and cascades come from the server.
import { el } from "./ui.js";

let atlas = null;
export async function loadAtlas() {
  if (atlas) return atlas;
  const [topology, numeric] = await Promise.all([
    fetch("vendor/world-atlas/countries-50m.json").then((r) => r.json()),
    fetch("vendor/iso/alpha3-numeric.json").then((r) => r.json()),
  ]);
  atlas = { topology, numeric, countries: topojson.feature(topology, topology.objects.countries).features };
  return atlas;
}

export const BLOC = {
  a: { fill: "#5b8fd0", pattern: "hatch-a", label: "Side A" },
  b: { fill: "#d9736b", pattern: "dots-b", label: "Side B" },
  none: { fill: "#c7ccd3", pattern: null, label: "On neither side" },
};

/**
 * Draws the map. states: [{iso3, name, bloc}], theaters: [{id, name, countries}], mark: optional {ISO3: text} shown
 * beside a state's label (e.g. the cascade wave). Returns the <svg>.
 */
export async function worldMap({ states, theaters = [], mark = {}, title = "World map" }) {
  const { topology, numeric, countries } = await loadAtlas();
  const W = 960, H = 500;
  const byNum = new Map(states.map((s) => [numeric[s.iso3], s]));
  const ns = "http://www.w3.org/2000/svg";
  const S = (tag, attrs = {}, ...kids) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v); e.append(...kids); return e; };
  const inScenario = countries.filter((f) => byNum.has(f.id));
  const focus = { type: "FeatureCollection", features: inScenario.length ? inScenario : countries };
  const projection = d3.geoNaturalEarth1().fitExtent([[10, 10], [W - 10, H - 10]], focus);
  const path = d3.geoPath(projection);
  const svg = S("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img", "aria-labelledby": "map-title", xmlns: ns });
  svg.append(S("title", { id: "map-title" }, title));
  svg.append(S("defs", {},
    S("pattern", { id: "hatch-a", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      S("rect", { width: 6, height: 6, fill: BLOC.a.fill }), S("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#fff", "stroke-width": 1.6 })),
    S("pattern", { id: "dots-b", width: 6, height: 6, patternUnits: "userSpaceOnUse" },
      S("rect", { width: 6, height: 6, fill: BLOC.b.fill }), S("circle", { cx: 3, cy: 3, r: 1.3, fill: "#fff" }))));
  svg.append(S("rect", { width: W, height: H, fill: "#eef3f8" }));
  const g = S("g", {});
  for (const f of countries) {
    const s = byNum.get(f.id);
    const b = s ? BLOC[s.bloc || "none"] : null;
    g.append(S("path", { d: path(f), class: "country", fill: b ? (b.pattern ? `url(#${b.pattern})` : b.fill) : "#e3e7ec", "data-iso3": s?.iso3 ?? null, "data-bloc": s ? (s.bloc || "none") : null },
      S("title", {}, s ? `${s.name} (${s.iso3}): ${b.label}${mark[s.iso3] ? " · " + mark[s.iso3] : ""}` : f.properties.name)));
  }
  svg.append(g);
  for (const t of theaters) {
    const geoms = topology.objects.countries.geometries.filter((x) => t.countries.some((c) => numeric[c] === x.id));
    if (!geoms.length) continue;
    const merged = topojson.merge(topology, geoms);
    svg.append(S("path", { d: path(merged), class: "theater", "data-theater": t.id }, S("title", {}, `Theater: ${t.name}`)));
    const [cx, cy] = path.centroid(merged);
    // keep the label inside the picture: anchored at its end near the right edge, at its start near the left
    const anchor = cx > W - 200 ? "end" : cx < 200 ? "start" : "middle";
    svg.append(S("text", { x: cx, y: Math.max(16, cy - 14), class: "theater-label", "text-anchor": anchor }, `▭ ${t.name}`));
  }
  for (const s of states) {
    const f = countries.find((c) => c.id === numeric[s.iso3]);
    // label the model's actors and any state the caller marks; the others are told by pattern and tooltip
    if (!f || !(s.actor || mark[s.iso3])) continue;
    const [x, y] = path.centroid(f);
    if (!isFinite(x)) continue;
    svg.append(S("text", { x, y, "text-anchor": "middle", "data-label": s.iso3 }, `${s.iso3}${s.bloc ? " " + s.bloc.toUpperCase() : ""}${mark[s.iso3] ? " · " + mark[s.iso3] : ""}`));
  }
  return svg;
}

export function mapLegend() {
  return el("ul", { class: "legend", "aria-label": "Map legend" },
    el("li", {}, el("span", { class: "swatch", style: "background: repeating-linear-gradient(45deg,#5b8fd0 0 3px,#fff 3px 4px)" }), "Side A (hatched, label “A”)"),
    el("li", {}, el("span", { class: "swatch", style: "background: radial-gradient(circle,#fff 25%,#d9736b 30%)" }), "Side B (dotted, label “B”)"),
    el("li", {}, el("span", { class: "swatch", style: "background:#c7ccd3" }), "In the scenario, on neither side"),
    el("li", {}, el("span", { class: "swatch", style: "background:#fff;border:2px dashed #111" }), "Theater outline (dashed, ▭ name)"));
}

const STRENGTH = {
  automatic: { width: 5, style: "solid", label: "automatic" },
  conditional: { width: 3, style: "solid", label: "conditional" },
  "consultation-only": { width: 2.2, style: "dashed", label: "consultation only" },
  none: { width: 1.6, style: "dotted", label: "no coded clause" },
};
const KIND = { alliance: "#8e1b12", partnership: "#9a4a00", technology: "#1d5d8f", other: "#4a5360" };

/** The alliance graph: states (shape by bloc) and multilateral treaties (squares); edges styled by clause strength. */
export function allianceGraph(host, situation, onEdge) {
  const elements = [
    ...situation.nodes.map((n) => ({ data: { id: n.id, label: n.kind === "treaty" ? n.label : `${n.label}${n.bloc ? " (" + n.bloc.toUpperCase() + ")" : ""}`, kind: n.kind, bloc: n.bloc || "none" } })),
    ...situation.edges.map((e) => ({ data: { id: "e:" + e.id, source: e.source, target: e.target, treaty: e.treaty, strength: e.strength, kind: e.treaty_kind,
      label: (e.source.startsWith("treaty:") ? "" : e.treaty) + (e.reading_dependent ? " ≈" : ""), inForce: e.in_force } })),
  ];
  const cy = cytoscape({
    container: host, elements, wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3,
    layout: { name: "cose", randomize: false, animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, numIter: 1500 },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "center", "text-halign": "center", width: 44, height: 26, "background-color": "#eef1f4", "border-width": 1.5, "border-color": "#4a5360", color: "#111", "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: 'node[bloc = "a"]', style: { shape: "ellipse", "background-color": "#cfe0f5", "border-color": "#1f5fa8", "border-width": 2.5 } },
      { selector: 'node[bloc = "b"]', style: { shape: "diamond", "background-color": "#f6d5d2", "border-color": "#b3261e", "border-width": 2.5, width: 52, height: 34 } },
      { selector: 'node[bloc = "none"][kind = "state"]', style: { shape: "round-rectangle" } },
      { selector: 'node[kind = "treaty"]', style: { shape: "rectangle", width: 14, height: 14, "background-color": "#4a5360", "text-valign": "bottom", "text-margin-y": 4, "font-size": 10 } },
      { selector: "edge", style: { "curve-style": "bezier", "line-color": (e) => KIND[e.data("kind")] || "#4a5360", width: (e) => STRENGTH[e.data("strength")].width, "line-style": (e) => STRENGTH[e.data("strength")].style, label: "data(label)", "font-size": 9, "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1, opacity: (e) => e.data("inForce") ? 0.9 : 0.35 } },
      { selector: "edge:selected", style: { "line-color": "#f0b400", "z-index": 9 } },
      { selector: ".joined", style: { "border-width": 5, "border-color": "#111" } },
      { selector: ".cascade", style: { "line-color": "#111", "line-style": "solid", "target-arrow-shape": "triangle", "target-arrow-color": "#111", width: 3, label: "data(label)", "curve-style": "bezier" } },
    ],
  });
  cy.on("tap", "edge", (evt) => onEdge?.(evt.target.data("treaty")));
  host.setAttribute("role", "img");
  return cy;
}

export function graphLegend() {
  return el("ul", { class: "legend", "aria-label": "Graph legend" },
    ...Object.entries(STRENGTH).map(([k, v]) => el("li", {}, el("span", { class: "swatch", style: `border:0;border-top:${Math.max(2, v.width)}px ${v.style} #333;height:0;width:28px;vertical-align:middle` }), v.label)),
    el("li", {}, "≈ reading-dependent"), el("li", {}, "ellipse: side A · diamond: side B · rounded box: neither · small square: multilateral treaty"),
    el("li", {}, "faint: not in force on the scenario date"));
}
