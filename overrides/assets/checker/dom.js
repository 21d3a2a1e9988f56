// Small DOM helpers shared by the checker's modules.

export function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Brings `element` into view, smoothly unless the reader asked for reduced motion (or `jump`:
// a new screen, such as the next step, comes at once), and moves the focus to it when `focus`
// (after a press: the answer is where the reader now looks).
export function reveal(element, { focus = false, block = "start", jump = false } = {}) {
  if (!element) return;
  const still = jump || window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block, behavior: still ? "auto" : "smooth" });
  if (focus) element.focus({ preventScroll: true });
}

// Whether all of `element` is on screen, below the theme's sticky header.
export function inView(element) {
  const box = element.getBoundingClientRect();
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
  return box.top >= header && box.bottom <= window.innerHeight;
}

// Calls `turned` once the reader turns to `form`: its first touch (focus or tap), or the reader
// scrolling it into view. Never on page load alone: a reader who came to read downloads none of
// the runtime's megabytes. A form already on screen at load waits for a touch.
export function whenReaderTurns(form, signal, turned) {
  form.addEventListener("focusin", turned, { once: true, signal });
  form.addEventListener("pointerdown", turned, { once: true, signal });
  if (!("IntersectionObserver" in window)) return;
  const whenIdle = (fn) => ("requestIdleCallback" in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));
  const watcher = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    watcher.disconnect();
    whenIdle(turned);
  });
  window.addEventListener("scroll", () => watcher.observe(form), { once: true, passive: true, signal });
  signal.addEventListener("abort", () => watcher.disconnect());
}
