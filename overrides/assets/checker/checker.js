// Relaxer Guide checker: the page glue. The rules live only in Python (decision.browser.handle),
// which runs in a Web Worker (checker-worker.js). This file reads the answers from the form,
// sends them as JSON, and applies the plan that comes back: the triage card, the reader's topics
// and the doctor summary on the start page; on every other page, the sections that fit first
// with their reason and the rest folded away (never removed). Answers stay in this browser tab
// (sessionStorage) or in a link the reader makes (after the #, which is never sent to a server).
(() => {
  "use strict";

  const ROOT = new URL("../../", document.currentScript.src); // this file is assets/checker/*.js
  const ASSETS = new URL("assets/checker/", ROOT);
  const STORE_KEY = "relaxer-guide.checker";
  const LINK_KEY = "answers=";
  const DEFAULT_TIMEOUT_MS = 15000;
  const UNREADABLE = "These saved answers could not be read";

  // ---------------------------------------------------------------- the worker, started once

  const runtimeEvents = new EventTarget();
  let runtime = null;

  function getRuntime() {
    if (!runtime) runtime = createRuntime();
    return runtime;
  }

  function createRuntime() {
    const emit = (type, detail) => runtimeEvents.dispatchEvent(new CustomEvent(type, { detail }));
    const pending = new Map();
    const started = performance.now();
    let worker = null;
    let nextId = 0;
    let settled = false;
    let broken = null;
    let timer = 0;
    let resolveReady;
    let rejectReady;
    const ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    ready.catch(() => {}); // failures are shown in the page, not thrown at the console

    const fail = (reason) => {
      broken = new Error(reason);
      for (const { reject } of pending.values()) reject(broken);
      pending.clear();
      if (worker) worker.terminate();
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        emit("failed", { reason });
        rejectReady(broken);
      }
    };
    // One deadline for the whole start, from the first byte: the config can only shorten it.
    const armDeadline = (ms) => {
      clearTimeout(timer);
      const left = Math.max(0, ms - (performance.now() - started));
      timer = setTimeout(() => fail(`it did not finish loading within ${ms / 1000} seconds`), left);
    };

    armDeadline(DEFAULT_TIMEOUT_MS);
    emit("progress", { step: 0, of: 3, label: "Starting" });
    (async () => {
      if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
        throw new Error("this browser cannot run it (it needs WebAssembly and Web Workers)");
      }
      const config = await fetchJSON(new URL("config.json", ASSETS));
      if (settled) return;
      armDeadline(Number(config.loadTimeoutMs) || DEFAULT_TIMEOUT_MS);
      // A classic worker: it loads pyodide.js with importScripts, so no file needs a module type.
      worker = new Worker(new URL("checker-worker.js", ASSETS));
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        fail(event.message ? `it stopped with an error (${event.message})` : "its program could not be loaded");
      });
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "progress") emit("progress", data);
        else if (data.type === "failed") fail(data.message);
        else if (data.type === "ready" && !settled) {
          settled = true;
          clearTimeout(timer);
          emit("ready");
          resolveReady();
        } else if (data.type === "reply" && pending.has(data.id)) {
          pending.get(data.id).resolve(JSON.parse(data.response));
          pending.delete(data.id);
        }
      });
      worker.postMessage({
        type: "start",
        indexURL: new URL(config.pyodideIndex, ASSETS).href,
        wheelURL: new URL(config.wheel, ASSETS).href,
        sitePackages: config.sitePackages,
      });
    })().catch((error) => fail(error.message || String(error)));

    return {
      ready,
      async call(request) {
        await ready;
        if (broken) throw broken;
        return new Promise((resolve, reject) => {
          const id = ++nextId;
          pending.set(id, { resolve, reject });
          worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
        });
      },
    };
  }

  async function fetchJSON(url) {
    let response;
    try {
      response = await fetch(url);
    } catch {
      throw new Error("its files could not be downloaded (is the connection down?)");
    }
    if (!response.ok) throw new Error(`its files could not be downloaded (HTTP ${response.status})`);
    return response.json();
  }

  let manifest = null;
  function sectionsById() {
    manifest ||= fetchJSON(new URL("sections.json", ASSETS)).then(
      (list) => new Map(list.map((section) => [section.id, section])),
      () => new Map() // topics then show without links; the guidance itself is unaffected
    );
    return manifest;
  }

  // ---------------------------------------------------------------- what the tab remembers

  function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  function planProblem(plan) {
    const fine =
      isObject(plan) &&
      typeof plan.triage === "string" &&
      typeof plan.summary === "string" &&
      Array.isArray(plan.show) &&
      plan.show.every((item) => isObject(item) && typeof item.id === "string" && typeof item.reason === "string") &&
      Array.isArray(plan.fold) &&
      Array.isArray(plan.always);
    return fine ? null : "the saved plan is incomplete";
  }

  // -> {state} | {error} | {} (nothing saved)
  function loadState() {
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
    return problem ? { error: problem } : { state };
  }

  function saveState(state) {
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch {
      // Storage off or full: the plan still shows on this page, it just is not remembered.
    }
  }

  function clearState() {
    try {
      sessionStorage.removeItem(STORE_KEY);
    } catch {
      // Nothing was stored.
    }
  }

  function linkToken() {
    return location.hash.startsWith(`#${LINK_KEY}`) ? location.hash.slice(LINK_KEY.length + 1) : null;
  }

  function setLinkToken(token) {
    const url = new URL(location.href);
    url.hash = token ? LINK_KEY + token : "";
    history.replaceState(history.state, "", token ? url.href : url.href.replace(/#$/, ""));
  }

  const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // ---------------------------------------------------------------- every other page: tailor

  const originals = new WeakMap(); // article -> {sections, end}: the page as written

  function topSections(article) {
    return [...article.children].filter((child) => child.matches("section.rg-section"));
  }

  function pageAsWritten(article) {
    const original = originals.get(article);
    if (!original) return;
    for (const section of original.sections) original.end.before(section);
    article.querySelectorAll(".rg-reason, .rg-other, .rg-tailored").forEach((node) => node.remove());
    article.querySelectorAll(".rg-section--shown").forEach((node) => node.classList.remove("rg-section--shown"));
  }

  function tailor(article, plan) {
    if (!originals.has(article)) {
      const sections = topSections(article);
      if (!sections.length) return false;
      const end = document.createComment(" end of sections ");
      sections[sections.length - 1].after(end);
      originals.set(article, { sections, end });
    }
    pageAsWritten(article);
    const { sections, end } = originals.get(article);
    const rank = new Map(plan.show.map((item, index) => [item.id, index]));
    const reason = new Map(plan.show.map((item) => [item.id, item.reason]));
    const always = new Set(plan.always);
    const folds = new Set(plan.fold);
    const alwaysVisible = (section) => section.dataset.always === "true" || always.has(section.dataset.section);

    let changed = false;
    for (const section of article.querySelectorAll("section.rg-section[data-section]")) {
      if (!reason.has(section.dataset.section)) continue;
      section.classList.add("rg-section--shown");
      const heading = section.querySelector(":scope > h2, :scope > h3");
      (heading || section.firstChild).after(make("p", "rg-reason", reason.get(section.dataset.section)));
      changed = true;
    }
    const firstRank = (section) => {
      const ranks = [section, ...section.querySelectorAll("section.rg-section")]
        .map((inner) => rank.get(inner.dataset.section))
        .filter((value) => value !== undefined);
      return ranks.length ? Math.min(...ranks) : undefined;
    };
    const shown = sections.filter((section) => firstRank(section) !== undefined);
    shown.sort((a, b) => firstRank(a) - firstRank(b));
    const rest = sections.filter((section) => firstRank(section) === undefined);
    const folded = rest.filter(
      (section) =>
        folds.has(section.dataset.section) &&
        !alwaysVisible(section) &&
        ![...section.querySelectorAll("section.rg-section")].some(alwaysVisible)
    );
    for (const section of [...shown, ...rest.filter((section) => !folded.includes(section))]) end.before(section);
    if (folded.length) {
      const other = make("details", "rg-other");
      other.append(make("summary", "rg-other__summary", "Other topics on this page"), ...folded);
      end.before(other);
      changed = true;
    }
    return changed || shown.some((section, index) => section !== sections[index]);
  }

  function tailoredControl(article, tailored, onToggle) {
    const control = make("p", "rg-tailored");
    control.append(
      make("span", "rg-tailored__label", tailored ? "Tailored to your answers" : "Showing the page as written"),
      make("span", "rg-tailored__sep", " · ")
    );
    const button = make("button", "rg-tailored__toggle", tailored ? "Show the page as written" : "Tailor it to my answers");
    button.type = "button";
    button.addEventListener("click", onToggle);
    control.append(button);
    const title = article.querySelector("h1");
    if (title) title.after(control);
    else article.prepend(control);
  }

  function applyToPage(article) {
    pageAsWritten(article);
    const { state, error } = loadState();
    if (error) {
      clearState();
      const note = make("p", "rg-tailored rg-tailored--problem", `${UNREADABLE}: ${error}. The page is shown as written.`);
      (article.querySelector("h1") || article.firstChild).after(note);
      return;
    }
    // Offer the control only where the plan changes this page; the reader's choice holds.
    if (!state || !state.plan || !tailor(article, state.plan)) return;
    const tailored = state.view !== "as-written";
    if (!tailored) pageAsWritten(article);
    tailoredControl(article, tailored, () => {
      saveState({ ...state, view: tailored ? "as-written" : "tailored" });
      applyToPage(article);
      article.querySelector(".rg-tailored__toggle")?.focus();
    });
    revealTarget({ moved: tailored });
  }

  // A link to a folded section opens the fold; after reordering, the target moved: scroll again.
  function revealTarget({ moved = false } = {}) {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && !id.startsWith(LINK_KEY) ? document.getElementById(id) : null;
    const fold = target && target.closest("details.rg-other:not([open])");
    if (fold) fold.open = true;
    if (target && (fold || moved)) target.scrollIntoView();
  }

  // ---------------------------------------------------------------- the start page: the form

  function readAnswers(form) {
    const answers = {};
    const problems = [];
    for (const question of form.querySelectorAll("[data-question]")) {
      const id = question.dataset.question;
      const kind = question.dataset.kind;
      if (kind === "multi") {
        const values = [...question.querySelectorAll("input:checked")].map((input) => input.value);
        if (values.length) answers[id] = values;
      } else if (kind === "number") {
        const input = question.querySelector("input");
        if (input.validity.badInput) problems.push({ field: id, error: "Type a number using digits, or leave it blank." });
        else if (input.value.trim() !== "") answers[id] = Number(input.value);
      } else {
        const input = question.querySelector("input:checked");
        if (input && input.value !== "") answers[id] = kind === "yes_no" ? input.value === "yes" : input.value;
      }
    }
    return { answers, problems };
  }

  function writeAnswers(form, answers) {
    form.reset();
    for (const question of form.querySelectorAll("[data-question]")) {
      const value = answers[question.dataset.question];
      if (value === undefined) continue;
      const kind = question.dataset.kind;
      if (kind === "number") {
        question.querySelector("input").value = String(value);
        continue;
      }
      const wanted = kind === "multi" ? [].concat(value) : [kind === "yes_no" ? (value ? "yes" : "no") : value];
      for (const input of question.querySelectorAll("input")) input.checked = wanted.includes(input.value);
    }
  }

  // `signal` ends this page's listeners on the next page (Material's instant navigation).
  function initChecker(box, signal) {
    box.dataset.rgStarted = "true";
    const part = (name) => box.querySelector(`[data-rg="${name}"]`);
    const form = part("form");
    const status = part("status");
    const statusText = part("status-text");
    const progress = part("progress");
    const errorBox = part("error");
    const results = part("results");
    const share = part("share");
    let current = null; // the answers, plan and share token on show

    part("nojs").hidden = true;
    form.querySelectorAll("input, button").forEach((control) => {
      control.disabled = false;
    });

    // Status and errors -------------------------------------------------------------
    const say = (text, step) => {
      status.hidden = false;
      statusText.textContent = text;
      progress.hidden = step === undefined;
      if (step !== undefined) progress.value = step;
    };
    const showError = (title, message, { field = null, retry = false } = {}) => {
      errorBox.replaceChildren(make("p", "rg-error__title", title), make("p", "rg-error__text", message));
      if (field) {
        const link = make("a", "rg-error__link", "Go to the question");
        link.href = `#${field.id}`;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          field.focus();
        });
        const line = make("p");
        line.append(link);
        errorBox.append(line);
      }
      if (retry) {
        const again = make("button", "rg-button", "Try again");
        again.type = "button";
        again.addEventListener("click", () => {
          runtime = null;
          errorBox.hidden = true;
          getRuntime();
        });
        errorBox.append(again);
      }
      errorBox.hidden = false;
    };
    const hideError = () => {
      errorBox.hidden = true;
      errorBox.replaceChildren();
    };

    const onProgress = ({ detail }) => say(`Loading the checker (step ${detail.step} of ${detail.of}): ${detail.label}…`, detail.step);
    const onReady = () => {
      say("The checker is ready. Your answers stay in this browser.");
    };
    const showFailure = (reason) => {
      status.hidden = true;
      showError(
        "The checker could not start",
        `What went wrong: ${reason}. Nothing is lost: all of the guidance is ` +
          "on this page and the other pages of this site. Use the menu to read it.",
        { retry: true }
      );
    };
    const onFailed = ({ detail }) => showFailure(detail.reason);
    runtimeEvents.addEventListener("progress", onProgress, { signal });
    runtimeEvents.addEventListener("ready", onReady, { signal });
    runtimeEvents.addEventListener("failed", onFailed, { signal });

    // Field errors ------------------------------------------------------------------
    const questionOf = (id) => form.querySelector(`[data-question="${CSS.escape(id)}"]`);
    const clearFieldErrors = () => {
      for (const note of form.querySelectorAll(".rg-question__error")) {
        const question = note.closest("[data-question]");
        question.classList.remove("rg-question--error");
        for (const target of [question, ...question.querySelectorAll("input")]) {
          target.removeAttribute("aria-invalid");
          const ids = (target.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== note.id);
          if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
          else target.removeAttribute("aria-describedby");
        }
        note.remove();
      }
    };
    const markField = (id, message) => {
      const question = questionOf(id);
      if (!question) return null;
      const note = make("p", "rg-question__error", message);
      note.id = `rg-error-${id}`;
      question.querySelector(".rg-question__help, legend, label").after(note);
      question.classList.add("rg-question--error");
      const targets = question.dataset.kind === "number" ? [question.querySelector("input")] : [question];
      for (const target of targets) {
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
      }
      return question.querySelector("input:checked") || question.querySelector("input");
    };
    const showFieldError = (id, message) => {
      const field = id ? markField(id, message) : null;
      showError("Check your answer", message, { field });
      field?.focus();
    };

    // Results -----------------------------------------------------------------------
    const hideResults = () => {
      box.querySelectorAll("[data-triage]").forEach((card) => {
        card.hidden = true;
      });
      results.hidden = true;
      share.hidden = true;
    };

    async function render(plan) {
      const sections = await sectionsById();
      const card = box.querySelector(`[data-triage="${CSS.escape(plan.triage)}"]`);
      box.querySelectorAll("[data-triage]").forEach((other) => {
        other.hidden = other !== card;
      });
      if (card) {
        // The warning-sign reasons go on the card itself, so an urgent card says why.
        const reasons = card.querySelector('[data-rg="reasons"]');
        const urgent = plan.show.filter((item) => (sections.get(item.id)?.tags || []).includes("red-flag"));
        reasons.replaceChildren(...urgent.map((item) => make("li", "", item.reason)));
        reasons.hidden = urgent.length === 0;
      }
      const topics = part("topics");
      topics.replaceChildren(
        ...plan.show.map((item) => {
          const section = sections.get(item.id);
          const entry = make("li", "rg-topics__item");
          if (section) {
            const link = make("a", "rg-topics__link", section.title);
            link.href = new URL(`${section.url}#${item.id}`, ROOT).href;
            entry.append(link);
          }
          entry.append(make("span", "rg-topics__reason", item.reason));
          return entry;
        })
      );
      part("topics-box").hidden = plan.show.length === 0;
      part("summary-text").textContent = plan.summary || "You did not answer any questions, so there is nothing to sum up yet.";
      results.hidden = false;
    }

    // Empty form, no plan, nothing stored, no answers in the address.
    function startOver() {
      clearState();
      current = null;
      form.reset();
      clearFieldErrors();
      hideError();
      hideResults();
      if (linkToken() !== null) setLinkToken(null);
    }

    function unreadable(reason) {
      startOver();
      showError(UNREADABLE, `${sentence(reason)} The form is empty, so you can answer again.`);
    }

    // Ask Python for the plan of these answers; null (and the failure on screen) if it cannot.
    const askPlan = (answers) =>
      getRuntime()
        .call({ op: "plan", answers })
        .catch((error) => {
          showFailure(error.message);
          return null;
        });

    // aria-busy while Python works: assistive tech waits, and tests know when the page is done.
    let busy = 0;
    async function whileBusy(work) {
      busy += 1;
      box.setAttribute("aria-busy", "true");
      try {
        return await work();
      } finally {
        busy -= 1;
        if (!busy) box.removeAttribute("aria-busy");
      }
    }

    const showPlan = (options) => whileBusy(() => planForForm(options));

    async function planForForm({ fromSaved = false } = {}) {
      clearFieldErrors();
      hideError();
      const { answers, problems } = readAnswers(form);
      if (problems.length) {
        showFieldError(problems[0].field, problems[0].error);
        return null;
      }
      if (!fromSaved && status.hidden) say("Loading the checker…", 0);
      const response = await askPlan(answers);
      if (!response) return null;
      if (!response.ok) {
        if (fromSaved) unreadable(response.error);
        else showFieldError(response.field, response.error);
        return null;
      }
      current = { answers, plan: response.plan, share: response.share };
      saveState(current);
      if (linkToken() !== null) setLinkToken(response.share);
      await render(response.plan);
      return current;
    }

    // Buttons -----------------------------------------------------------------------
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const shown = await showPlan();
      if (shown) box.querySelector("[data-triage]:not([hidden])")?.scrollIntoView({ block: "nearest" });
    });

    const copy = async (text, note, select) => {
      try {
        await navigator.clipboard.writeText(text);
        note.textContent = "Copied.";
      } catch {
        select?.();
        note.textContent = "This browser did not let the page copy. Select the text and copy it yourself.";
      }
    };

    box.addEventListener("click", async (event) => {
      const action = event.target.closest("[data-rg-action]")?.dataset.rgAction;
      if (!action) return;
      if (action === "forget") {
        startOver();
        say("Your answers are forgotten. Nothing about them is kept in this browser.");
      } else if (action === "share") {
        const shown = await showPlan();
        if (!shown) return;
        const url = new URL(location.href);
        url.hash = LINK_KEY + shown.share;
        part("share-link").value = url.href;
        part("share-note").textContent = "";
        share.hidden = false;
        part("share-link").focus();
        part("share-link").select();
      } else if (action === "copy-link") {
        const input = part("share-link");
        copy(input.value, part("share-note"), () => input.select());
      } else if (action === "copy-summary") {
        copy(part("summary-text").textContent, part("summary-note"));
      } else if (action === "print-summary") {
        document.documentElement.classList.add("rg-print-summary");
        window.print();
      }
    });
    window.addEventListener("afterprint", () => document.documentElement.classList.remove("rg-print-summary"), {
      signal,
    });

    // Start Python when the reader turns to the checker, or when the browser is idle ---------
    const start = () => getRuntime();
    form.addEventListener("focusin", start, { once: true });
    form.addEventListener("pointerdown", start, { once: true });
    const whenIdle = (fn) => ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 1000));
    if ("IntersectionObserver" in window) {
      const watcher = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        watcher.disconnect();
        whenIdle(start);
      });
      watcher.observe(form);
    } else {
      whenIdle(start);
    }

    // Restore: a share link first, else what this tab remembers ---------------------------
    const openLink = (token) => {
      say("Reading the answers in your link…");
      hideError();
      whileBusy(async () => {
        const response = await getRuntime().call({ op: "decode", token });
        if (!response.ok) return unreadable(response.error);
        writeAnswers(form, response.answers);
        return planForForm();
      }).catch((error) => showFailure(error.message));
    };
    // A link opened while this page is showing changes only the fragment: no reload.
    window.addEventListener(
      "hashchange",
      () => {
        const token = linkToken();
        if (token !== null && token !== current?.share) openLink(token);
      },
      { signal }
    );
    const token = linkToken();
    if (token !== null) {
      openLink(token);
      return;
    }
    const { state, error } = loadState();
    if (error) {
      unreadable(`${error}.`);
    } else if (state) {
      writeAnswers(form, state.answers);
      if (state.plan) render(state.plan);
      showPlan({ fromSaved: true }); // check the saved answers again with the rules
    }
  }

  // ---------------------------------------------------------------- every page load

  let pageListeners = new AbortController();

  function onPage() {
    const box = document.querySelector("[data-rg-checker]");
    if (box?.dataset.rgStarted) return; // the same page again
    pageListeners.abort();
    pageListeners = new AbortController();
    if (box) {
      initChecker(box, pageListeners.signal);
      return;
    }
    const article = document.querySelector("article.md-content__inner") || document.querySelector("article");
    if (article) applyToPage(article);
  }

  // Printing shows every section: open the folds first, close them again after.
  const openedForPrint = [];
  window.addEventListener("beforeprint", () => {
    for (const fold of document.querySelectorAll("details.rg-other:not([open])")) {
      fold.open = true;
      openedForPrint.push(fold);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const fold of openedForPrint.splice(0)) fold.open = false;
  });
  window.addEventListener("hashchange", () => revealTarget());

  // Material's document$ fires on every page, also with instant navigation; else the DOM event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }

  // For tests and the curious: the same worker the page uses.
  window.relaxerChecker = {
    get ready() {
      return getRuntime().ready.then(() => true);
    },
    plan(answers) {
      return getRuntime().call({ op: "plan", answers });
    },
  };
})();
