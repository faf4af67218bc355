// Runs: start the escalation Monte Carlo as a job, follow its progress, cancel it; the outcome table, fan charts, force shares, time to first war.
import { get, post, runJob } from "../api.js";
import { el, table, chart, status, showError, progressBar, interval, pct } from "../ui.js";
import { needScenario } from "./situation.js";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const id = encodeURIComponent(ctx.scenario);
  const show = await get(`/scenarios/${id}/show`);
  const runs = el("input", { type: "number", id: "runs", min: 1, value: ctx.params.get("runs") || 2000 });
  const seed = el("input", { type: "number", id: "seed", min: 0, value: 1 });
  const steps = el("input", { type: "number", id: "steps", min: 1, placeholder: "scenario's" });
  const reps = el("input", { type: "number", id: "replicates", min: 1, value: 10 });
  const set = el("input", { type: "text", id: "overrides", size: 40, placeholder: "actor.USA.resolve=1.2, …" });
  const without = el("select", { id: "without", multiple: true, size: 4 }, show.treaties.map((t) => el("option", { value: t.id }, t.id)));
  const msg = el("div", { class: "status", role: "status", id: "run-status" });
  const prog = el("div", { id: "run-progress" });
  const out = el("div", { id: "run-result" });
  const form = el("form", { class: "row", id: "run-form" },
    el("label", {}, "Runs", runs), el("label", {}, "Seed", seed), el("label", {}, "Steps", steps), el("label", {}, "Runs per draw (replicates)", reps),
    el("label", {}, "Overrides (PATH=VALUE, comma-separated)", set), el("label", {}, "Without treaties", without),
    el("button", { type: "submit", id: "start-run" }, "Start run"));
  const jobs = el("div", { id: "past-runs" });
  main.append(el("h2", {}, "Runs"),
    el("p", { class: "lead" }, "The escalation Monte Carlo runs on the server as a job; its result is stored, so the same request on the same scenario comes back at once. Intervals are 95%."),
    form, prog, msg, out, el("h3", {}, "Stored run jobs of this scenario"), jobs);

  const listJobs = async () => {
    const all = (await get("/jobs")).filter((j) => j.kind === "run" && j.scenario_id === ctx.scenario);
    jobs.replaceChildren(all.length ? table("run-jobs", "Run jobs", [
      { key: "id", label: "Job" }, { key: "status", label: "Status" }, { label: "Request", render: (j) => JSON.stringify(j.request) }, { key: "created_at", label: "Created" },
      { label: "", render: (j) => j.status === "succeeded" ? el("button", { type: "button", class: "secondary", onclick: () => openJob(j) }, "Open") : "", csv: () => "" }], all) : el("p", { class: "muted" }, "None yet."));
  };
  const openJob = async (j) => { const result = await get(`/jobs/${j.id}/result`); showResult(j, result); };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const request = { runs: +runs.value, seed: +seed.value, replicates: +reps.value };
    if (steps.value) request.steps = +steps.value;
    const ov = set.value.split(",").map((x) => x.trim()).filter(Boolean);
    if (ov.length) request.overrides = ov;
    const wt = [...without.selectedOptions].map((o) => o.value);
    if (wt.length) request.without_treaties = wt;
    const bar = progressBar("Run progress");
    prog.replaceChildren(bar.node);
    status(msg, "Submitting…");
    out.replaceChildren();
    try {
      const { job, result } = await runJob("run", ctx.scenario, request, (p) => bar.update(p), (job) => {
        status(msg, job.cached ? "Cached: the same request already ran." : `Job ${job.id} started.`);
        bar.cancel.disabled = job.cached;
        bar.cancel.onclick = async () => { try { await post(`/jobs/${job.id}/cancel`); status(msg, "Cancelling…"); } catch (e) { status(msg, e.message, "err"); } };
      });
      bar.update({ status: "succeeded" });
      bar.cancel.disabled = true;
      status(msg, `Job ${job.id} succeeded.`, "ok");
      showResult(job, result);
      listJobs();
    } catch (e) { bar.cancel.disabled = true; status(msg, e.message, "err"); showError(out, e); listJobs(); }
  });

  function showResult(job, r) {
    const levels = r.ladder.map((l) => `${l.level} ${l.name}`);
    const dates = (t) => t.fan.map((p) => p.date);
    const runNo = el("input", { type: "number", id: "replay-run", min: 0, max: r.runs - 1, value: 0 });
    out.replaceChildren(
      el("h3", {}, `${r.title}: ${r.runs.toLocaleString("en")} runs, seed ${r.seed}, ${r.steps} ${r.step_unit}s from ${r.start}`),
      r.overrides.length || r.removed_treaties.length ? el("p", {}, `Overrides: ${r.overrides.join(", ") || "none"}; removed treaties: ${r.removed_treaties.join(", ") || "none"}`) : "",
      r.warnings.length ? el("ul", {}, r.warnings.map((w) => el("li", { class: "err" }, w))) : "",
      el("div", { class: "row" }, el("label", {}, "Run number", runNo),
        el("button", { type: "button", id: "open-replay", onclick: () => { location.hash = `#/replay?s=${encodeURIComponent(ctx.scenario)}&job=${job.id}&run=${runNo.value}`; } }, "Open in replay")),
      table("outcomes", "Outcome probabilities with 95% intervals (cluster-aware)", [
        { label: "Outcome", render: (o) => o.name }, { label: "P", num: true, render: (o) => pct(o.p) }, { label: "95% interval", render: (o) => `[${pct(o.lo)}, ${pct(o.hi)}]` },
        { label: "Parameter-draw spread (5–95%)", render: (o) => o.epistemic ? `${pct(o.epistemic.draw_p05)}–${pct(o.epistemic.draw_p95)}` : "–" },
        { label: "Meaning", render: (o) => o.description }], Object.entries(r.outcomes).map(([name, o]) => ({ name, ...o }))),
      ...r.theaters.map((t) => chart(`fan-${t.id}`, `Fan chart, ${t.name}: ladder level per ${r.step_unit} (median line; bands 25–75% and 5–95%; dashed: mean)`, fanOption(t, levels, dates(t)))),
      chart("force-shares", "Force shares over time: mean share of each actor's forces in each theater (dots mark the 95% band's ends in the data table)", sharesOption(r), 360),
      chart("time-to-war", `Time to first war: cumulative share of runs with a new war by ${r.step_unit} (P = ${pct(r.time_to_first_war.p)}, median ${r.time_to_first_war.median_step ?? "–"})`, warOption(r)),
      table("crises", "How crises ended (share of runs in crisis)", [
        { key: "theater", label: "Theater" }, { key: "runs_in_crisis", label: "Runs in crisis", num: true },
        { label: "Ended", render: (c) => interval(c.ended) }, { label: "Settlement", render: (c) => interval(c.settlement) }, { label: "Freeze", render: (c) => interval(c.freeze) }, { label: "Normal", render: (c) => interval(c.normal) }], r.crises || []),
      table("parameters", "Parameters (judgements marked by their basis)", [
        { key: "path", label: "Path" }, { key: "value", label: "Value" }, { key: "basis", label: "Basis" }, { key: "unit", label: "Unit" }, { key: "text", label: "Why" }], r.parameters));
    window.__run = { job, result: r };
  }
  listJobs();
}

function fanOption(t, levels, dates) {
  const f = t.fan;
  const band = (name, lo, hi, color) => [
    { name: name + " base", type: "line", data: f.map(lo), stack: name, lineStyle: { opacity: 0 }, symbol: "none", tooltip: { show: false } },
    { name, type: "line", data: f.map((p) => hi(p) - lo(p)), stack: name, lineStyle: { opacity: 0 }, symbol: "none", color, itemStyle: { color }, areaStyle: { color } },
  ];
  return {
    tooltip: { trigger: "axis" }, legend: { data: ["5–95%", "25–75%", "median", "mean"], top: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 40 },
    xAxis: { type: "category", data: dates, name: "date" },
    yAxis: { type: "value", min: 0, max: levels.length - 1, interval: 1, name: "level", axisLabel: { formatter: (v) => String(v) } },
    series: [...band("5–95%", (p) => p.q05, (p) => p.q95, "rgba(31,95,168,0.18)"), ...band("25–75%", (p) => p.q25, (p) => p.q75, "rgba(31,95,168,0.38)"),
      { name: "median", type: "line", data: f.map((p) => p.q50), lineStyle: { width: 2.5, color: "#0b3d75" }, symbol: "circle", symbolSize: 4 },
      { name: "mean", type: "line", data: f.map((p) => +p.mean.toFixed(3)), lineStyle: { type: "dashed", color: "#b3261e" }, symbol: "none" }],
  };
}

function sharesOption(r) {
  const dash = ["solid", "dashed", "dotted"];
  const theaters = [...new Set(r.force_shares.map((s) => s.theater))];
  return {
    tooltip: { trigger: "axis" }, legend: { type: "scroll", top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: "category", data: (r.force_shares[0]?.points ?? []).map((p) => p.step), name: r.step_unit },
    yAxis: { type: "value", name: "share", min: 0 },
    series: r.force_shares.map((s) => ({ name: `${s.actor} in ${s.theater}`, type: "line", symbol: "none", data: s.points.map((p) => +p.mean.toFixed(4)),
      lineStyle: { type: dash[theaters.indexOf(s.theater) % 3] } })),
  };
}

function warOption(r) {
  const c = r.time_to_first_war.cumulative_by_step;
  return {
    tooltip: { trigger: "axis" }, grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: { type: "category", data: c.map((_, i) => i + 1), name: r.step_unit },
    yAxis: { type: "value", name: "share of runs", min: 0, axisLabel: { formatter: (v) => (100 * v).toFixed(0) + "%" } },
    series: [{ name: "cumulative P(first war)", type: "line", step: "end", data: c, areaStyle: { opacity: 0.2 } }],
  };
}
