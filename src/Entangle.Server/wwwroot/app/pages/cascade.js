// Obligations and cascades: pick attacker, target, place and date; the server's cascade shown wave by wave on the map and the graph.
import { get, post } from "../api.js";
import { el, table, status, showError, svgTools, provenance } from "../ui.js";
import { worldMap, mapLegend, allianceGraph, graphLegend } from "../geo.js";
import { needScenario, treatyPanel, downloadGraph } from "./situation.js";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const id = encodeURIComponent(ctx.scenario);
  const [show, sit] = await Promise.all([get(`/scenarios/${id}/show`), get(`/scenarios/${id}/situation`)]);
  const stateOpts = (sel) => show.states.map((s) => el("option", { value: s.iso3, selected: s.iso3 === sel }, `${s.iso3} — ${s.name}`));
  const attacker = el("select", { id: "attacker", name: "attacker" }, stateOpts(ctx.params.get("attacker") || "USA"));
  const target = el("select", { id: "target", name: "target" }, stateOpts(ctx.params.get("target") || "PRK"));
  const where = el("select", { id: "where", name: "where" }, el("option", { value: "" }, "the target's homeland"),
    sit.territories.map((t) => el("option", { value: t.id }, `${t.id} — ${t.name}`)));
  const on = el("input", { type: "date", id: "on", name: "on", value: ctx.params.get("on") || show.scenario.as_of });
  const homeland = el("input", { type: "checkbox", id: "homeland" });
  const certain = el("input", { type: "checkbox", id: "certain" });
  const msg = el("div", { class: "status", role: "status", id: "cascade-status" });
  const out = el("div", { id: "cascade-result" });
  const form = el("form", { class: "row", id: "cascade-form" },
    el("label", {}, "Attacker", attacker), el("label", {}, "Target", target), el("label", {}, "Place attacked", where), el("label", {}, "Date", on),
    el("label", { class: "inline" }, homeland, "Belligerents strike homelands"), el("label", { class: "inline" }, certain, "Only obligations certain under every reading"),
    el("button", { type: "submit", id: "run-cascade" }, "Run cascade"));
  main.append(el("h2", {}, "Obligations and cascade"),
    el("p", { class: "lead" }, "Who is obliged to join a war, by which clause, wave by wave: each state that joins becomes a belligerent whose own allies may then be obliged. Every edge carries its justification."),
    form, msg, out);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status(msg, "Computing…");
    try {
      const body = { attacker: attacker.value, target: target.value, on: on.value || null, where: where.value || null, homeland_strikes: homeland.checked, certain_only: certain.checked };
      const [cascade, obligations] = await Promise.all([post(`/scenarios/${id}/cascade`, body),
        post(`/scenarios/${id}/obligations`, { attacker: body.attacker, target: body.target, on: body.on, where: body.where })]);
      status(msg, `${cascade.waves.length} waves; ${cascade.edges.length} obligations; stops: ${cascade.stop}`, "ok");
      await show_(cascade, obligations);
    } catch (e) { status(msg, ""); showError(out, e); }
  });

  async function show_(c, o) {
    const mark = {};
    for (const w of c.waves) for (const s of w.states) mark[s] = w.wave === 0 ? "wave 0" : `wave ${w.wave}`;
    const states = sit.states.map((s) => ({ ...s, bloc: c.sides[s.iso3] ? c.sides[s.iso3].toLowerCase() : null }));
    const svg = await worldMap({ states, theaters: sit.theaters.filter((t) => t.id === c.attack.theater), mark, title: `Cascade of ${c.attack.attacker} attacking ${c.attack.target}: belligerents by side and wave` });
    const graphHost = el("div", { class: "graph", id: "cascade-graph", "aria-label": "Cascade graph: the edges table below gives the same information" });
    const panel = el("div", { class: "panel" }, treatyPanel(null));
    const byId = new Map(show.treaties.map((t) => [t.id, t]));
    out.replaceChildren(
      el("h3", {}, `${c.attack.attacker} attacks ${c.attack.target} on ${c.on} (${c.attack.sites.join(", ")})`),
      table("cascade-waves", "Waves: who joins when (side A began the war, side B was attacked)", [
        { key: "wave", label: "Wave", num: true }, { label: "States joining", render: (w) => w.states.map((s) => `${s} (side ${c.sides[s] ?? "?"})`).join(", ") }], c.waves),
      el("figure", { id: "cascade-map" }, svg, el("figcaption", {}, "Belligerents on the map: hatched side A (began the war), dotted side B; labels give the wave. Map data: Natural Earth via world-atlas.")),
      mapLegend(), svgTools("cascade-map", svg, "the cascade map"),
      el("div", { class: "cols" }, el("div", {}, graphLegend(), graphHost,
        el("div", { class: "tools" }, el("button", { type: "button", class: "secondary", "aria-label": "Download the cascade graph as PNG", onclick: () => downloadGraph(cy) }, "PNG"))), panel),
      table("cascade-edges", "Each obligation with its justification", [
        { key: "wave", label: "Wave", num: true }, { key: "state", label: "State" }, { key: "defends", label: "Defends" }, { key: "against", label: "Against" },
        { label: "Clause", render: (e) => el("button", { type: "button", class: "secondary", onclick: () => panel.replaceChildren(treatyPanel(byId.get(e.treaty))) }, `${e.treaty} Art. ${e.clause}`), csv: (e) => `${e.treaty} Art. ${e.clause}` },
        { key: "strength", label: "Strength" }, { label: "Reading", render: (e) => `${e.reading}${e.certain ? " (certain)" : " (reading-dependent)"}` },
        { label: "Justification", render: (e) => `${e.attack}. Trigger: ${e.trigger}. Scope: ${e.scope}.${e.depends_on.length ? " Depends on: " + e.depends_on.join("; ") : ""}` }], c.edges),
      c.conflicts.length ? table("cascade-conflicts", "Conflicting obligations", [{ key: "wave", label: "Wave", num: true }, { key: "state", label: "State" }, { key: "defends", label: "Defends" }, { key: "treaty", label: "Treaty" }, { key: "note", label: "Note" }], c.conflicts) : "",
      table("not-triggered", "Parties of relevant treaties never obliged, with the reason", [{ key: "state", label: "State" }, { key: "treaty", label: "Treaty" }, { key: "reason", label: "Reason" }], c.not_triggered),
      el("h3", {}, "The first wave in detail (obligations query)"),
      table("obligations-table", "Obliged states for the attack itself", [
        { key: "state", label: "State" }, { key: "treaty", label: "Treaty" }, { key: "clause", label: "Clause" }, { key: "strength", label: "Strength" },
        { label: "Reasoning", render: (x) => `${x.reason}. Trigger: ${x.trigger}. Scope: ${x.scope}.` },
        { label: "Credibility", render: (x) => x.credibility ? el("span", {}, `${x.credibility.value} `, provenance(x.credibility.basis, x.credibility.basis_kind)) : "–",
          csv: (x) => x.credibility ? `${x.credibility.value} (${x.credibility.basis_kind}: ${x.credibility.basis})` : "" }], o.obliged ?? []));
    const cy = allianceGraph(graphHost, sit, (tid) => panel.replaceChildren(treatyPanel(byId.get(tid))));
    for (const w of c.waves) for (const s of w.states) cy.getElementById(s).addClass("joined").data("label", `${s} w${w.wave}`);
    cy.add(c.edges.map((e, i) => ({ group: "edges", data: { id: `c${i}`, source: e.state, target: e.defends, treaty: e.treaty, strength: "automatic", kind: "alliance", inForce: true, label: `w${e.wave} ${e.treaty}` }, classes: "cascade" })));
    window.__cascade = { cy, report: c };
  }
  if (ctx.params.get("attacker")) form.requestSubmit();
}
