// Forecasts: the bargaining model (Bueno de Mesquita, as replicated by Scholz et al.) on a scenario issue, round by round,
// with the perturbation band and the most influential stakeholders.
import { get, post } from "../api.js";
import { el, table, chart, status, showError, fmt, provenance } from "../ui.js";
import { needScenario } from "./situation.js";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const id = encodeURIComponent(ctx.scenario);
  const show = await get(`/scenarios/${id}/show`);
  const issue = el("select", { id: "issue" }, show.issues.map((i) => el("option", { value: i.id }, `${i.id} — ${i.title}`)));
  const rounds = el("input", { type: "number", id: "rounds", min: 1, value: 10 });
  const perturb = el("input", { type: "text", id: "perturb", value: "salience=0.1,position=5", size: 24 });
  const runs = el("input", { type: "number", id: "forecast-runs", min: 10, value: 300 });
  const msg = el("div", { class: "status", role: "status" });
  const out = el("div", { id: "forecast-result" });
  const form = el("form", { class: "row", id: "forecast-form" }, el("label", {}, "Issue", issue), el("label", {}, "Rounds", rounds),
    el("label", {}, "Perturb (empty: none)", perturb), el("label", {}, "Perturbation runs", runs), el("button", { type: "submit" }, "Forecast"));
  main.append(el("h2", {}, "Bargaining forecasts"),
    el("p", { class: "lead" }, "Bueno de Mesquita's expected-utility model as replicated by Scholz, Calbert & Smith (2011): each stakeholder's position round by round, the mean and median, and how far the forecast moves when inputs are perturbed."),
    show.issues.length ? form : el("p", {}, "This scenario states no bargaining issues."), msg, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status(msg, "Computing…");
    try {
      const body = { issue: issue.value, rounds: +rounds.value };
      if (perturb.value.trim()) { body.perturb = perturb.value.trim(); body.runs = +runs.value; body.seed = 1; }
      const r = await post(`/scenarios/${id}/forecast`, body);
      status(msg, `Forecast after round ${r.forecast.round}: median ${fmt(r.forecast.median, 2)}, mean ${fmt(r.forecast.mean, 2)}.`, "ok");
      showForecast(r, show.issues.find((i) => i.id === issue.value));
    } catch (e) { status(msg, ""); showError(out, e); }
  });

  function showForecast(r, iss) {
    const actors = r.stakeholders.map((s) => s.actor ?? s.name);
    const xs = r.rounds.map((x) => x.round);
    const q = r.perturbation?.median?.quantiles ?? [];
    const q05 = q.find((x) => Math.abs(x.p - 0.05) < 1e-9)?.value, q95 = q.find((x) => Math.abs(x.p - 0.95) < 1e-9)?.value;
    const dash = ["solid", "dashed", "dotted"];
    const series = [
      ...actors.map((a, k) => ({ name: a, type: "line", data: r.rounds.map((x) => x.positions[a]), symbol: "none", lineStyle: { width: 1, type: dash[k % 3], opacity: 0.7 } })),
      { name: "median", type: "line", data: r.rounds.map((x) => x.median), lineStyle: { width: 3.5, color: "#0b3d75" }, symbol: "circle" },
      { name: "mean", type: "line", data: r.rounds.map((x) => x.mean), lineStyle: { width: 3, type: "dashed", color: "#b3261e" }, symbol: "rect" },
    ];
    if (q05 !== undefined && q95 !== undefined)
      series.push({ name: "perturbation band (final median, 5–95%)", type: "line", data: [], markArea: { itemStyle: { color: "rgba(240,180,0,0.22)" }, data: [[{ yAxis: q05, xAxis: xs[0] }, { yAxis: q95, xAxis: xs[xs.length - 1] }]] } });
    out.replaceChildren(
      iss ? el("p", {}, `Scale: ${iss.low} (0) … ${iss.high} (100).`) : "",
      chart("forecast-chart", `Positions by round on ${r.issue?.id ?? "the issue"}: each stakeholder (thin), median (thick), mean (dashed)${q05 !== undefined ? `; shaded: 5–95% of the final median under perturbation (${r.perturbation.spec}, ${r.perturbation.runs} runs)` : ""}`,
        { tooltip: { trigger: "axis" }, legend: { type: "scroll", top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 40 },
          xAxis: { type: "category", data: xs, name: "round" }, yAxis: { type: "value", min: 0, max: 100, name: "position" }, series }, 380),
      r.perturbation ? table("influence", `Most influential stakeholders (${r.perturbation.influence_on})`, [
        { key: "actor", label: "Stakeholder" }, { label: "Influence score", num: true, render: (x) => fmt(x.score, 3) },
        { label: "Correlations", render: (x) => Object.entries(x.correlations).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(", ") }], r.perturbation.influence) : "",
      iss ? table("stakeholders", "Stakeholders' inputs with their sources (judgements marked)", [
        { key: "actor", label: "Stakeholder" },
        { label: "Position", render: (s) => el("span", {}, `${fmt(s.position.value, 1)} `, provenance(s.position.source, s.position.basis)), csv: (s) => `${s.position.value} (${s.position.basis})` },
        { label: "Capability", render: (s) => el("span", {}, `${fmt(s.capability.value, 2)} `, provenance(s.capability.source, s.capability.basis)), csv: (s) => `${s.capability.value} (${s.capability.basis})` },
        { label: "Salience", render: (s) => el("span", {}, `${fmt(s.salience.value, 2)} `, provenance(s.salience.source, s.salience.basis)), csv: (s) => `${s.salience.value} (${s.salience.basis})` }], iss.stakeholders) : "",
      table("rounds", "Mean and median by round", [{ key: "round", label: "Round", num: true }, { label: "Median", num: true, render: (x) => fmt(x.median, 2) }, { label: "Mean", num: true, render: (x) => fmt(x.mean, 2) },
        { label: "Moves", render: (x) => String(x.moves.length) }], r.rounds));
  }
}
