// The workbench's router: one page module per route (#/NAME?s=SCENARIO&…), each rendering into <main>.
import { get, currentScenario, setScenario } from "./api.js";
import { el, showError } from "./ui.js";

const pages = {
  scenarios: () => import("./pages/scenarios.js"),
  situation: () => import("./pages/situation.js"),
  cascade: () => import("./pages/cascade.js"),
  runs: () => import("./pages/runs.js"),
  replay: () => import("./pages/replay.js"),
  claims: () => import("./pages/claims.js"),
  forecast: () => import("./pages/forecast.js"),
  briefing: () => import("./pages/briefing.js"),
};

const main = document.getElementById("main");
const picker = document.getElementById("scenario-picker");

export async function refreshScenarios(select) {
  const list = await get("/scenarios");
  picker.replaceChildren(el("option", { value: "" }, list.length ? "— pick a scenario —" : "— upload a scenario first —"),
    ...list.map((s) => el("option", { value: s.id }, `${s.id} (v${s.version})`)));
  const want = select ?? currentScenario();
  if (list.some((s) => s.id === want)) { picker.value = want; setScenario(want); }
  return list;
}

picker.addEventListener("change", () => {
  setScenario(picker.value);
  const [path, query] = location.hash.slice(2).split("?");
  const q = new URLSearchParams(query || "");
  q.set("s", picker.value);
  location.hash = `#/${path || "situation"}?${q}`;
});

async function route() {
  const [path, query] = location.hash.slice(2).split("?");
  const name = pages[path] ? path : "scenarios";
  const params = new URLSearchParams(query || "");
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.getAttribute("href") === `#/${name}`) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  document.body.dataset.page = name;
  document.body.dataset.ready = "false";
  main.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    await refreshScenarios(params.get("s") || undefined);
    const mod = await pages[name]();
    main.replaceChildren();
    await mod.render(main, { scenario: picker.value, params, refreshScenarios });
    document.title = `${main.querySelector("h2")?.textContent ?? name} · Entangle workbench`;
  } catch (e) {
    main.replaceChildren(el("h2", {}, "Something went wrong"));
    const box = el("div"); main.append(box); showError(box, e);
  }
  document.body.dataset.ready = "true";
}

window.addEventListener("hashchange", route);
route();
