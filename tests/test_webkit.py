"""The reader's paths that matter most, in Safari's engine (WebKitGTK, scripts/webkit_session.py).

Most phones that readers in the US arrive on run WebKit. One browser session for the module
(each WebDriver session starts with empty storage, and a second visit offline needs the first
visit's service worker): an emergency sign with its call link and "Show my plan now", a
non-urgent plan through every step, a reload that keeps the answers, a second visit with the
server gone, and Back and Forward through the steps. At the root and under a sub-path where it
costs little. Marked `webkit` (and `browser`, so the quick loop leaves it out) by conftest.
The expected plans come from CPython (support.checker.expected), not from the page.
"""

from __future__ import annotations

import pytest
from support.checker import expected, form_answers, same_answers
from support.servers import free_port, refused
from support.project import runtime_path
from support.webdriver import background_server, emergency_path

import decision

GROUPS = [g["id"] for g in decision.question_groups() if any(q["group"] == g["id"] for q in decision.questions())]
STEP_OF = {q["id"]: GROUPS.index(q["group"]) + 1 for q in decision.questions()}
NOT_URGENT = {
    "red_flags": ["none"], "relaxer": "cyclobenzaprine", "prescribed_for": "recent_strain", "days_taken": 30,
    "dose_pattern": "as_prescribed", "pain_weeks": 3, "tried": ["heat"], "sits_long": True,
}


@pytest.fixture(params=["root", "subpath"])
def site_url(request, site_server, subpath_server):
    """The site at the root of an origin, and under /relaxer-guide/ as on GitHub Pages."""
    return site_server.url if request.param == "root" else subpath_server.url


def test_an_emergency_sign_shows_the_call_card_then_the_plan(webkit, site_url):
    emergency_path(webkit, site_url)


def walk(webkit, answers: dict) -> None:
    """Answers step by step with Continue, as a reader does, checking each step comes in turn
    with its title focused."""
    for number in range(1, len(GROUPS) + 1):
        assert webkit.step() == number
        for question_id, value in answers.items():
            if STEP_OF[question_id] == number:
                webkit.answer(question_id, value)
        if number < len(GROUPS):
            webkit.button("Continue").click()
            webkit.to_step(number + 1)
            assert webkit.js("document.activeElement.closest('legend') !== null"), "the new step's title has the focus"


def test_a_plan_that_is_not_urgent_through_every_step(webkit, site_url):
    webkit.open(site_url)
    walk(webkit, NOT_URGENT)
    webkit.show_plan("Show my plan")
    plan = expected(NOT_URGENT)["plan"]
    assert plan["triage"] not in ("urgent", "emergency"), "pick answers that are not urgent"
    shown = webkit.card()
    assert webkit.problem() == ""
    assert (shown["id"], shown["triage"]) == (plan["card"]["id"], plan["triage"])
    reasons = webkit.js("[...document.querySelectorAll('.rg-topics__reason')].map((r) => r.innerText.trim())")
    assert reasons == [item["reason"] for item in plan["show"]]


def test_a_reload_keeps_the_answers_and_the_plan(webkit, site_server):
    webkit.open(site_server.url)
    webkit.forget_tab()
    webkit.reload()
    answers = {"red_flags": ["none"], "relaxer": "baclofen", "prescribed_for": "spasticity_condition"}
    webkit.answer("red_flags", ["none"])
    webkit.button("Continue").click()
    webkit.to_step(2)
    for question_id in ("relaxer", "prescribed_for"):
        webkit.answer(question_id, answers[question_id])
    webkit.show_plan("Show my plan now")
    before = webkit.card()

    webkit.reload()
    webkit.settled()
    webkit.until("document.querySelector('[data-rg=\"results\"]:not([hidden])') !== null")
    assert same_answers(form_answers(webkit), answers)
    assert webkit.card()["id"] == before["id"] == expected(answers)["plan"]["card"]["id"]
    assert webkit.problem() == ""


def test_a_second_visit_with_the_server_gone(webkit, site_dir):
    """Served by scripts/static_server.py (brotli, validators), as a host would; then stopped."""
    port = free_port()
    server = background_server(site_dir, port)
    try:
        webkit.open(server.url)
        webkit.until("navigator.serviceWorker.controller !== null", message="the service worker never took control")
        webkit.click("#rg-q-red_flags-none")  # the first touch loads the checker, which is then kept
        webkit.js("window.relaxerChecker.ready")  # resolves once Python is ready
        wanted = [server.url + runtime_path(site_dir, name) for name in ("pyodide.asm.wasm", "python_stdlib.zip", ".whl")]
        webkit.until(f"""(async () => {{ for (const name of await caches.keys()) {{
              const cache = await caches.open(name);
              if ((await Promise.all({wanted!r}.map((url) => cache.match(url)))).every(Boolean)) return true; }}
            return false; }})()""", message="the runtime was never kept for offline use")
    finally:
        server.stop()
    assert refused(port), "the server still answers: this would not test a visit offline"

    webkit.reload()
    assert webkit.js("document.querySelector('[data-rg-checker]') !== null"), "the start page did not open offline"
    assert webkit.js(f"fetch('{server.url}no-such-file.txt').then(() => 'answered', () => 'failed')") == "failed"
    webkit.click("#rg-q-red_flags-none")
    webkit.show_plan("Show my plan now")
    assert webkit.problem() == ""
    assert webkit.card()["triage"] == expected({"red_flags": ["none"]})["plan"]["triage"]


def test_back_and_forward_move_through_the_steps(webkit, site_server):
    # Another page first: Back must stay on the start page, moving through the steps.
    webkit.open(site_server.url + "about/")
    webkit.open(site_server.url)
    webkit.forget_tab()
    webkit.answer("red_flags", ["none"])
    webkit.button("Continue").click()
    webkit.to_step(2)
    webkit.answer("relaxer", "baclofen")

    webkit.driver.back()
    webkit.until("document.querySelector('[data-rg-step=\"1\"]:not([hidden])') !== null", timeout=10,
                 message="Back did not return to step 1")
    assert webkit.js("document.querySelector('#rg-q-red_flags-none').checked"), "Back keeps the answers"
    webkit.driver.forward()
    webkit.until("document.querySelector('[data-rg-step=\"2\"]:not([hidden])') !== null", timeout=10,
                 message="Forward did not go to step 2 again")
    assert webkit.js("document.querySelector('#rg-q-relaxer-baclofen').checked"), "Forward keeps the answers"
