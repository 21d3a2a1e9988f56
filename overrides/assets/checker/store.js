// What the tab remembers (sessionStorage) and the share link (after the #, never sent to a
// server). Anything unreadable is reported, never trusted.
import { isObject } from "./dom.js";

const STORE_KEY = "relaxer-guide.checker";
export const LINK_KEY = "answers=";
export const UNREADABLE = "These saved answers could not be read";

// The plan's JSON shape, as decision writes it (engine.PLAN_SHAPE, stamped into every page by
// sitebuild/plan_version.py): a stored plan is checked against it before any view uses it.
function planShape() {
  try {
    return JSON.parse(document.querySelector('meta[name="rg-plan-shape"]')?.content || "null");
  } catch {
    return null;
  }
}

// Whether JSON data has the shape (decision.engine.fits reads the same shapes): "string", [item],
// {key: shape} or {"*": shape} for any key.
function fits(value, shape) {
  if (shape === "string") return typeof value === "string";
  if (Array.isArray(shape)) return Array.isArray(value) && value.every((item) => fits(item, shape[0]));
  if (!isObject(shape) || !isObject(value)) return false;
  if ("*" in shape) return Object.values(value).every((item) => fits(item, shape["*"]));
  return Object.entries(shape).every(([key, inner]) => fits(value[key], inner));
}

function planProblem(plan) {
  const known = planShape();
  if (!isObject(known)) return OLDER; // a page without the stamp: trust no stored plan
  const since = Object.fromEntries(known.since.map((key) => [key, known.shape[key]]));
  if (!fits(plan, since)) return "the saved plan is incomplete";
  return fits(plan, known.shape) ? null : OLDER;
}

// A plan saved by an earlier build (other fields, or sections this site no longer has).
export const OLDER = "they were saved by an older version of this site";

// The sections this build has (sitebuild/plan_version.py stamps every page with them).
const sectionsStamp = () => document.querySelector('meta[name="rg-sections"]')?.content || "";

// -> {state, stale} | {error} | {} (nothing saved). `stale`: the plan was made for other
// sections than this build's (a deploy since): its answers are fine, its plan is not.
export function loadState() {
  let text = null;
  try {
    text = sessionStorage.getItem(STORE_KEY);
  } catch {
    return {};
  }
  if (text === null) return {};
  let state;
  try {
    state = JSON.parse(text);
  } catch {
    return { error: "the saved data is damaged" };
  }
  if (!isObject(state) || !isObject(state.answers)) return { error: "the saved answers are missing" };
  const problem = state.plan === undefined ? null : planProblem(state.plan);
  if (problem) return { error: problem };
  const stale = Boolean(state.plan && state.sections && sectionsStamp() && state.sections !== sectionsStamp());
  return { state, stale };
}

export function saveState(state) {
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify({ ...state, sections: sectionsStamp() }));
  } catch {
    // Storage off or full: the plan still shows on this page, it just is not remembered.
  }
}

export function clearState() {
  try {
    sessionStorage.removeItem(STORE_KEY);
  } catch {
    // Nothing was stored.
  }
}

export function linkToken() {
  return location.hash.startsWith(`#${LINK_KEY}`) ? location.hash.slice(LINK_KEY.length + 1) : null;
}

export function setLinkToken(token) {
  const url = new URL(location.href);
  url.hash = token ? LINK_KEY + token : "";
  history.replaceState(history.state, "", token ? url.href : url.href.replace(/#$/, ""));
}

export function shareURL(token) {
  const url = new URL(location.href);
  url.hash = LINK_KEY + token;
  return url.href;
}
