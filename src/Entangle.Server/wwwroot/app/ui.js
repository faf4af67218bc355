// Small DOM helpers, tables with CSV export, charts (ECharts) with PNG and SVG export, downloads.

/** el("div", {class: "x"}, child, "text", …) */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "html") e.innerHTML = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export const fmt = (x, d = 3) => x === null || x === undefined ? "–" : typeof x === "number" ? (Number.isInteger(x) && d > 0 ? String(x) : x.toFixed(d)) : String(x);
export const pct = (x) => x === null || x === undefined ? "–" : (100 * x).toFixed(1) + "%";
export const interval = (e, f = pct) => e ? `${f(e.estimate ?? e.p)} [${f(e.lo)}, ${f(e.hi)}]` : "–";

/** A source or judgement mark: every figure says where it came from, and a judgement says it is one. */
export function provenance(source, basis) {
  const judgement = basis === "judgement" || /^analyst judgement/i.test(source || "");
  return el("span", {}, judgement ? el("span", { class: "badge judgement", title: "This value is an analyst's judgement, not a sourced fact" }, "judgement") : el("span", { class: "badge source" }, "source"),
    " ", el("span", { class: "muted" }, source || ""));
}

export function status(node, text, kind = "") {
  node.className = "status " + kind;
  node.textContent = text;
}

export function download(name, data, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table with a caption and a "CSV" button. columns: [{key, label, num?, render?(row) → Node|string, csv?(row)}].
 */
export function table(id, caption, columns, rows) {
  const t = el("table", { id },
    el("caption", { class: "muted" }, caption),
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.num ? "num" : null }, c.label)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, columns.map((c) => el("td", { class: c.num ? "num" : null }, c.render ? c.render(r) : fmt(r[c.key])))))));
  const csv = () => [columns.map((c) => csvCell(c.label)).join(","),
    ...rows.map((r) => columns.map((c) => csvCell(c.csv ? c.csv(r) : c.render ? textOf(c.render(r)) : r[c.key])).join(","))].join("\n") + "\n";
  return el("div", { class: "table-wrap" }, t,
    el("div", { class: "tools" }, el("button", { type: "button", class: "secondary", onclick: () => download(`${id}.csv`, csv(), "text/csv") , "aria-label": `Download the table ${caption} as CSV` }, "CSV")));
}
const textOf = (n) => n instanceof Node ? n.textContent : n;

/** An ECharts chart in a figure with PNG and SVG export. option: an ECharts option; caption: what it shows. */
export function chart(id, caption, option, height = 320) {
  const box = el("div", { class: "chart", id, role: "img", "aria-label": caption, style: `height:${height}px` });
  const fig = el("figure", {}, box, el("figcaption", {}, caption));
  const full = { aria: { enabled: true }, animation: false, backgroundColor: "#ffffff", textStyle: { fontFamily: "DejaVu Sans, sans-serif" }, ...option };
  let instance = null;
  const draw = () => {
    if (instance || !box.isConnected) return;
    instance = echarts.init(box, null, { renderer: "canvas" });
    instance.setOption(full);
    box.dataset.rendered = "true";
  };
  const svg = () => {
    const w = box.clientWidth || 800, h = box.clientHeight || height;
    const tmp = echarts.init(null, null, { renderer: "svg", ssr: true, width: w, height: h });
    tmp.setOption(full);
    const s = tmp.renderToSVGString();
    tmp.dispose();
    return s;
  };
  fig.append(el("div", { class: "tools" },
    el("button", { type: "button", class: "secondary", "aria-label": `Download the chart ${caption} as PNG`, onclick: () => { draw(); download(`${id}.png`, dataUrlBlob(instance.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" })), "image/png"); } }, "PNG"),
    el("button", { type: "button", class: "secondary", "aria-label": `Download the chart ${caption} as SVG`, onclick: () => download(`${id}.svg`, svg(), "image/svg+xml") }, "SVG")));
  queueMicrotask(draw);
  requestAnimationFrame(draw);
  new ResizeObserver(() => instance?.resize()).observe(box);
  return fig;
}

export function dataUrlBlob(url) {
  const [head, data] = url.split(",");
  const type = head.match(/data:([^;]+)/)[1];
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** PNG and SVG export of an SVG element drawn by the page (the map). */
export function svgTools(name, svgNode, caption) {
  const serial = () => new XMLSerializer().serializeToString(svgNode);
  const png = () => {
    const vb = svgNode.viewBox.baseVal;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([serial()], { type: "image/svg+xml" }));
    img.onload = () => {
      const c = el("canvas", { width: vb.width * 2, height: vb.height * 2 });
      const g = c.getContext("2d");
      g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      URL.revokeObjectURL(url);
      c.toBlob((b) => download(`${name}.png`, b, "image/png"));
    };
    img.src = url;
  };
  return el("div", { class: "tools" },
    el("button", { type: "button", class: "secondary", "aria-label": `Download ${caption} as PNG`, onclick: png }, "PNG"),
    el("button", { type: "button", class: "secondary", "aria-label": `Download ${caption} as SVG`, onclick: () => download(`${name}.svg`, serial(), "image/svg+xml") }, "SVG"));
}

/** A located problem list; onPick(line, col) moves the editor there. */
export function problemList(errors, onPick) {
  return el("ul", { class: "problems", id: "problems", "aria-label": "Problems" }, errors.map((e) =>
    el("li", {}, onPick && e.line ? el("button", { type: "button", class: "secondary", onclick: () => onPick(e), "aria-label": `Go to line ${e.line}` }, "go") : null,
      `${e.file ?? ""}${e.line ? ":" + e.line : ""}${e.column ? ":" + e.column : ""}: ${e.message}`)));
}

export function showError(node, e) {
  node.replaceChildren(el("p", { class: "err", role: "alert" }, e.message || String(e)), e.errors?.length ? problemList(e.errors) : "");
}

/** Job progress: a labelled progress bar, a percentage, and a cancel button. */
export function progressBar(label) {
  const bar = el("progress", { max: 100, value: 0, "aria-label": label, id: "job-progress" });
  const text = el("span", { class: "pct", id: "job-progress-text" }, "queued");
  const cancel = el("button", { type: "button", class: "secondary", id: "job-cancel", disabled: true }, "Cancel");
  const node = el("div", { class: "row", role: "status" }, el("label", { class: "inline" }, label, bar), text, cancel);
  return {
    node, cancel,
    update(p) {
      if (p.total) { const v = Math.round(100 * p.done / p.total); bar.value = v; text.textContent = `${v}% (${p.done} of ${p.total} runs) · ${p.status}`; }
      else text.textContent = p.status;
      if (p.status === "succeeded") { bar.value = 100; text.textContent = `100% · succeeded`; }
    },
  };
}
