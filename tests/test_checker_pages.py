"""The guidance pages with a plan: the fold, the banner, the contents, a page where nothing fits,
and print.

The fold "Other topics on this page" wears the site's colours and a "more" icon, not Material's
blue note box and pencil; its text keeps the body size, as does every warning box. A page on
which nothing fits is left as written, with one line saying so. The table of contents marks
what is folded. On paper, no checker chrome: no fold bar, no banner, no "Answer a few questions".
Screenshots (phone and desktop, and the printed PDF as PNG) go to build/screenshots/.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest

import decision
from support.project import local_facts
from support.checker import (
    PAGES,
    RESULTS,
    SCREENSHOTS,
    VIEWPORTS,
    answer_form,
    expected,
    expected_layout,
    manifest,
    settled,
    show_plan,
    snap,
)

# Answers whose plan picks out something on some pages and nothing on others.
ANSWERS = {"red_flags": ["none"], "sits_long": True, "pain_pattern": ["shooting_or_radiating"]}
QUIET = {"red_flags": ["none"], "sits_long": True}
CHROME = ".rg-other__summary, .rg-tailored, .rg-safety__checker, .rg-toc-folded, .headerlink"


def pages_where(site_dir, answers: dict, folded: bool) -> list[str]:
    plan = expected(answers)["plan"]
    sections = manifest(site_dir)
    found = []
    for url in PAGES[1:]:
        on_page = [s for s in sections if s["url"] == url]
        picked = bool(on_page) and on_page[0]["page"] in plan["layout"]["pages"]
        if folded and picked and expected_layout(plan, sections, url).folded:
            found.append(url)
        if not folded and not picked and on_page:
            found.append(url)
    assert found, f"no page fits the test for {answers}"
    return found


def with_plan(page, site_server, answers: dict) -> None:
    """The plan of `answers`, made in the start page. Without the warning signs the form does
    not go on, so such a plan comes from a link (or a tab's saved answers), as it can."""
    if "red_flags" not in answers:
        page.goto(f"{site_server.url}#answers={expected(answers)['share']}")
        settled(page)
        page.wait_for_selector(RESULTS)
        return
    page.goto(site_server.url)
    answer_form(page, answers)
    show_plan(page)


def style(page, selector: str, prop: str, pseudo: str | None = None) -> str:
    return page.locator(selector).first.evaluate(
        "(el, [prop, pseudo]) => getComputedStyle(el, pseudo).getPropertyValue(prop)", [prop, pseudo]
    )


def test_the_fold_looks_like_the_site(page, site_server, site_dir):
    with_plan(page, site_server, ANSWERS)
    page.goto(site_server.url + pages_where(site_dir, ANSWERS, folded=True)[0])
    fold = "details.rg-other"
    summary = f"{fold} > summary"
    assert style(page, fold, "box-shadow") == "none"
    assert style(page, fold, "border-left-width") == "0px"
    assert style(page, summary, "background-color") == "rgba(0, 0, 0, 0)", "no blue note band"
    accent = page.evaluate("getComputedStyle(document.querySelector('.rg-other')).getPropertyValue('--rg-accent-text')")
    probe = page.evaluate(
        "(c) => { const p = document.createElement('i'); p.style.color = c; document.body.append(p); "
        "const v = getComputedStyle(p).color; p.remove(); return v; }",
        accent.strip(),
    )
    assert style(page, summary, "color") == probe, "the summary wears the site's accent"
    icon = style(page, summary, "mask-image", "::before")
    assert "svg" in icon and "M12 2a10" in icon.replace("%20", " "), "the plus icon, not Material's pencil"
    assert style(page, summary, "display", "::after") == "none", "no chevron"
    page.locator(summary).click()
    assert style(page, summary, "mask-image", "::before") != icon, "a minus when open"
    # Folded text is not shrunk: it has the size of the page's own paragraphs.
    body = style(page, "article > p", "font-size")
    assert style(page, f"{fold} section p", "font-size") == body


def test_warning_boxes_are_at_body_size(page, site_server):
    for url in PAGES:
        page.goto(site_server.url + url)
        body = style(page, "article p", "font-size")
        # The emergency panel, the notices and every admonition, down to their smallest text.
        boxes = page.locator(".rg-safety, .md-typeset .admonition, .rg-notice").all()
        assert boxes, url
        for box in boxes:
            size = box.evaluate(
                "b => Math.min(...[b, ...b.querySelectorAll('p, li')].map((e) => parseFloat(getComputedStyle(e).fontSize)))"
            )
            assert size >= float(body[:-2]), f"{url}: warning text at {size}px, body {body}"


def test_banner_and_contents_on_a_tailored_page(page, site_server, site_dir):
    with_plan(page, site_server, ANSWERS)
    url = pages_where(site_dir, ANSWERS, folded=True)[0]
    page.goto(site_server.url + url)
    banner = page.locator(".rg-tailored")
    assert banner.inner_text().startswith("Tailored to your answers")
    change = banner.get_by_role("link", name="Change answers")
    assert change.get_attribute("href").endswith("#checker")
    assert not page.locator(".rg-safety__checker").is_visible(), "no 'Answer a few questions' once answered"
    # "· Change answers" stays together: no separator dangles at a line end.
    glue = banner.locator(".rg-tailored__glue")
    assert glue.text_content() == "·\u00a0Change answers"
    assert glue.evaluate("g => getComputedStyle(g).whiteSpace") == "nowrap"
    # The contents mark exactly the folded topics (and their subsections), and keep their links.
    plan = expected(ANSWERS)["plan"]
    folded = set(expected_layout(plan, manifest(site_dir), url).folded)
    children = {s["id"] for s in manifest(site_dir) if s["parent"] in folded}
    marked = page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--secondary .rg-toc-folded')]
            .map((m) => m.closest('a').getAttribute('href').slice(1))"""
    )
    toc = page.evaluate("() => [...document.querySelectorAll('.md-nav--secondary a.md-nav__link')].map(a => a.getAttribute('href').slice(1))")
    assert set(marked) == (folded | children) & set(toc)
    page.get_by_role("button", name="Show the page as written").click()
    assert page.locator(".rg-toc-folded").count() == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_page_where_nothing_fits_stays_as_written(page, site_server, site_dir, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    with_plan(page, site_server, QUIET)
    for url in pages_where(site_dir, QUIET, folded=False):
        page.goto(site_server.url + url)
        page.locator(".rg-tailored").wait_for()
        assert page.locator("details.rg-other, .rg-reason, .rg-toc-folded").count() == 0
        assert page.locator("section.rg-section:not(:visible)").count() == 0
        line = page.locator(".rg-tailored")
        assert line.count() == 1
        assert line.inner_text().startswith("Nothing on this page was picked out for your answers")
        assert line.get_by_role("link", name="Change answers").is_visible()
    snap(page, f"{viewport}-08-nothing-fits")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_of_a_tailored_page(page, site_server, site_dir, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    with_plan(page, site_server, ANSWERS)
    page.goto(site_server.url + pages_where(site_dir, ANSWERS, folded=True)[0])
    snap(page, f"{viewport}-07-tailored-top")
    fold = page.locator("details.rg-other")
    fold.scroll_into_view_if_needed()
    snap(page, f"{viewport}-07-fold-closed")
    fold.locator("summary").click()
    snap(page, f"{viewport}-07-fold-open")


def test_print_shows_no_checker_chrome(page, site_server, site_dir):
    with_plan(page, site_server, ANSWERS)
    targets = {"start": "", "tailored": pages_where(site_dir, ANSWERS, folded=True)[0]}
    for name, url in targets.items():
        page.goto(site_server.url + url)
        page.evaluate("dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        assert page.locator(CHROME).filter(visible=True).count() == 0, name
        assert page.locator("section.rg-section:not(:visible)").count() == 0, name
        if name == "start":
            assert page.locator('[data-rg="summary-text"]').is_visible()
            assert page.locator("[data-rg-step], .rg-button").filter(visible=True).count() == 0
        pdf = SCREENSHOTS / f"print-{name}.pdf"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(pdf), format="Letter")
        page.emulate_media(media="screen")
        page.evaluate("dispatchEvent(new Event('afterprint'))")
        # What is on paper, read back from the PDF (poppler's pdftotext; scripts/test installs it).
        paper = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                        capture_output=True, text=True).stdout.split())
        for chrome in ("Answer a few questions to see the topics", "Other topics on this page", "Show the page as written",
                       "Change answers", "Show my plan", "Tailored to your answers"):
            assert chrome not in paper, f"{name}: '{chrome}' is printed"
        if name == "start":
            summary = " ".join(page.locator('[data-rg="summary-text"]').inner_text().split())
            assert summary[:60] in paper, "the doctor summary is not on paper"
        else:
            for title in page.locator("section.rg-section :is(h2, h3)").all_inner_texts():
                assert " ".join(title.replace("¶", "").split())[:40] in paper, f"{name}: '{title}' is not on paper"
        if shutil.which("pdftoppm"):  # the pages as PNG, to look at by eye
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "3", str(pdf), str(SCREENSHOTS / f"print-{name}")], check=True)


def test_the_doctor_page_prints_the_questions_and_the_dose_log(page, site_server):
    """The visit sheet (second fresh review: a tangible tool) is on paper whole, with its
    fill-in lines, and no checker or navigation with it."""
    page.goto(site_server.url + "doctor/")
    page.emulate_media(media="print")
    pdf = SCREENSHOTS / "print-doctor.pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="Letter")
    page.emulate_media(media="screen")
    paper = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                    capture_output=True, text=True).stdout.split())
    for words in ("My questions for the doctor", "How do I stop it safely? ..........", "My dose log",
                  "Pain (0 to 10): ....."):
        assert words in paper, f"'{words}' is not on paper"
    assert paper.count("Day and time: ..........") == 6, "a line for each of six doses"
    for chrome in ("Show my plan", "Step 1 of", "Skip to content"):
        assert chrome not in paper, f"'{chrome}' is printed"


def test_the_printed_summary_has_the_date_the_advice_and_the_answers(page, site_server):
    """"Print summary" puts on paper what a doctor needs: when, the checker's advice (the card's
    title and how soon) and the reader's answers; nothing else of the page."""
    answers = {"red_flags": ["fever"], "relaxer": "baclofen", "dose_pattern": "stopped_suddenly"}
    with_plan(page, site_server, answers)
    plan = expected(answers)["plan"]
    card = next(c for c in decision.cards() if c["id"] == plan["card"]["id"])
    advice = f"The checker's advice: {card['title'].format(**local_facts())}. How soon: {card['soon']}."
    page.evaluate("window.print = () => { window.__printed = document.documentElement.className; }")
    page.get_by_role("button", name="Print summary").click()
    assert "rg-print-summary" in page.evaluate("window.__printed")
    page.emulate_media(media="print")
    pdf = SCREENSHOTS / "print-summary.pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="Letter")
    page.emulate_media(media="screen")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert "rg-print-summary" not in page.evaluate("document.documentElement.className")
    paper = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                    capture_output=True, text=True).stdout.split())
    today = datetime.date.today()
    assert f"Made on {today:%B} {today.day}, {today.year}." in paper, paper[:300]
    assert advice in paper
    for line in plan["summary"].split("\n"):
        assert " ".join(line.split()) in paper, line
    assert card["text"].format(**local_facts())[:40] not in paper, "only the summary, not the card"
    assert "Step 1 of" not in paper and "Show my plan" not in paper
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "1", str(pdf), str(SCREENSHOTS / "print-summary")], check=True)


WARNING_SECTIONS = ["emergency-signs", "prompt-evaluation", "overdose-signs"]


@pytest.mark.parametrize("answers", [
    {"red_flags": ["none"], "relaxer": "methocarbamol"},  # "when the medicine is not helping" is shown
    {"red_flags": ["fever"], "dose_pattern": "more_than_prescribed"},  # too much medicine leads
    {"sits_long": True},  # the warning signs not answered yet
], ids=["see the doctor", "too much medicine with a fever", "signs unanswered"])
def test_the_urgent_page_keeps_its_warning_signs_first_after_tailoring(page, site_server, answers):
    with_plan(page, site_server, answers)
    page.goto(site_server.url + "urgent/")
    page.locator(".rg-tailored").first.wait_for()
    order = page.evaluate("[...document.querySelectorAll('article > section.rg-section')].map(s => s.dataset.section)")
    assert order[:3] == [i for i in expected(answers)["plan"]["layout"]["lead"] if i in WARNING_SECTIONS]
    assert sorted(order[:3]) == sorted(WARNING_SECTIONS), order
    assert "see-your-doctor-soon" not in order[:3]
