"""The browser's Python (Pyodide in the worker) answers exactly as CPython does.

The page and the tests both go through window.relaxerChecker, which uses the same worker as
the form. Hundreds of valid answer sets, plus broken ones, must give byte-for-byte the same
response as decision.browser.handle on CPython: the same plan, share token or error.
"""

from __future__ import annotations

import json

from decision.samples import sample_answer_sets

import decision.browser

SAMPLES = 300
INVALID = [
    {"days_taken": 99999},
    {"days_taken": {"value": 3, "unit": "decades"}},
    {"days_taken": -1},
    {"days_taken": 2.5},
    {"days_taken": "30"},
    {"relaxer": "aspirin"},
    {"red_flags": ["sudden_weakness", "sudden_weakness"]},
    {"red_flags": "bowel_bladder"},
    {"recurring": "yes"},
    {"no_such_question": 1},
    [],
    None,
]


def cpython(request: dict) -> dict:
    return json.loads(decision.browser.handle(json.dumps(request)))


def in_browser(page, requests: list[dict]) -> list[dict]:
    """Sends each request through the page's worker (plan and decode, as the page does)."""
    return page.evaluate(
        """async (requests) => {
          await window.relaxerChecker.ready;
          const out = [];
          for (const request of requests) {
            out.push(await window.relaxerChecker.plan(request.answers));
          }
          return out;
        }""",
        requests,
    )


def test_same_plans_as_cpython(page, site_server):
    page.goto(site_server.url)
    # The samples, and "None of these" alone (the one way to self care), and a slip beside it.
    answer_sets = sample_answer_sets(SAMPLES - 2, seed=20261125) + [{"red_flags": ["none"]}, {"red_flags": ["none", "fever"]}]
    requests = [{"op": "plan", "answers": answers} for answers in answer_sets]
    browser_responses = in_browser(page, requests)
    assert len(browser_responses) == SAMPLES
    mismatches = [
        (request["answers"], got)
        for request, got in zip(requests, browser_responses)
        if got != cpython(request)
    ]
    assert mismatches == [], f"{len(mismatches)} of {SAMPLES} differ, first: {mismatches[0]}"
    assert all(response["ok"] for response in browser_responses)
    # The samples reach every triage level, so the comparison covers them all.
    assert {r["plan"]["triage"] for r in browser_responses} == set(decision.LEVELS)


def test_same_errors_as_cpython(page, site_server):
    page.goto(site_server.url)
    requests = [{"op": "plan", "answers": answers} for answers in INVALID]
    for request, got in zip(requests, in_browser(page, requests)):
        assert got == cpython(request), request["answers"]
        assert got["ok"] is False and got["error"]
