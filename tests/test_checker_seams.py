"""Where the parts meet, tried as readers meet it (issue 24).

- A deploy under an open tab: a real second build, whose emergency card has another name, is
  put on the server while a tab of the first build is open. The reader ticks an emergency sign
  and asks for the plan: the page never runs the new rules beside its old cards, the emergency
  card with its tap-to-call link shows, and the reader sees no error (with and without the
  service worker, and with the runtime already kept offline).
- Continue after each emergency sign: on every later step a call link stays on screen.
- "Try again" after a refused file finishes what the reader asked: the plan comes.
- The steps are history entries: the browser's Back and Forward move between them, and a
  reload keeps the step and the answers.
- Each step's height on a 390 px phone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import decision
from support.checker import (
    answer_form,
    show_plan,
    ERROR,
    ON_SHOW,
    PHONE,
    RESULTS,
    go_to_step,
    plan_button,
    settled,
    snap,
    step_on_show,
    visible_card,
    wait_until,
    in_viewport,
)
from support.browsers import NO_SERVICE_WORKER
from support.project import REPO
from support.servers import StaticServer

CONTROLLED = "navigator.serviceWorker.controller !== null"
EMERGENCY_SIGNS = [sign["value"] for sign in decision.warning_signs() if sign["level"] == "emergency"]
URGENT_SIGNS = [sign["value"] for sign in decision.warning_signs()
                if sign["level"] == "urgent" and sign["question"] == "red_flags"]  # step one's: the bar
NEW_CARD = "call-now"
CALL_IN_VIEW = """() => [...document.querySelectorAll('a[href^="tel:"]')].some((link) => {
  if (!link.checkVisibility()) return false;
  const box = link.getBoundingClientRect();
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
  return box.height > 0 && box.top >= header && box.bottom <= innerHeight;
})"""


def call_link_in_view(page) -> bool:
    return page.evaluate(CALL_IN_VIEW)


# ------------------------------------------------------------------------ a deploy under a tab


def build_variant(target: Path, edit) -> Path:
    """A real second build: the project's sources copied, changed by `edit`, and built by
    MkDocs with the project's own plugin (the copy's decision and sitebuild first on the path).
    The runtime, the compiler and the plugin's caches are the project's."""
    source = target / "repo"
    source.mkdir(parents=True)
    for name in ("docs", "decision", "sitebuild", "overrides"):
        shutil.copytree(REPO / name, source / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, source / name)
    for name in ("node_modules", ".venv-pyodide"):
        if (REPO / name).exists():
            (source / name).symlink_to(REPO / name)
    if (REPO / ".cache").exists():
        shutil.copytree(REPO / ".cache", source / ".cache")
    edit(source)
    env = {**os.environ, "PYTHONPATH": str(source), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(os.environ.get("VIRTUAL_ENV", REPO / ".venv")) / "bin" / "mkdocs"
    site = target / "site"
    run = subprocess.run([str(mkdocs if mkdocs.exists() else REPO / ".venv/bin/mkdocs"), "build", "--strict", "-q",
                          "-f", str(source / "mkdocs.yml"), "-d", str(site)],
                         cwd=target, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    return site


def rename_emergency_card(source: Path) -> None:
    cards = source / "decision" / "cards.py"
    text = cards.read_text()
    renamed = text.replace('        "emergency", "emergency",\n', f'        "{NEW_CARD}", "emergency",\n', 1)
    renamed = renamed.replace('"emergency": "emergency", "urgent"', f'"emergency": "{NEW_CARD}", "urgent"', 1)
    assert renamed.count(NEW_CARD) == 2, "decision/cards.py changed shape: update this test's edit"
    cards.write_text(renamed)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    return build_variant(tmp_path_factory.mktemp("second-build"), rename_emergency_card)


def deploy(site: Path, served: Path) -> None:
    """Puts a build on the server as a static host's deploy does: the old files go."""
    if served.exists():
        shutil.rmtree(served)
    shutil.copytree(site, served, ignore=shutil.ignore_patterns("*.br", "*.gz"))


def assert_emergency_card(page) -> None:
    card = visible_card(page)
    assert card.get_attribute("data-triage") == "emergency"
    assert card.locator('a[href^="tel:"]').first.is_visible()
    assert not page.locator(ERROR).is_visible()


def test_the_second_build_renames_the_emergency_card(site_dir, second_build):
    old = (site_dir / "index.html").read_text()
    new = (second_build / "index.html").read_text()
    assert 'data-card="emergency"' in old and f'data-card="{NEW_CARD}"' not in old
    assert f'data-card="{NEW_CARD}"' in new
    build = re.compile(r'name="rg-build" content="([0-9a-f]+)"')
    assert build.search(old)[1] != build.search(new)[1]


@pytest.mark.parametrize("service_worker", ["blocked", "allowed"])
def test_a_deploy_under_an_open_tab_still_gives_the_emergency_card(browser, site_dir, second_build, tmp_path,
                                                                  service_worker):
    served = tmp_path / "served"
    deploy(site_dir, served)
    context = browser.new_context(viewport=PHONE, **(NO_SERVICE_WORKER if service_worker == "blocked" else {}))
    try:
        with StaticServer(served) as server:
            page = context.new_page()
            page.goto(server.url)
            if service_worker == "allowed":
                wait_until(page, CONTROLLED)
            deploy(second_build, served)
            # The first touch starts the checker, which finds the new build on the server: the
            # page reloads into it, keeping the tick.
            with page.expect_navigation():
                page.check("#rg-q-red_flags-saddle_numbness")
            settled(page)
            assert page.is_checked("#rg-q-red_flags-saddle_numbness")
            assert call_link_in_view(page), "the sign's call link, at once after the reload"
            plan_button(page).click()
            settled(page)
            page.wait_for_selector(f"{RESULTS}, {ERROR}")
            assert_emergency_card(page)
            assert visible_card(page).get_attribute("data-card") == NEW_CARD, "the new build's own card"
    finally:
        context.close()


def test_a_press_before_the_checker_started_is_carried_through_the_reload(browser, site_dir, second_build, tmp_path):
    """The reader ticks and presses before anything started (as with Save-Data): the request
    survives the reload into the new build, and the plan comes without another press."""
    served = tmp_path / "served"
    deploy(site_dir, served)
    context = browser.new_context(viewport=PHONE, **NO_SERVICE_WORKER)
    try:
        with StaticServer(served) as server:
            page = context.new_page()
            page.goto(server.url)
            settled(page)
            deploy(second_build, served)
            with page.expect_navigation():
                page.evaluate("""() => {
                  const box = document.getElementById("rg-q-red_flags-chest_pain");
                  box.checked = true;
                  box.dispatchEvent(new Event("change", { bubbles: true }));
                  document.querySelector('[data-rg-step="1"] [data-rg-now]').click();
                }""")
            page.wait_for_selector(f"{RESULTS}, {ERROR}", timeout=30_000)
            settled(page)
            assert_emergency_card(page)
    finally:
        context.close()


def test_with_the_runtime_kept_offline_the_open_tab_keeps_its_own_build(browser, site_dir, second_build, tmp_path):
    served = tmp_path / "served"
    deploy(site_dir, served)
    context = browser.new_context(viewport=PHONE)
    try:
        with StaticServer(served) as server:
            page = context.new_page()
            page.goto(server.url)
            wait_until(page, CONTROLLED)
            page.evaluate("() => window.relaxerChecker.ready")
            deploy(second_build, served)
            page.check("#rg-q-red_flags-saddle_numbness")
            plan_button(page).click()
            settled(page)
            page.wait_for_selector(f"{RESULTS}, {ERROR}")
            assert_emergency_card(page)
            assert visible_card(page).get_attribute("data-card") == "emergency", "the page's own build, whole"
    finally:
        context.close()


# ------------------------------------------------------------------- Continue after a red flag


@pytest.mark.parametrize("level, signs", [("emergency", EMERGENCY_SIGNS), ("urgent", URGENT_SIGNS)])
def test_continue_after_each_warning_sign_keeps_its_advice_in_view(page, site_server, level, signs):
    page.set_viewport_size(PHONE)
    page.route("**/pyodide/**", lambda route: route.abort())  # the bar needs no Python
    page.goto(site_server.url)
    steps = page.locator("[data-rg-step]").count()
    for sign in signs:
        page.check(f"#rg-q-red_flags-{sign}")
        secondary = page.locator(ON_SHOW).get_by_role("button", name="Continue to the other questions")
        assert secondary.is_visible(), "going on is the secondary choice"
        for step in range(2, steps + 1):
            go_to_step(page, step)
            bar = page.locator("[data-rg-bar]:not([hidden])")
            assert in_viewport(page, bar), f"{sign}: no bar on step {step}"
            if level == "emergency":
                assert call_link_in_view(page), f"{sign}: no call link in view on step {step}"
            else:
                assert bar.get_by_role("button", name="What to do").is_visible()
            if sign == signs[0]:
                snap(page, f"phone-20-bar-{level}-step-{step}")
        go_to_step(page, 1)
        page.uncheck(f"#rg-q-red_flags-{sign}")
        assert page.locator("[data-rg-bar]:not([hidden])").count() == 0


def test_what_to_do_on_the_bar_goes_to_the_card(page, site_server):
    page.set_viewport_size(PHONE)
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-fever")
    go_to_step(page, 3)
    page.locator("[data-rg-bar]:not([hidden])").get_by_role("button", name="What to do").click()
    assert step_on_show(page) == 1
    card = page.locator('[data-rg="early"] .rg-card')
    assert in_viewport(page, card, whole=False)


# ----------------------------------------------------------------------- Try again, Back, Forward


def test_try_again_after_a_refused_file_shows_the_plan(page, site_server):
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    plan_button(page).click()
    page.wait_for_selector(ERROR)
    page.unroute("**/*.wasm")
    page.get_by_role("button", name="Try again").click()
    page.wait_for_selector(RESULTS, timeout=30_000)
    settled(page)
    assert visible_card(page).is_visible()
    assert in_viewport(page, visible_card(page), whole=False), "the plan where the reader looks"
    assert not page.locator(ERROR).is_visible()


def test_try_again_after_a_file_refused_once_carries_the_press(page, site_server):
    """As a flaky network does it: the first request for the wasm fails, the next succeeds."""
    failures = []
    page.route("**/*.wasm", lambda route: route.abort() if not failures.append(1) and len(failures) == 1
               else route.continue_())
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-back_swelling")
    plan_button(page).click()
    page.wait_for_selector(ERROR)
    page.get_by_role("button", name="Try again").click()
    page.wait_for_selector(RESULTS, timeout=30_000)
    settled(page)
    assert visible_card(page).get_attribute("data-triage") == "urgent"


def test_back_and_forward_move_between_steps_and_reload_keeps_them(page, site_server):
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-none")
    go_to_step(page, 3)
    page.check("#rg-q-dose_pattern-as_prescribed") if page.locator("#rg-q-dose_pattern-as_prescribed").count() else None
    page.go_back()
    wait_until(page, "document.querySelector('[data-rg-step]:not([hidden])').dataset.rgStep === '2'")
    page.go_back()
    wait_until(page, "document.querySelector('[data-rg-step]:not([hidden])').dataset.rgStep === '1'")
    assert page.url.startswith(site_server.url), "Back stays on the start page"
    page.go_forward()
    wait_until(page, "document.querySelector('[data-rg-step]:not([hidden])').dataset.rgStep === '2'")
    page.reload()
    settled(page)
    assert step_on_show(page) == 2, "a reload keeps the step"
    assert page.is_checked("#rg-q-red_flags-none"), "and the answers"


# ------------------------------------------------------------------------------- step heights


def test_every_step_fits_a_phone(page, site_server):
    """At 100% text on a 390 x 844 phone: the warning signs at most 2.5 screens (all of them
    stay on one step), every other step at most 1.6."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    heights = page.locator("[data-rg-step]").evaluate_all(
        "steps => steps.map((step) => { step.hidden = false; return step.getBoundingClientRect().height; })")
    screens = [round(height / PHONE["height"], 2) for height in heights]
    assert screens[0] <= 2.5, screens
    assert all(size <= 1.6 for size in screens[1:]), screens


def test_back_from_a_topic_lands_on_the_plan(page, site_server):
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    answer_form(page, {"red_flags": ["none"], "relaxer": "cyclobenzaprine"})
    show_plan(page)
    assert page.locator(RESULTS).is_visible()
    topic = page.locator(".rg-topics__link").first
    topic.scroll_into_view_if_needed()
    with page.expect_navigation():
        topic.click()
    page.go_back()
    settled(page)
    page.wait_for_selector(RESULTS)
    wait_until(page, "document.activeElement?.dataset.card !== undefined")
    assert in_viewport(page, visible_card(page), whole=False), "the plan, where the reader left it"
    assert step_on_show(page) == 2


def test_a_plan_card_the_page_lacks_falls_back_to_its_levels_card(page, site_server):
    """A plan from another build names a card this page does not have: the page shows its own
    card of the plan's level, with its call link."""
    import json

    from support.checker import STORE_KEY, expected

    answers = {"red_flags": ["chest_pain"]}
    plan = expected(answers)["plan"]
    plan["card"]["id"] = "renamed-in-a-later-build"
    page.route("**/*.whl", lambda route: None)  # the rules hang: no new plan replaces the saved one
    page.goto(site_server.url)
    page.evaluate(f"sessionStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps({'answers': answers, 'plan': plan}))})")
    page.goto(site_server.url)
    page.wait_for_selector(RESULTS)
    card = visible_card(page)
    assert card.get_attribute("data-triage") == "emergency"
    assert card.locator('a[href^="tel:"]').first.is_visible()


def test_the_bar_never_covers_the_control_in_focus(page, site_server):
    """With a sign ticked, Tab from the box to the step's buttons: each control that takes the
    focus is brought into view above the bar, not under it."""
    page.set_viewport_size(PHONE)
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(site_server.url)
    page.check("#rg-q-red_flags-saddle_numbness")
    page.focus("#rg-q-red_flags-saddle_numbness")
    seen = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        place = page.evaluate("""() => {
          const focused = document.activeElement;
          const bar = document.querySelector("[data-rg-bar]:not([hidden])");
          return { name: focused.textContent.trim().slice(0, 40), inBar: bar.contains(focused),
                   bottom: focused.getBoundingClientRect().bottom, barTop: bar.getBoundingClientRect().top,
                   nav: Boolean(focused.closest('[data-rg="nav"]')) };
        }""")
        if place["inBar"]:
            break
        assert place["bottom"] <= place["barTop"] + 1, f"{place['name']} is under the bar"
        if place["nav"]:
            seen.add(place["name"])
    assert {"Show my plan now", "Continue to the other questions"} <= seen, seen


# ------------------------------------------------------------------------------- tap targets

TARGETS = """(root) => [...document.querySelectorAll(root)].flatMap((scope) => [...scope.querySelectorAll(
    "label.rg-option__label, button, a.rg-call, a.rg-topics__link, .rg-safety a, select, input[type=number]")])
  .filter((el) => el.checkVisibility())
  .map((el) => { const box = el.getBoundingClientRect();
    return { name: (el.textContent || el.getAttribute("aria-label") || el.id).trim().slice(0, 40),
             width: Math.round(box.width), height: Math.round(box.height) }; })"""


def test_every_control_is_at_least_44_px(page, site_server):
    """On a 390 px phone, with a plan on show: each option, button, call link and topic link of
    the checker, and the safety panel's links on a guidance page (WCAG 2.5.5)."""
    page.set_viewport_size(PHONE)
    page.goto(site_server.url)
    answer_form(page, {"red_flags": ["none"], "relaxer": "cyclobenzaprine"})
    show_plan(page)
    assert page.locator(RESULTS).is_visible()
    small = []
    for step in range(1, page.locator("[data-rg-step]").count() + 1):
        go_to_step(page, step)
        small += [t for t in page.evaluate(TARGETS, ".rg-checker") if t["height"] < 44 or t["width"] < 44]
    page.goto(site_server.url + "relief-now/")
    small += [t for t in page.evaluate(TARGETS, ".rg-safety") if t["height"] < 44 or t["width"] < 44]
    assert not small, small
