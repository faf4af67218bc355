// Briefing and export: the HTML briefing as a report job, opened in the browser or printed to PDF on the server.
import { post, runJob } from "../api.js";
import { el, status, showError, progressBar } from "../ui.js";
import { needScenario } from "./situation.js";

export async function render(main, ctx) {
  if (needScenario(main, ctx)) return;
  const runs = el("input", { type: "number", id: "report-runs", min: 10, value: ctx.params.get("runs") || 2000 });
  const claimRuns = el("input", { type: "number", id: "report-claim-runs", min: 10, value: ctx.params.get("claim_runs") || 1000 });
  const screenRuns = el("input", { type: "number", id: "report-screening-runs", min: 10, value: ctx.params.get("screening_runs") || 100 });
  const msg = el("div", { class: "status", role: "status", id: "report-status" });
  const prog = el("div");
  const out = el("div", { id: "report-result" });
  const form = el("form", { class: "row", id: "report-form" }, el("label", {}, "Runs", runs), el("label", {}, "Runs per claim arm", claimRuns), el("label", {}, "Screening runs per point", screenRuns),
    el("button", { type: "submit", id: "make-report" }, "Make the briefing"));
  main.append(el("h2", {}, "Briefing and export"),
    el("p", { class: "lead" }, "The self-contained HTML briefing (situation, outcomes, claims, sensitivity, provenance) is made on the server as a job. Open it, save it, or download it as PDF (printed by headless Chromium on the server). Every chart on the other pages has PNG and SVG buttons, every table a CSV button."),
    form, prog, msg, out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const bar = progressBar("Briefing progress");
    prog.replaceChildren(bar.node);
    status(msg, "Making the briefing…");
    try {
      const { job } = await runJob("report", ctx.scenario, { runs: +runs.value, claims: { runs: +claimRuns.value, screening_runs: +screenRuns.value, trajectories: 2, levels: 3 } }, (p) => bar.update(p), (j) => {
        bar.cancel.disabled = j.cached; bar.cancel.onclick = () => post(`/jobs/${j.id}/cancel`).catch(() => {});
      });
      bar.update({ status: "succeeded" }); bar.cancel.disabled = true;
      status(msg, `Briefing ready (job ${job.id}).`, "ok");
      const pdfMsg = el("span", { class: "status", id: "pdf-status" });
      out.replaceChildren(el("div", { class: "row" },
        el("a", { href: `/api/v1/jobs/${job.id}/result`, target: "_blank", rel: "noopener", id: "open-briefing" }, "Open the HTML briefing"),
        el("a", { href: `/api/v1/jobs/${job.id}/result`, download: `briefing-${ctx.scenario}.html`, id: "download-html" }, "Download HTML"),
        el("a", { href: `/api/v1/jobs/${job.id}/pdf`, download: `briefing-${ctx.scenario}.pdf`, id: "download-pdf" }, "Download PDF"), pdfMsg),
        el("iframe", { src: `/api/v1/jobs/${job.id}/result`, title: "The briefing", style: "width:100%;height:640px;border:1px solid #c9d1d9", id: "briefing-frame" }));
    } catch (e) { status(msg, e.message, "err"); showError(out, e); }
  });
}
