// The REST API (/api/v1), as the pages use it. Every answer comes from the server; the pages compute nothing of the model.
const base = "/api/v1";

/** An RFC 9457 problem from the server, with its located errors (file, line, column, message). */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.errors = body?.errors || [];
  }
}

async function answer(r) {
  const type = r.headers.get("content-type") || "";
  if (!r.ok) {
    let body = null;
    try { body = type.includes("json") ? await r.json() : { detail: await r.text() }; } catch { body = null; }
    throw new Problem(r.status, body);
  }
  return type.includes("json") ? r.json() : r.text();
}

export const get = (path) => fetch(base + path).then(answer);
export const post = (path, body, contentType = "application/json") =>
  fetch(base + path, { method: "POST", headers: { "Content-Type": contentType }, body: contentType === "application/json" ? JSON.stringify(body ?? {}) : body }).then(answer);

/** The scenario the pages work on: the one picked in the header (kept in the address as ?s=ID). */
export function currentScenario() {
  return new URLSearchParams(location.hash.split("?")[1] || "").get("s") || localStorage.getItem("entangle.scenario") || "";
}
export function setScenario(id) { localStorage.setItem("entangle.scenario", id); }

/**
 * Follows a job's server-sent events until its one 'done' event. onProgress gets {status, done, total}.
 * Resolves with the final job (from GET /jobs/ID).
 */
export function follow(job, onProgress) {
  return new Promise((resolve, reject) => {
    const es = new EventSource(`${base}/jobs/${job.id}/events`);
    const finish = async () => { es.close(); try { resolve(await get(`/jobs/${job.id}`)); } catch (e) { reject(e); } };
    es.addEventListener("progress", (e) => onProgress?.(JSON.parse(e.data)));
    es.addEventListener("done", (e) => { onProgress?.(JSON.parse(e.data)); finish(); });
    es.onerror = () => { if (es.readyState === EventSource.CLOSED) finish(); };
  });
}

/** Starts a job (or gets the cached one) and follows it to its end; resolves with {job, result}. */
export async function runJob(kind, scenario, request, onProgress, onStart) {
  const job = await post(`/scenarios/${encodeURIComponent(scenario)}/${kind}`, request);
  onStart?.(job);
  const final = job.status === "succeeded" ? job : await follow(job, onProgress);
  if (final.status !== "succeeded") throw new Problem(409, { detail: `job ${final.id} ${final.status}${final.error ? ": " + final.error : ""}` });
  const result = await fetch(`${base}/jobs/${final.id}/result`).then(answer);
  return { job: final, result };
}
