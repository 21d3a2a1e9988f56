"""Accessibility: axe-core on every page and every checker state, in both palettes; keyboard use.

Readers may use a screen reader, a keyboard or a phone, while in pain. So:

* axe-core 4.12 (axe-playwright-python, offline, Debian's Chromium) runs on every built page and
  on every state of the checker (empty, answered with the share box open, emergency, error,
  folded and unfolded topics on a guidance page, and a checker that could not start), in the
  light and the dark palette (mkdocs.yml picks the palette by `prefers-color-scheme`, emulated
  with `browser.new_context(color_scheme=...)`). Rule sets: WCAG 2.0/2.1/2.2 A and AA (tags
  wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa). Zero violations. A failure names the page,
  the state, the rule and each element (target selector and HTML).
  Pages are checked whole; checker states only within the checker (or the tailored article),
  so a problem of the theme is reported once, by the page test, not once per state.
* Keyboard: every checker control is reached by Tab in document order that never jumps back up
  the page, shows a visible focus indicator (a computed outline or box-shadow on the focused
  element, or on its <label> for a radio or checkbox styled through its label), and works (the
  whole form can be answered and sent with keys alone); the triage card is inside an ARIA live
  region that exists from page load; the form's errors are tied to their fields
  (aria-invalid and aria-describedby pointing at the message); headings never skip a level.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.checker import answer_form as answer
from support.checker import go_to_step, step_of
from support.checker import early_expectations, plan_button
from support.browsers import NO_SERVICE_WORKER
from support.page_text import expected_pages, page_url, read_page_text, split_sentences
from support.safety_lint import lint_sentences

PAGES = expected_pages()
SCHEMES = ("light", "dark")
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
CHECKER = "[data-rg-checker]"
RESULTS = '[data-rg="results"]:not([hidden])'
ERROR = '[data-rg="error"]:not([hidden])'
TIMEOUT = 30_000

# Answers for the states: a plan that shows topics and folds others, and an emergency.
ANSWERED = {
    "red_flags": ["none"],
    "relaxer": "baclofen",
    "prescribed_for": "recent_strain",
    "days_taken": 30,
    "pain_pattern": ["shooting_or_radiating"],
    "sits_long": True,
}
EMERGENCY = {"red_flags": ["bowel_bladder"]}


# ------------------------------------------------------------------------------ axe


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def run_axe(axe, page, context: str | None = None) -> list[dict]:
    results = axe.run(page, context=context, options=AXE_OPTIONS)
    return results.response["violations"]


def describe(where: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{where}: rule {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{', '.join(t for t in violation['tags'] if t.startswith('wcag'))}]"
        )
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    element {' '.join(map(str, node['target']))}")
            lines.append(f"      html: {' '.join(node['html'].split())[:300]}")
            if summary:
                lines.append(f"      why: {summary[:400]}")
    return "\n".join(lines)


def new_context(browser, scheme: str):
    return browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, **NO_SERVICE_WORKER)


def check_palette(page, scheme: str, where: str) -> None:
    got = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert got == MATERIAL_SCHEME[scheme], f"{where}: palette is {got!r}, not the {scheme} one"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_name", PAGES)
def test_page_has_no_axe_violations(browser, site_server, subpath_server, axe, page_name, scheme):
    context = new_context(browser, scheme)
    # The 404 page links to site_url's path (a host serves it at any depth): it is tested there.
    server = subpath_server if page_name == "404.html" else site_server
    try:
        page = context.new_page()
        page.goto(server.url + page_url(page_name), wait_until="load")
        check_palette(page, scheme, page_name)
        violations = run_axe(axe, page)
    finally:
        context.close()
    assert not violations, describe(f"{page_name} ({scheme} palette)", violations)


# ------------------------------------------------------------------------------ checker states


@dataclass
class StateResult:
    violations: list[dict] = field(default_factory=list)
    heading_problems: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    error: str = ""


STATES = (
    "empty", "error", "answered", "folded", "unfolded", "emergency", "early-card", "nothing-here",
    "queued", "start-failed",
)
SEPARATE_STATES = ("queued", "start-failed")  # each on a tab of its own


def most_urgent_sign() -> tuple[str, str]:
    """The step-one option whose card is the most urgent (from decision, whatever it is)."""
    table = early_expectations()
    cards = [(qid, value, card) for qid, options in table.items() for value, card in options.items() if card]
    qid, value, _ = max(cards, key=lambda entry: entry[2]["rank"])
    return qid, value


def quiet_page(site_dir: Path, answers: dict) -> str:
    """A guidance page on which the plan for `answers` picks out nothing."""
    import decision

    shown = {item["id"] for item in decision.plan(answers).to_dict()["show"]}
    sections = json.loads((site_dir / "assets/checker/sections.json").read_text(encoding="utf-8"))
    urls = dict.fromkeys(s["url"] for s in sections if s["url"])
    for url in urls:
        if not any(s["id"] in shown for s in sections if s["url"] == url):
            return url
    raise AssertionError(f"the plan for {answers} picks something on every page")
_walks: dict[str, dict[str, StateResult]] = {}

VISIBLE_HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((h) => h.checkVisibility ? h.checkVisibility() : h.offsetParent !== null)
  .map((h) => [Number(h.tagName[1]), h.textContent.replace(/\\s+/g, " ").trim()])"""


def heading_problems(headings: list[tuple[int, str]]) -> list[str]:
    """Skipped levels (h2 then h4), a first heading that is not h1, more than one h1."""
    problems = []
    if headings and headings[0][0] != 1:
        problems.append(f"the first heading is h{headings[0][0]} ({headings[0][1]!r}), not h1")
    if sum(1 for level, _ in headings if level == 1) > 1:
        problems.append("more than one h1: " + ", ".join(repr(t) for lvl, t in headings if lvl == 1))
    for (before, before_text), (level, text) in zip(headings, headings[1:]):
        if level > before + 1:
            problems.append(f"h{before} {before_text!r} is followed by h{level} {text!r} (skips a level)")
    return problems


def settle(page) -> None:
    page.wait_for_selector(f"{CHECKER}:not([aria-busy])", timeout=TIMEOUT)


def open_checker(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector(CHECKER, timeout=TIMEOUT)
    page.evaluate("window.relaxerChecker.ready")
    settle(page)


def submit(page, wait_for: str) -> None:
    plan_button(page).click()
    settle(page)
    page.wait_for_selector(wait_for, timeout=TIMEOUT)


def folding_page(site_dir: Path, answers: dict) -> str:
    """A guidance page on which the plan for `answers` folds a section away."""
    import decision

    plan = decision.plan(answers).to_dict()
    sections = json.loads((site_dir / "assets/checker/sections.json").read_text(encoding="utf-8"))
    for section in sections:
        if section["level"] == 2 and section["id"] in plan["fold"] and not section["always"] and section["url"]:
            return section["url"]
    raise AssertionError(f"the plan for {answers} folds no section: {plan['fold']}")


def record(results, state, page, axe, context_selector: str | None) -> None:
    result = StateResult()
    try:
        # The state at rest: no hover colours, no colour transitions half done.
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)
        result.violations = run_axe(axe, page, context_selector)
        result.heading_problems = heading_problems([tuple(h) for h in page.evaluate(VISIBLE_HEADINGS)])
        text = page.locator(context_selector or "body").first.inner_text()
        sentences = [s for line in text.splitlines() for s in split_sentences(line)]
        result.unsafe = [f.describe() for f in lint_sentences(sentences)]
    except Exception as error:  # noqa: BLE001 - reported by the state's test
        result.error = f"could not check the state: {error}"
    results[state] = result


def walk_states(browser, server, site_dir, axe, scheme: str) -> dict[str, StateResult]:
    """One walk through every checker state in one palette; each state is recorded."""
    results: dict[str, StateResult] = {}
    context = new_context(browser, scheme)
    page = context.new_page()
    current = "empty"
    try:
        open_checker(page, server.url)
        check_palette(page, scheme, "index.html")
        page.wait_for_selector('[data-rg="status"]:not([hidden])', timeout=TIMEOUT)
        record(results, "empty", page, axe, CHECKER)

        current = "error"
        answer(page, {"red_flags": ["none"], "days_taken": 99999})
        submit(page, ERROR)
        page.wait_for_selector("[aria-invalid=true]", timeout=TIMEOUT)
        record(results, "error", page, axe, CHECKER)
        page.fill("#rg-q-days_taken", "")

        current = "answered"
        answer(page, ANSWERED)
        submit(page, RESULTS)
        page.get_by_role("button", name="Share or bookmark").click()
        settle(page)
        page.wait_for_selector('[data-rg="share"]:not([hidden])', timeout=TIMEOUT)
        record(results, "answered", page, axe, CHECKER)

        current = "folded"
        page.goto(server.url + folding_page(site_dir, ANSWERED), wait_until="load")
        page.wait_for_selector("details.rg-other:not([open])", timeout=TIMEOUT)
        check_palette(page, scheme, "the tailored page")
        record(results, "folded", page, axe, "article")

        current = "unfolded"
        page.locator("details.rg-other > summary").first.click()
        page.wait_for_selector("details.rg-other[open]", timeout=TIMEOUT)
        record(results, "unfolded", page, axe, "article")

        current = "emergency"
        open_checker(page, server.url)
        page.get_by_role("button", name="Forget my answers").click()
        settle(page)
        answer(page, EMERGENCY)
        submit(page, '[data-triage="emergency"]:not([hidden])')
        record(results, "emergency", page, axe, CHECKER)

        current = "early-card"
        page.get_by_role("button", name="Forget my answers").click()
        settle(page)
        qid, value = most_urgent_sign()
        page.check(f"#rg-q-{qid}-{value}")
        page.wait_for_selector('[data-rg="early"] .rg-card', timeout=TIMEOUT)
        record(results, "early-card", page, axe, CHECKER)

        current = "nothing-here"
        page.uncheck(f"#rg-q-{qid}-{value}")  # no plan was asked for: nothing to forget
        answer(page, {"red_flags": ["none"], "sits_long": True})
        submit(page, RESULTS)
        page.goto(server.url + quiet_page(site_dir, {"red_flags": ["none"], "sits_long": True}), wait_until="load")
        page.wait_for_selector(".rg-tailored", timeout=TIMEOUT)
        record(results, "nothing-here", page, axe, "article")
    except Exception as error:  # noqa: BLE001 - every later state reports it
        for state in STATES[STATES.index(current):]:
            if state not in SEPARATE_STATES:
                results.setdefault(state, StateResult(error=f"could not reach the state ({current}): {error}"))
    finally:
        page.close()

    page = context.new_page()
    try:
        # Python never arrives: "Show my plan" is queued, and its button says the checker starts.
        page.route("**/*.whl", lambda route: None)
        page.goto(server.url, wait_until="load")
        page.wait_for_selector(CHECKER, timeout=TIMEOUT)
        answer(page, {"red_flags": ["none"], "sits_long": True})
        plan_button(page).click()
        page.wait_for_selector('[data-rg-step] button[aria-busy="true"]', timeout=TIMEOUT)
        page.wait_for_selector('[data-rg="status"]:not([hidden])', timeout=TIMEOUT)
        record(results, "queued", page, axe, CHECKER)
    except Exception as error:  # noqa: BLE001
        results["queued"] = StateResult(error=f"could not reach the state: {error}")
    finally:
        page.close()

    current = "start-failed"
    page = context.new_page()
    try:
        page.route("**/pyodide.asm.wasm", lambda route: route.abort())
        page.goto(server.url, wait_until="load")
        page.wait_for_selector(CHECKER, timeout=TIMEOUT)
        page.evaluate("window.relaxerChecker.ready.catch(() => false)")
        page.wait_for_selector(ERROR, timeout=TIMEOUT)
        record(results, "start-failed", page, axe, CHECKER)
    except Exception as error:  # noqa: BLE001
        results["start-failed"] = StateResult(error=f"could not reach the state: {error}")
    finally:
        context.close()
    return results


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("state", STATES)
def test_checker_state_has_no_axe_violations(browser, site_server, site_dir, axe, state, scheme):
    if scheme not in _walks:
        _walks[scheme] = walk_states(browser, site_server, site_dir, axe, scheme)
    result = _walks[scheme][state]
    where = f"checker state {state!r} ({scheme} palette)"
    assert not result.error, f"{where}: {result.error}"
    problems = []
    if result.violations:
        problems.append(describe(where, result.violations))
    if result.heading_problems:
        problems.append(f"{where}: headings out of order: " + "; ".join(result.heading_problems))
    if result.unsafe:
        problems.append(f"{where}: unsafe text: " + "; ".join(result.unsafe))
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------ headings


@pytest.mark.parametrize("page_name", PAGES)
def test_page_headings_do_not_skip_levels(site_dir, page_name):
    path = site_dir / page_name
    assert path.is_file(), f"{page_name}: the built page is missing"
    headings = [(level, text) for level, text, _ in read_page_text(path).headings]
    assert headings, f"{page_name}: no headings"
    problems = heading_problems(headings)
    assert not problems, f"{page_name}: " + "; ".join(problems)


# ------------------------------------------------------------------------------ keyboard

DESCRIBE_ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  const ring = (node) => {
    if (!node) return false;
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow && style.boxShadow !== "none");
  };
  return {
    key: el.id || el.getAttribute("data-rg-action") || (el.tagName + ":" + (el.textContent || "").trim().slice(0, 40)),
    tag: el.tagName.toLowerCase(),
    cls: typeof el.className === "string" ? el.className : "",
    type: el.type || "",
    name: el.name || "",
    inChecker: !!el.closest("[data-rg-checker]"),
    top: box.top + window.scrollY,
    left: box.left + window.scrollX,
    ring: ring(el) || ring(label),
  };
}"""

EXPECTED_STOPS = """() => {
  const box = document.querySelector("[data-rg-checker]");
  const seenGroups = new Set();
  const stops = [];
  const focusable = box.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])");
  for (const el of focusable) {
    if (el.disabled || !(el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null)) continue;
    if (el.type === "radio") {
      if (seenGroups.has(el.name)) continue;
      seenGroups.add(el.name);
      const group = [...box.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
      const target = group.find((r) => r.checked) || group[0];
      stops.push(target.id);
      continue;
    }
    stops.push(el.id || el.getAttribute("data-rg-action") || (el.tagName + ":" + (el.textContent || "").trim().slice(0, 40)));
  }
  return stops;
}"""


FOCUS_TOP = """() => {
  window.scrollTo(0, 0);
  const first = document.querySelector("a.md-skip") || document.querySelector("a[href], button, input");
  first.focus();
}"""


def from_the_top(page) -> None:
    """Focus the page's first control (Material's skip link): Tab then walks the page in order."""
    page.evaluate(FOCUS_TOP)


def tab_until(page, predicate, limit: int = 400) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(DESCRIBE_ACTIVE)
        if active and predicate(active):
            return active
    raise AssertionError(f"Tab never reached the element within {limit} presses")


def tab_through_checker(page) -> list[dict]:
    """From the top of the page: Tab into the checker, then through it until focus leaves."""
    from_the_top(page)
    stops = [tab_until(page, lambda a: a["inChecker"])]
    for _ in range(400):
        page.keyboard.press("Tab")
        active = page.evaluate(DESCRIBE_ACTIVE)
        if not active or not active["inChecker"]:
            return stops
        stops.append(active)
    raise AssertionError("Tab never left the checker (a keyboard trap?)")


@pytest.fixture
def checker_page(browser, site_server):
    context = new_context(browser, "light")
    page = context.new_page()
    open_checker(page, site_server.url)
    yield page
    context.close()


def order_problems(stops: list[dict]) -> list[str]:
    problems = []
    for before, after in zip(stops, stops[1:]):
        if after["top"] < before["top"] - 4:
            problems.append(f"focus jumps back up the page from {before['key']} to {after['key']}")
    return problems


def test_every_checker_control_is_reached_by_tab_in_order_with_visible_focus(checker_page):
    page = checker_page
    answer(page, ANSWERED)
    submit(page, RESULTS)  # results, summary buttons and topic links are now controls too
    page.get_by_role("button", name="Share or bookmark").click()
    settle(page)
    expected = page.evaluate(EXPECTED_STOPS)
    stops = tab_through_checker(page)
    reached = [stop["key"] for stop in stops]
    missing = [key for key in expected if key not in reached]
    assert not missing, f"controls Tab never reaches: {missing}\n(reached in order: {reached})"
    in_dom_order = [key for key in reached if key in expected]
    assert in_dom_order == expected, (
        "Tab order differs from the document order:\n"
        f"  expected: {expected}\n  reached:  {in_dom_order}"
    )
    problems = order_problems(stops)
    no_ring = [stop["key"] for stop in stops if not stop["ring"]]
    if no_ring:
        problems.append(f"no visible focus indicator (outline or box-shadow) on: {no_ring}")
    assert not problems, "\n".join(problems)


def test_the_checker_works_with_the_keyboard_alone(checker_page):
    page = checker_page
    from_the_top(page)
    tab_until(page, lambda a: a["key"] == "rg-q-red_flags-bowel_bladder")
    page.keyboard.press("Space")
    assert page.is_checked("#rg-q-red_flags-bowel_bladder"), "Space did not tick the checkbox"
    # One step at a time: Continue (Enter) brings the next, its title focused; nothing in it
    # is ticked, so Tab lands on the first option and Space picks it.
    tab_until(page, lambda a: a["key"] == "continue")
    page.keyboard.press("Enter")
    radio = tab_until(page, lambda a: a["type"] == "radio" and a["name"] == "relaxer")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{radio['key']}"), "Space does not pick a radio"
    # How long it was taken is on the next step (issue 24: short steps).
    tab_until(page, lambda a: a["key"] == "continue")
    page.keyboard.press("Enter")
    tab_until(page, lambda a: a["key"] == "rg-q-days_taken")
    page.keyboard.type("10")
    tab_until(page, lambda a: a["tag"] == "button" and "Show my plan" in a["key"])
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_selector('[data-triage="emergency"]:not([hidden])', timeout=TIMEOUT)
    tab_until(page, lambda a: a["key"] == "forget")
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_selector('[data-triage="emergency"][hidden]', state="attached", timeout=TIMEOUT)
    assert not page.is_checked("#rg-q-red_flags-bowel_bladder"), "Forget my answers did not clear the form"


def test_triage_banner_is_announced_by_a_live_region(checker_page):
    page = checker_page
    page.evaluate(
        """() => { window.__qaLiveAtLoad = [...document.querySelectorAll("[aria-live], [role=alert], [role=status]")]; }"""
    )
    answer(page, EMERGENCY)
    submit(page, '[data-triage="emergency"]:not([hidden])')
    live = page.evaluate(
        """() => {
          const card = document.querySelector('[data-triage="emergency"]:not([hidden])');
          const region = card.closest("[aria-live]:not([aria-live=off]), [role=alert], [role=status]");
          return region ? {html: region.outerHTML.slice(0, 120), live: region.getAttribute("aria-live"),
                           role: region.getAttribute("role"),
                               atLoad: window.__qaLiveAtLoad.includes(region)} : null;
        }"""
    )
    assert live, "the emergency triage card is not inside an ARIA live region"
    assert live["atLoad"], f"the live region around the triage card was not in the page from load: {live['html']}"
    text = page.locator('[data-triage="emergency"]:not([hidden])').inner_text()
    assert "emergency" in text.lower()
    # Loading is announced by one status region (a few moments, not every packet): the
    # changing progress line itself is in no live region; a failure is an alert.
    roles = page.evaluate(
        """() => ({announce: document.querySelector('[data-rg="announce"]').getAttribute("role"),
                   line: !!document.querySelector('[data-rg="status-text"]').closest("[aria-live], [role=status], [role=alert]"),
                   error: document.querySelector('[data-rg="error"]').getAttribute("role")})"""
    )
    assert roles == {"announce": "status", "line": False, "error": "alert"}, f"status and error regions: {roles}"


def described_by_text(page, selector: str) -> str:
    return page.evaluate(
        """(selector) => {
          const el = document.querySelector(selector);
          return (el.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)
            .map((id) => document.getElementById(id)).filter(Boolean)
            .map((node) => node.textContent).join(" | ");
        }""",
        selector,
    )


@pytest.mark.parametrize("typed", ["99999", "e"], ids=["out-of-range", "not-a-number"])
def test_form_errors_are_tied_to_their_fields(checker_page, typed):
    page = checker_page
    field = "#rg-q-days_taken"
    answer(page, {"red_flags": ["none"]})
    go_to_step(page, step_of(page, "days_taken"))
    page.focus(field)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")  # Continue, as a reader would: a box that is not a number stops here
    if typed == "99999":  # a number decision rejects: asking for the plan shows it at its question
        plan_button(page).click()
    settle(page)
    page.wait_for_selector(ERROR, timeout=TIMEOUT)
    message = " ".join(page.locator(ERROR).inner_text().split())
    assert page.get_attribute(field, "aria-invalid") == "true", f"{field} is not aria-invalid after: {message}"
    described = described_by_text(page, field)
    note = page.locator(f"{field} >> xpath=ancestor::*[@data-question]").locator(".rg-question__error")
    assert note.count() == 1, "no error message next to the field"
    assert note.inner_text().strip() in described, (
        f"{field}'s aria-describedby does not point at its error message; it reads: {described!r}"
    )
    assert page.evaluate("document.activeElement.id") == field[1:], "focus did not move to the field in error"
    assert page.locator(f"{ERROR} a[href='{field}']").count() == 1, "the error box does not link to the field"
    from_the_top(page)
    link = tab_until(page, lambda a: "rg-error__link" in a["cls"])
    assert link["ring"], "the error box's link to the field shows no focus indicator"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == field[1:], "the error box's link does not focus the field"

    page.fill(field, "10")
    submit(page, RESULTS)
    assert page.get_attribute(field, "aria-invalid") is None, "aria-invalid stays after the answer is fixed"
    assert note.count() == 0 or not note.is_visible(), "the old error message stays after the answer is fixed"


def test_tailored_page_controls_work_with_the_keyboard(browser, site_server, site_dir):
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        open_checker(page, site_server.url)
        answer(page, ANSWERED)
        submit(page, RESULTS)
        page.goto(site_server.url + folding_page(site_dir, ANSWERED), wait_until="load")
        page.wait_for_selector("details.rg-other:not([open])", timeout=TIMEOUT)
        from_the_top(page)
        toggle = tab_until(page, lambda a: "rg-tailored__toggle" in a["cls"])
        assert toggle["ring"], "the 'Show the page as written' button shows no focus indicator"
        summary = tab_until(page, lambda a: a["tag"] == "summary")
        assert summary["ring"], "the 'Other topics on this page' summary shows no focus indicator"
        page.keyboard.press("Enter")
        page.wait_for_selector("details.rg-other[open]", timeout=TIMEOUT)
    finally:
        context.close()
