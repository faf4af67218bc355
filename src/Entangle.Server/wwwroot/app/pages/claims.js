// Counterfactuals and claims: the verdict table with effect intervals, what each verdict hinges on (tornado), a judgement
// moved with a slider and the verdicts recomputed as a job, and a baseline compared with a variant side by side.
import { get, post, runJob } from "../api.js";
import { el, table, chart, status, showError, progressBar, interval, fmt } from "../ui.js";
import { needScenario } from "./situation.js";

const verdict = (v) => el("span", { class: `verdict ${v}` }, v);
const num = (x) => fmt(x, 3);
const est = (e) => e ? `${num(e.estimate)} [${num(e.lo)}, ${num(e.hi)}]` : "–";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const id = encodeURIComponent(ctx.scenario);
  const show = await get(`/scenarios/${id}/show`);
  const runs = el("input", { type: "number", id: "claims-runs", min: 10, value: ctx.params.get("runs") || 1000 });
  const screenRuns = el("input", { type: "number", id: "claims-screening-runs", min: 10, value: ctx.params.get("screening_runs") || 100 });
  const traj = el("input", { type: "number", id: "claims-trajectories", min: 2, value: 2 });
  const levels = el("input", { type: "number", id: "claims-levels", min: 2, value: 3 });
  const seed = el("input", { type: "number", id: "claims-seed", min: 0, value: 1 });
  const msg = el("div", { class: "status", role: "status", id: "claims-status" });
  const prog = el("div");
  const out = el("div", { id: "claims-result" });
  const form = el("form", { class: "row", id: "claims-form" },
    el("label", {}, "Runs per arm", runs), el("label", {}, "Screening runs per point", screenRuns), el("label", {}, "Morris trajectories", traj),
    el("label", {}, "Scan points", levels), el("label", {}, "Seed", seed), el("button", { type: "submit", id: "run-claims" }, "Test the claims"));
  main.append(el("h2", {}, "Claims and counterfactuals"),
    el("p", { class: "lead" }, "Each claim of the scenario is tested against its counterfactual with paired runs. A verdict holds under the scenario's assumptions only; “inconclusive” means the interval does not decide; “untestable” means no mechanism of the model links the counterfactual to the claim's metric; “bounded” means a path exists but the ranges of its parameters cap the effect below the claim's minimum. Small run counts give wide intervals."),
    form, prog, msg, out);

  const base = () => ({ runs: +runs.value, screening_runs: +screenRuns.value, trajectories: +traj.value, levels: +levels.value, seed: +seed.value });

  async function job(kind, request, label, box) {
    const bar = progressBar(label);
    box.replaceChildren(bar.node);
    const r = await runJob(kind, ctx.scenario, request, (p) => bar.update(p), (j) => {
      bar.cancel.disabled = j.cached;
      bar.cancel.onclick = () => post(`/jobs/${j.id}/cancel`).catch(() => {});
    });
    bar.update({ status: "succeeded" }); bar.cancel.disabled = true;
    return r;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status(msg, "Testing the claims (a job on the server)…");
    try {
      const { result } = await job("claims", base(), "Claims progress", prog);
      status(msg, `${result.claims.length} claims tested with ${result.settings.runs} runs per arm.`, "ok");
      showClaims(result);
    } catch (e) { status(msg, e.message, "err"); showError(out, e); }
  });

  function verdictTable(idName, caption, claims, extra = []) {
    return table(idName, caption, [
      { key: "id", label: "Claim" }, { label: "Statement", render: (c) => c.statement },
      { label: "Verdict", render: (c) => verdict(c.verdict), csv: (c) => c.verdict },
      { label: "With", render: (c) => est(c.with) }, { label: "Without (counterfactual)", render: (c) => est(c.without) },
      { label: "Effect (with − without), 95%", render: (c) => est(c.difference) },
      { label: "Minimum effect", render: (c) => el("span", {}, `${num(c.minimum_effect)} `, el("span", { class: "badge judgement", title: c.minimum_effect_judgement }, "judgement")), csv: (c) => c.minimum_effect },
      { label: "Hinges on", render: (c) => c.hinges_on.map((h) => `${h.parameter}${h.flips_at != null ? " (flips at " + num(h.flips_at) + ")" : ""}`).join("; ") || "–" },
      ...extra], claims);
  }

  function showClaims(res) {
    const params = res.settings.parameters;
    const pick = el("select", { id: "judgement", "aria-label": "Judgement to move" }, params.map((p) => el("option", { value: p.path }, `${p.path} (${p.basis}; range ${num(p.lo)}–${num(p.hi)})`)));
    const slider = el("input", { type: "range", id: "judgement-slider", "aria-label": "Value of the judgement" });
    const value = el("output", { id: "judgement-value", for: "judgement-slider" });
    const why = el("p", { class: "muted", id: "judgement-text" });
    const reBox = el("div", { id: "recomputed" });
    const reProg = el("div");
    const setRange = () => {
      const p = params.find((x) => x.path === pick.value);
      slider.min = p.lo; slider.max = p.hi; slider.step = (p.hi - p.lo) / 20;
      const v = parseFloat(p.value); slider.value = isFinite(v) && v >= p.lo && v <= p.hi ? v : (p.lo + p.hi) / 2;
      value.textContent = num(+slider.value);
      why.replaceChildren(el("span", { class: "badge judgement" }, "judgement"), ` ${p.text} Scenario value: ${p.value}; range: ${p.range}.`);
    };
    pick.addEventListener("change", setRange);
    slider.addEventListener("input", () => { value.textContent = num(+slider.value); });
    slider.addEventListener("change", async () => {
      const set = `${pick.value}=${+(+slider.value).toPrecision(6)}`;
      status(msg, `Recomputing the verdicts with ${set}…`);
      try {
        const { result } = await job("claims", { ...base(), screen: false, overrides: [set] }, "Recompute progress", reProg);
        const before = new Map(res.claims.map((c) => [c.id, c.verdict]));
        reBox.replaceChildren(el("h4", {}, `Verdicts with ${set}`),
          verdictTable("recomputed-table", `Verdicts recomputed with ${set} (a judgement moved; screening skipped)`, result.claims,
            [{ label: "Before", render: (c) => verdict(before.get(c.id) ?? "–"), csv: (c) => before.get(c.id) },
             { label: "Changed?", render: (c) => before.get(c.id) === c.verdict ? "no" : "yes: verdict changed" }]));
        status(msg, `Recomputed with ${set}.`, "ok");
      } catch (e) { status(msg, e.message, "err"); showError(reBox, e); }
    });
    out.replaceChildren(
      verdictTable("claims-table", "Claims: verdicts under the scenario's assumptions, with 95% intervals", res.claims),
      el("p", { class: "muted" }, res.settings.verdict_rule),
      ...res.claims.map((c) => el("details", { class: "claim" }, el("summary", {}, `${c.id}: ${c.title} — `, verdict(c.verdict)),
        el("blockquote", { lang: "nl" }, c.quote), el("p", {}, el("em", {}, c.gloss)), el("p", {}, el("span", { class: "badge source" }, "source"), " ", c.source),
        c.note ? el("p", { class: "muted" }, c.note) : "",
        c.screening?.length ? chart(`tornado-${c.id}`, `Tornado, ${c.id}: change in the decisive quantity across each parameter's range (one-at-a-time scan), most influential first`, tornado(c), 60 + 28 * Math.min(10, c.screening.length)) : el("p", { class: "muted" }, "No screening (run with screening to see what the verdict hinges on)."))),
      el("h3", {}, "Move a judgement"),
      el("p", { class: "lead" }, "Pick one of the screened judgements and move it: the verdicts are recomputed on the server with that value (a claims job without screening)."),
      el("div", { class: "slider-row" }, el("label", {}, "Judgement", pick), el("label", {}, "Value", slider), value), why, reProg, reBox);
    setRange();
    window.__claims = res;
  }

  // ---- compare: the scenario and a variant, paired
  const without = el("select", { id: "compare-without", multiple: true, size: 4, "aria-label": "Treaties to remove in the variant" }, show.treaties.map((t) => el("option", { value: t.id }, t.id)));
  const set = el("input", { type: "text", id: "compare-set", size: 36, placeholder: "actor.USA.resolve=0.8" });
  const cruns = el("input", { type: "number", id: "compare-runs", min: 10, value: 1000 });
  const cmsg = el("div", { class: "status", role: "status" });
  const cprog = el("div"), cout = el("div", { id: "compare-result" });
  const cform = el("form", { class: "row", id: "compare-form" }, el("label", {}, "Variant: remove treaties", without), el("label", {}, "Variant: set (PATH=VALUE, comma-separated)", set),
    el("label", {}, "Runs per arm", cruns), el("button", { type: "submit" }, "Compare"));
  main.append(el("h3", {}, "Compare a baseline with a variant"), cform, cprog, cmsg, cout);
  cform.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const req = { runs: +cruns.value, without: [...without.selectedOptions].map((o) => o.value), set: set.value.split(",").map((x) => x.trim()).filter(Boolean) };
    status(cmsg, "Comparing…");
    try {
      const { result } = await job("compare", req, "Compare progress", cprog);
      status(cmsg, `${result.variant}: ${result.runs} paired runs per arm.`, "ok");
      cout.replaceChildren(table("compare-table", `Baseline and variant (${result.variant}) side by side, paired 95% intervals`, [
        { key: "metric", label: "Metric" }, { label: "Baseline", render: (m) => est(m.with) }, { label: "Variant", render: (m) => est(m.without) },
        { label: "Difference (baseline − variant)", render: (m) => est(m.difference) }, { label: "Meaning", render: (m) => m.description + (m.note ? ` (${m.note})` : "") }], result.metrics));
    } catch (e) { status(cmsg, e.message, "err"); showError(cout, e); }
  });
}

function tornado(c) {
  const rows = [...c.screening].sort((a, b) => b.mu_star - a.mu_star).slice(0, 10).reverse();
  const ends = rows.map((h) => { const v = h.scan.map((s) => s.estimate); return [Math.min(...v), Math.max(...v)]; });
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, grid: { left: 230, right: 30, top: 10, bottom: 30 },
    xAxis: { type: "value", name: "decisive quantity", scale: true },
    yAxis: { type: "category", data: rows.map((h) => h.parameter), axisLabel: { width: 220, overflow: "truncate" } },
    series: [
      { name: "low end", type: "bar", stack: "t", stackStrategy: "all", data: ends.map((e) => e[0]), itemStyle: { color: "rgba(0,0,0,0)" }, tooltip: { show: false } },
      { name: "range over the scan", type: "bar", stack: "t", stackStrategy: "all", data: ends.map((e) => +(e[1] - e[0]).toFixed(6)), itemStyle: { color: "#1f5fa8", decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: 0.8 } },
        label: { show: true, position: "right", formatter: (p) => `${num(ends[p.dataIndex][0])} – ${num(ends[p.dataIndex][1])}` } },
    ],
  };
}
