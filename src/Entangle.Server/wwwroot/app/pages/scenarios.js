// Scenarios: upload or open, edit in a YAML editor with the server's located diagnostics, save versions, see what changed.
import { get, post, Problem, setScenario } from "../api.js";
import { el, status, problemList, table } from "../ui.js";

let schemaKeys = null;
async function keysFromSchema() {
  if (schemaKeys) return schemaKeys;
  const schema = await fetch("schemas/scenario.schema.json").then((r) => r.json());
  const found = new Map();
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.properties) for (const [k, v] of Object.entries(node.properties)) { if (!found.has(k)) found.set(k, v.description || ""); walk(v); }
    for (const key of ["items", "additionalProperties", "$defs", "oneOf", "anyOf", "allOf"]) {
      const v = node[key];
      if (Array.isArray(v)) v.forEach(walk); else if (v && typeof v === "object") (key === "$defs" ? Object.values(v).forEach(walk) : walk(v));
    }
  };
  walk(schema);
  schemaKeys = [...found.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return schemaKeys;
}

function schemaHint(cm) {
  const cur = cm.getCursor();
  const line = cm.getLine(cur.line);
  let start = cur.ch;
  while (start > 0 && /[\w-]/.test(line[start - 1])) start--;
  const word = line.slice(start, cur.ch);
  const list = (schemaKeys || []).filter(([k]) => k.startsWith(word)).map(([k, d]) => ({ text: k + ": ", displayText: d ? `${k} — ${d.slice(0, 70)}` : k }));
  return { list, from: CodeMirror.Pos(cur.line, start), to: CodeMirror.Pos(cur.line, cur.ch) };
}

export async function render(main, ctx) {
  // the bundle being edited: root file name and every file's text
  const state = { root: null, files: {}, open: null, problems: [] };
  main.append(
    el("h2", {}, "Scenarios"),
    el("p", { class: "lead" }, "Upload a scenario (one YAML file, several files, or a zip with its includes) or open a stored one. Problems are shown at file:line:col, in the list and in the editor's margin. Saving stores a new version when the content changed."));

  const fileInput = el("input", { type: "file", id: "upload-file", multiple: true, accept: ".yaml,.yml,.zip,application/zip" });
  const rootPick = el("select", { id: "root-file", "aria-label": "Root file of the bundle" });
  const fileOpen = el("select", { id: "open-file", "aria-label": "File shown in the editor" });
  const msg = el("div", { class: "status", id: "scenario-status", role: "status" });
  const problemsBox = el("div", { id: "problems-box" });
  const editorHost = el("div", { id: "editor" });
  const validateBtn = el("button", { type: "button", id: "validate" }, "Validate");
  const saveBtn = el("button", { type: "button", id: "save" }, "Save as new version");

  main.append(el("div", { class: "cols" },
    el("section", { "aria-labelledby": "edit-h" },
      el("h3", { id: "edit-h" }, "Editor"),
      el("div", { class: "row" },
        el("label", {}, "Upload YAML or zip", fileInput),
        el("label", {}, "Root file", rootPick),
        el("label", {}, "Show file", fileOpen)),
      el("p", { class: "muted" }, "Ctrl-Space completes a field name from the scenario JSON Schema."),
      editorHost,
      el("div", { class: "row" }, validateBtn, saveBtn),
      msg, problemsBox),
    el("section", { "aria-labelledby": "stored-h" }, el("h3", { id: "stored-h" }, "Stored scenarios"), el("div", { id: "stored" }),
      el("h3", {}, "Versions and changes"), el("div", { id: "versions" }))));

  keysFromSchema().catch(() => {});
  const cm = CodeMirror(editorHost, {
    mode: "yaml", lineNumbers: true, gutters: ["CodeMirror-lint-markers", "CodeMirror-linenumbers"], indentUnit: 2, tabSize: 2,
    screenReaderLabel: "Scenario YAML editor", inputStyle: "contenteditable",
    extraKeys: { "Ctrl-Space": (c) => c.showHint({ hint: schemaHint, completeSingle: false }), Tab: (c) => c.replaceSelection("  ") },
    lint: { getAnnotations: () => annotations(), lintOnChange: false },
  });
  cm.getWrapperElement().setAttribute("aria-label", "Scenario YAML editor");
  window.__editor = cm; // for the browser tests: the editor's content and markers

  function annotations() {
    return state.problems.filter((p) => p.file === state.open && p.line).map((p) => ({
      from: CodeMirror.Pos(p.line - 1, Math.max(0, (p.column || 1) - 1)), to: CodeMirror.Pos(p.line - 1, Math.max(1, (p.column || 1))),
      message: p.message, severity: "error" }));
  }
  function syncOpen() { if (state.open) state.files[state.open] = cm.getValue(); }
  function openFile(name) {
    syncOpen();
    state.open = name;
    fileOpen.value = name;
    cm.setValue(state.files[name] ?? "");
    cm.performLint();
  }
  function setBundle(root, files) {
    state.root = root; state.files = files; state.open = null; state.problems = [];
    const names = Object.keys(files).sort();
    rootPick.replaceChildren(...names.filter((n) => /\.ya?ml$/i.test(n)).map((n) => el("option", { value: n }, n)));
    rootPick.value = root;
    fileOpen.replaceChildren(...names.map((n) => el("option", { value: n }, n)));
    problemsBox.replaceChildren();
    openFile(root);
  }
  function showProblems(errors) {
    state.problems = errors.map((e) => ({ ...e, file: e.file && state.files[e.file] === undefined && state.files[e.file?.replace(/^\.\//, "")] !== undefined ? e.file.replace(/^\.\//, "") : e.file }));
    problemsBox.replaceChildren(problemList(state.problems, (p) => {
      if (p.file && state.files[p.file] !== undefined && p.file !== state.open) openFile(p.file);
      cm.focus(); cm.setCursor({ line: p.line - 1, ch: Math.max(0, (p.column || 1) - 1) });
    }));
    cm.performLint();
  }
  const bundleBody = () => { syncOpen(); return { root: rootPick.value || state.root, files: state.files }; };

  async function send(path) {
    if (!state.root) { status(msg, "Upload a file or open a stored scenario first.", "err"); return null; }
    status(msg, path === "/scenarios" ? "Saving…" : "Validating…");
    try {
      const r = await post(path, bundleBody());
      showProblems(r.warnings || []);
      status(msg, r.stored ? `Valid. Stored as ${r.stored.id} version ${r.stored.version}${r.created ? " (new version)" : " (unchanged: same content hash)"}.` : `Valid: ${r.id} — ${r.title}.`, "ok");
      return r;
    } catch (e) {
      if (e instanceof Problem && e.errors.length) {
        showProblems(e.errors);
        status(msg, `${e.body.total ?? e.errors.length} problem${(e.body.total ?? e.errors.length) === 1 ? "" : "s"} found.`, "err");
      } else status(msg, e.message, "err");
      return null;
    }
  }
  validateBtn.addEventListener("click", () => send("/scenarios/validate"));
  saveBtn.addEventListener("click", async () => {
    const r = await send("/scenarios");
    if (r?.stored) { setScenario(r.stored.id); await ctx.refreshScenarios(r.stored.id); await showStored(r.stored.id); }
  });
  fileOpen.addEventListener("change", () => openFile(fileOpen.value));

  fileInput.addEventListener("change", async () => {
    const files = [...fileInput.files];
    if (!files.length) return;
    if (files.length === 1 && /\.zip$/i.test(files[0].name)) {
      // a zip goes to the server as it is; the stored files come back for the editor
      status(msg, "Uploading the zip…");
      try {
        const bytes = await files[0].arrayBuffer();
        const root = zipRoot(zipNames(bytes));
        const r = await post(`/scenarios${root ? "?root=" + encodeURIComponent(root) : ""}`, bytes, "application/zip");
        await ctx.refreshScenarios(r.stored.id);
        await openStored(r.stored.id, r.stored.version);
        showProblems(r.warnings || []);
        status(msg, `Valid. Stored as ${r.stored.id} version ${r.stored.version}${r.created ? " (new version)" : " (unchanged: same content hash)"}; opened its ${r.stored.files.length} files.`, "ok");
        await showStored(r.stored.id);
      } catch (e) {
        status(msg, e.errors?.length ? `${e.body.total ?? e.errors.length} problems found in the zip.` : e.message, "err");
        problemsBox.replaceChildren(problemList(e.errors || []));
      }
      return;
    }
    const texts = {};
    for (const f of files) texts[f.webkitRelativePath || f.name] = await f.text();
    setBundle(Object.keys(texts)[0], texts);
    await send("/scenarios/validate");
  });

  async function openStored(id, version) {
    const info = await get(`/scenarios/${encodeURIComponent(id)}${version ? "?version=" + version : ""}`);
    const files = {};
    for (const f of info.files) files[f] = await fetch(`/api/v1/scenarios/${encodeURIComponent(id)}/files/${f.split("/").map(encodeURIComponent).join("/")}?version=${info.version}`).then((r) => r.text());
    setBundle(info.root, files);
    status(msg, `Opened ${id} version ${info.version} (${info.files.length} files).`, "ok");
  }

  async function showStored(select) {
    const list = await get("/scenarios");
    const box = main.querySelector("#stored");
    box.replaceChildren(list.length ? table("stored-scenarios", "Latest version of each stored scenario", [
      { key: "id", label: "Scenario" }, { key: "title", label: "Title" }, { key: "version", label: "Version", num: true },
      { key: "created_by", label: "By" }, { key: "created_at", label: "When" },
      { label: "", render: (s) => el("button", { type: "button", class: "secondary", onclick: () => { openStored(s.id); showVersions(s.id); }, "aria-label": `Open ${s.id}` }, "Open"), csv: () => "" },
    ], list) : el("p", { class: "muted" }, "Nothing stored yet."));
    if (select || ctx.scenario) await showVersions(select || ctx.scenario);
  }

  async function showVersions(id) {
    const box = main.querySelector("#versions");
    let versions;
    try { versions = await get(`/scenarios/${encodeURIComponent(id)}/versions`); } catch { box.replaceChildren(); return; }
    const from = el("select", { id: "diff-from", "aria-label": "Compare from version" }, versions.map((v) => el("option", { value: v.version }, `v${v.version}`)));
    const to = el("select", { id: "diff-to", "aria-label": "Compare to version" }, versions.map((v) => el("option", { value: v.version }, `v${v.version}`)));
    from.value = versions[Math.max(0, versions.length - 2)].version; to.value = versions[versions.length - 1].version;
    const out = el("div", { id: "diff" });
    box.replaceChildren(
      table("versions-table", `Versions of ${id}`, [
        { key: "version", label: "Version", num: true }, { label: "Hash", render: (v) => v.hash.slice(0, 12) }, { key: "created_by", label: "By" }, { key: "created_at", label: "When" },
        { label: "Files", render: (v) => String(v.files.length) }], versions),
      el("div", { class: "row" }, el("label", {}, "From", from), el("label", {}, "To", to),
        el("button", { type: "button", id: "show-diff", onclick: () => diff(id, +from.value, +to.value, out) }, "Show changes")),
      out);
  }

  await showStored();
  if (ctx.scenario) await openStored(ctx.scenario).catch(() => {});
}

/** The line changes between two stored versions, file by file (a longest-common-subsequence line diff: presentation only). */
async function diff(id, a, b, out) {
  const [va, vb] = await Promise.all([a, b].map((v) => get(`/scenarios/${encodeURIComponent(id)}?version=${v}`)));
  const text = (v, f) => fetch(`/api/v1/scenarios/${encodeURIComponent(id)}/files/${f.split("/").map(encodeURIComponent).join("/")}?version=${v}`).then((r) => r.ok ? r.text() : "");
  const names = [...new Set([...va.files, ...vb.files])].sort();
  const parts = [];
  for (const f of names) {
    const [x, y] = await Promise.all([va.files.includes(f) ? text(a, f) : "", vb.files.includes(f) ? text(b, f) : ""]);
    if (x === y) continue;
    parts.push(el("h4", {}, f), el("div", { class: "diff", tabindex: 0, role: "region", "aria-label": `Changes in ${f}` }, lineDiff(x.split("\n"), y.split("\n"))));
  }
  out.replaceChildren(...(parts.length ? parts : [el("p", { class: "muted" }, `v${a} and v${b} have the same files.`)]));
}

function lineDiff(a, b) {
  const n = a.length, m = b.length;
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const ops = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push(["same", a[i], j + 1]); i++; j++; }
    else if (j < m && (i >= n || L[i][j + 1] >= L[i + 1][j])) { ops.push(["add", b[j], j + 1]); j++; }
    else { ops.push(["del", a[i], i + 1]); i++; }
  }
  // changed lines with two lines of context on each side
  const near = ops.map((_, k) => ops.slice(Math.max(0, k - 2), k + 3).some((o) => o[0] !== "same"));
  const rows = [];
  ops.forEach(([cls, text, line], k) => {
    if (near[k]) rows.push(el("div", { class: cls }, `${String(line).padStart(4)}  ${text}`));
    else if (k > 0 && near[k - 1]) rows.push(el("div", { class: "muted" }, "    …"));
  });
  return rows;
}

/** The names of a zip's entries, read from its central directory (the server does the unpacking; this only picks the root). */
export function zipNames(buffer) {
  const v = new DataView(buffer);
  let eocd = -1;
  for (let i = v.byteLength - 22; i >= Math.max(0, v.byteLength - 65557); i--) if (v.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return [];
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  const names = [];
  const dec = new TextDecoder();
  for (let k = 0; k < count && at + 46 <= v.byteLength && v.getUint32(at, true) === 0x02014b50; k++) {
    const n = v.getUint16(at + 28, true), x = v.getUint16(at + 30, true), c = v.getUint16(at + 32, true);
    names.push(dec.decode(new Uint8Array(buffer, at + 46, n)));
    at += 46 + n + x + c;
  }
  return names;
}

/** The root file of a zip: the only .yaml file at the shallowest depth that has any (null when that is not one file: the server then says so). */
function zipRoot(names) {
  const yaml = names.filter((n) => /\.ya?ml$/i.test(n));
  if (!yaml.length) return null;
  const depth = (n) => n.split("/").length;
  const min = Math.min(...yaml.map(depth));
  const top = yaml.filter((n) => depth(n) === min);
  return top.length === 1 ? top[0] : null;
}
