// The situation: the world map with blocs and theaters, the alliance graph, clause texts with sources, figures with sources.
import { get } from "../api.js";
import { el, table, provenance, svgTools, fmt } from "../ui.js";
import { worldMap, mapLegend, allianceGraph, graphLegend } from "../geo.js";

export function needScenario(main, ctx) {
  if (ctx.scenario) return false;
  main.append(el("h2", {}, "No scenario"), el("p", {}, "Upload or open a scenario on the ", el("a", { href: "#/scenarios" }, "Scenarios"), " page, or pick one at the top."));
  return true;
}

/** The clauses of a treaty with their verbatim text and source (from `show`). */
export function treatyPanel(treaty) {
  if (!treaty) return el("p", { class: "muted" }, "Click an edge of the graph, or pick a treaty in the list, to read its clauses.");
  return el("div", { id: "clause-panel", "aria-live": "polite" },
    el("h4", {}, treaty.name, " ", el("span", { class: "muted" }, `(${treaty.id}, ${treaty.kind})`)),
    el("p", { class: "muted" }, `Parties: ${treaty.parties.map((p) => p.state).join(", ")} · signed ${treaty.signed ?? "–"} · in force ${treaty.in_force ?? "–"}${treaty.ended ? " · ended " + treaty.ended : ""}`),
    el("p", {}, el("span", { class: "badge source" }, "source"), " ", treaty.source),
    ...(treaty.clauses.length ? treaty.clauses : [null]).map((c) => c ? el("div", { class: "clause" },
      el("h5", {}, `Art. ${c.article}: ${c.kind}, ${c.strength}`),
      el("blockquote", {}, c.text),
      el("p", {}, el("span", { class: "badge source" }, "source"), " ", c.source),
      el("p", { class: "muted" }, `Coded as: ${c.coded_as}`),
      c.credibility ? el("p", {}, `Credibility ${fmt(c.credibility.value, 2)} `, provenance(c.credibility.source, c.credibility.basis)) : null,
      c.renderings.length ? el("div", {}, el("p", {}, el("strong", {}, "≈ Reading-dependent: "), "official renderings differ:"),
        ...c.renderings.map((r) => el("div", {}, el("p", {}, el("strong", {}, r.label), r.trigger ? ` — trigger read as: ${r.trigger}` : ""), el("blockquote", {}, r.text),
          el("p", {}, el("span", { class: "badge source" }, "source"), " ", r.source)))) : null)
      : el("p", { class: "muted" }, "No coded clause.")));
}

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const id = encodeURIComponent(ctx.scenario);
  const [show, sit] = await Promise.all([get(`/scenarios/${id}/show`), get(`/scenarios/${id}/situation`)]);
  main.append(el("h2", {}, `Situation: ${show.scenario.title}`),
    el("p", { class: "lead" }, `As of ${show.scenario.as_of}. ${show.scenario.description ?? ""}`));

  const svg = await worldMap({ states: sit.states, theaters: sit.theaters, title: `Map of ${sit.title}: states by bloc, theaters outlined` });
  const panel = el("div", { class: "panel", id: "treaty-detail" }, treatyPanel(null));
  const graphHost = el("div", { class: "graph", id: "alliance-graph", "aria-label": "Alliance network graph: states and treaties; the treaty list beside it gives the same information" });
  const byId = new Map(show.treaties.map((t) => [t.id, t]));
  const openTreaty = (tid) => { panel.replaceChildren(treatyPanel(byId.get(tid))); panel.dataset.treaty = tid; };

  main.append(
    el("section", { "aria-labelledby": "map-h" }, el("h3", { id: "map-h" }, "World map"), mapLegend(),
      el("figure", { id: "world-map" }, svg, el("figcaption", {}, `${sit.bloc_rule} Theater outlines cover the states administering each theater's territories. Map data: Natural Earth (public domain) via world-atlas.`)),
      svgTools("map", svg, "the world map")),
    el("div", { class: "cols" },
      el("section", { "aria-labelledby": "graph-h" }, el("h3", { id: "graph-h" }, "Alliance network"), graphLegend(), graphHost,
        el("p", { class: "muted" }, sit.edge_rule),
        el("div", { class: "tools" }, el("button", { type: "button", class: "secondary", id: "graph-png", "aria-label": "Download the alliance graph as PNG", onclick: () => downloadGraph(cy) }, "PNG"))),
      el("section", { "aria-labelledby": "treaties-h" }, el("h3", { id: "treaties-h" }, "Treaties and clauses"),
        el("ul", { id: "treaty-list" }, show.treaties.map((t) => el("li", {}, el("button", { type: "button", class: "secondary", onclick: () => openTreaty(t.id) }, t.id), " ", t.name,
          " — ", el("span", { class: "muted" }, t.clauses.map((c) => `Art. ${c.article} ${c.strength}${c.renderings.length ? " ≈" : ""}`).join("; ") || "no coded clause")))),
        panel)));
  const cy = allianceGraph(graphHost, sit, openTreaty);
  window.__cy = cy;

  const blocOf = new Map(sit.states.map((s) => [s.iso3, s]));
  main.append(el("section", { "aria-labelledby": "states-h" }, el("h3", { id: "states-h" }, "States and their figures"),
    table("states-table", "Each state's bloc (with the rule that put it there) and figures with their sources", [
      { key: "iso3", label: "State" }, { key: "name", label: "Name" },
      { label: "Bloc", render: (s) => { const b = blocOf.get(s.iso3); return b?.bloc ? `Side ${b.bloc.toUpperCase()} — ${b.why}` : "neither"; } },
      { label: "Figures (value, year, source)", render: (s) => el("details", {}, el("summary", {}, `${s.figures.length} figures (${s.figures.filter((f) => f.basis === "judgement").length} judgements)`),
          el("ul", {}, s.figures.map((f) => el("li", {}, `${f.name}: ${fmt(f.value, 2)}${f.unit ? " " + f.unit : ""} (${f.year}) `, provenance(f.source, f.basis))))),
        csv: (s) => s.figures.map((f) => `${f.name}=${f.value} (${f.year}; ${f.basis}: ${f.source})`).join(" | ") },
    ], show.states)),
    el("section", { "aria-labelledby": "theaters-h" }, el("h3", { id: "theaters-h" }, "Theaters"),
      table("theaters-table", "Theaters, their sides and stakeholders' stakes (judgements marked)", [
        { key: "name", label: "Theater" }, { label: "Side A", render: (t) => t.side_a.join(", ") }, { label: "Side B", render: (t) => t.side_b.join(", ") },
        { label: "Supporters", render: (t) => t.supporters.join(", ") },
        { label: "Stakes", render: (t) => el("ul", {}, (show.theaters.find((x) => x.id === t.id)?.stakeholders ?? []).map((h) => el("li", {}, `${h.state} (${h.role}) ${fmt(h.stake, 2)} `, provenance(h.source, h.basis)))),
          csv: (t) => (show.theaters.find((x) => x.id === t.id)?.stakeholders ?? []).map((h) => `${h.state}=${h.stake} (${h.basis})`).join(" | ") },
      ], sit.theaters)));
}

export function downloadGraph(cy) {
  const blob = cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
  const a = el("a", { href: URL.createObjectURL(blob), download: "alliance-graph.png" });
  document.body.append(a); a.click(); a.remove();
}
