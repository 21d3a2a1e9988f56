"""Nothing leaves for another host: every page, in every state of the checker.

The `page` fixture records every request of the tab and its workers and fails the test if one
went to any origin but the test server's; this test walks the site through each state.
"""

from __future__ import annotations

from support.checker import PAGES, answer_form, expected, settled, show_plan

ANSWERS = {"red_flags": ["sudden_weakness"], "relaxer": "tizanidine", "days_taken": 40, "tried": ["none"]}


def visit_all(page, root: str) -> None:
    for url in PAGES:
        page.goto(root + url)
        if page.locator("details.rg-other").count():
            page.locator("details.rg-other > summary").click()


def test_no_request_leaves_the_site(page, site_server):
    root = site_server.url
    visit_all(page, root)  # no answers yet

    page.goto(root)
    answer_form(page, ANSWERS)
    show_plan(page)
    page.get_by_role("button", name="Share or bookmark").click()
    settled(page)
    visit_all(page, root)  # a plan in the tab

    page.goto(f'{root}#answers={expected(ANSWERS)["share"]}')  # a share link
    settled(page)
    page.get_by_role("button", name="Forget my answers").click()
    visit_all(page, root)  # forgotten

    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(root)
    answer_form(page, {"red_flags": ["none"], "sits_long": True})
    show_plan(page)  # failed to start
    assert page.locator('[data-rg="error"]').is_visible()

    assert page.rg_watch.saw(lambda url: "pyodide.asm.wasm" in url), "the walk never loaded the checker"
    assert page.rg_watch.foreign() == []
