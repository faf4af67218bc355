// Replay: one run of a stored run job, month by month: who did what and why, with the utilities behind each choice.
import { get, post } from "../api.js";
import { el, table, chart, status, showError, fmt } from "../ui.js";
import { needScenario } from "./situation.js";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const all = (await get("/jobs")).filter((j) => j.kind === "run" && j.status === "succeeded" && j.scenario_id === ctx.scenario);
  const jobSel = el("select", { id: "replay-job" }, all.map((j) => el("option", { value: j.id }, `${j.id} — ${JSON.stringify(j.request)}`)));
  if (ctx.params.get("job")) jobSel.value = ctx.params.get("job");
  const run = el("input", { type: "number", id: "replay-run-no", min: 0, value: ctx.params.get("run") || 0 });
  const msg = el("div", { class: "status", role: "status" });
  const out = el("div", { id: "replay-result" });
  const form = el("form", { class: "row", id: "replay-form" }, el("label", {}, "Run job", jobSel), el("label", {}, "Run number", run), el("button", { type: "submit" }, "Replay"));
  main.append(el("h2", {}, "Replay"), el("p", { class: "lead" }, "Any run of a stored run job, repeated exactly from its seed: each month, every principal's choice with the utility and probability of each option it had."),
    all.length ? form : el("p", {}, "No finished run job for this scenario yet: start one on the ", el("a", { href: "#/runs" }, "Runs"), " page."), msg, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status(msg, "Replaying…");
    try {
      const r = await post(`/jobs/${jobSel.value}/replay?run=${+run.value}`);
      status(msg, `Run ${r.run}: parameter draw ${r.draw}, replicate ${r.replicate}, seed ${r.seed}; ${r.decisions} decisions.`, "ok");
      showReplay(r);
    } catch (e) { status(msg, ""); showError(out, e); }
  });

  function showReplay(r) {
    const dateOf = (step) => { const d = new Date(r.start + "T00:00:00Z"); d.setUTCMonth(d.getUTCMonth() + step); return d.toISOString().slice(0, 10); };
    const byStep = new Map();
    for (const t of r.trace) { if (!byStep.has(t.step)) byStep.set(t.step, []); byStep.get(t.step).push(t); }
    const steps = r.levels.map((_, i) => i);
    out.replaceChildren(
      chart("replay-levels", `Ladder level per ${r.step_unit} in each theater, run ${r.run}`, {
        tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 30, bottom: 40 },
        xAxis: { type: "category", data: steps.map((s) => s) , name: r.step_unit }, yAxis: { type: "value", min: 0, max: 9, interval: 1, name: "level" },
        series: r.theaters.map((t, k) => ({ name: t, type: "line", step: "end", data: r.levels.map((l) => l[k]), lineStyle: { type: ["solid", "dashed", "dotted"][k % 3], width: 2 }, symbol: ["circle", "rect", "triangle"][k % 3] })),
      }),
      table("replay-timeline", "Levels at the end of each step", [
        { label: "Step", num: true, render: (x) => String(x.step) }, { label: "Date", render: (x) => dateOf(x.step) },
        ...r.theaters.map((t, k) => ({ label: t, num: true, render: (x) => String(r.levels[x.step][k]) }))], steps.map((step) => ({ step }))),
      table("replay-crises", "How each theater's crisis ended", [{ key: "theater", label: "Theater" }, { key: "onset", label: "Onset", num: true }, { key: "ending", label: "Ending" }, { key: "end_step", label: "End step", num: true }], r.crises),
      table("replay-parameters", "Parameters drawn for this run (judgements marked by basis)", [{ key: "path", label: "Path" }, { key: "value", label: "Drawn" }, { key: "basis", label: "Basis" }, { key: "text", label: "Distribution" }], r.drawn_parameters),
      el("h3", {}, "Month by month"),
      el("div", { id: "replay-steps" }, [...byStep.entries()].map(([step, entries]) => el("details", { open: step <= 1 },
        el("summary", {}, `Step ${step} (${dateOf(step)}): ${entries.filter((e) => e.kind === "decision").length} decisions, ${entries.filter((e) => e.kind !== "decision").length} other entries`),
        el("ul", {}, entries.map((e) => el("li", { "data-kind": e.kind }, el("strong", {}, `[${e.kind}] `), e.text, e.decision ? decisionTable(e.decision) : "")))))));
    window.__replay = r;
  }
  if (ctx.params.get("job") && all.length) form.requestSubmit();
}

function decisionTable(d) {
  return el("details", {}, el("summary", {}, `utilities behind ${d.actor}'s choice (stake ${fmt(d.stake, 3)}, resolve ${fmt(d.resolve, 3)}, λ ${fmt(d.lambda, 2)}, channel ${fmt(d.channel, 2)})`),
    el("table", { class: "utilities" }, el("caption", { class: "muted" }, `${d.actor} in ${d.theater}: posture ${d.posture_before} → ${d.posture_after}${d.accident ? " (accident)" : ""}`),
      el("thead", {}, el("tr", {}, ["Move", "To level", "Utility", "Probability", "Chosen"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, d.options.map((o) => el("tr", {}, el("td", { class: "num" }, o.delta > 0 ? `+${o.delta}` : String(o.delta)), el("td", { class: "num" }, String(o.target)),
        el("td", { class: "num" }, fmt(o.utility, 4)), el("td", { class: "num" }, o.probability < 1e-4 ? o.probability.toExponential(1) : fmt(o.probability, 4)),
        el("td", {}, o.delta === d.chosen ? "✓ chosen" : ""))))));
}
