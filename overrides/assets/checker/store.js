// What the tab remembers (sessionStorage) and the share link (after the #, never sent to a
// server). Anything unreadable is reported, never trusted.
import { isObject } from "./dom.js";

const STORE_KEY = "relaxer-guide.checker";
export const LINK_KEY = "answers=";
export const UNREADABLE = "These saved answers could not be read";

const strings = (list) => Array.isArray(list) && list.every((item) => typeof item === "string");

function planProblem(plan) {
  const fine =
    isObject(plan) &&
    typeof plan.triage === "string" &&
    typeof plan.summary === "string" &&
    Array.isArray(plan.show) &&
    plan.show.every((item) => isObject(item) && typeof item.id === "string" && typeof item.reason === "string") &&
    strings(plan.fold) &&
    strings(plan.always);
  if (!fine) return "the saved plan is incomplete";
  const current =
    isObject(plan.card) &&
    typeof plan.card.id === "string" &&
    strings(plan.card.lines) &&
    strings(plan.card.because) &&
    isObject(plan.layout) &&
    strings(plan.layout.lead) &&
    strings(plan.layout.fold) &&
    isObject(plan.layout.pages) &&
    Object.values(plan.layout.pages).every((page) => isObject(page) && strings(page.order) && strings(page.fold)) &&
    strings(plan.ask) &&
    strings(plan.notices);
  return current ? null : OLDER;
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
