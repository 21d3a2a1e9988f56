"""Plain language: every page, the checker's questions and everything the decision module says.

Readers are in pain and often on a sedating medicine, so the bar is a reading grade of 8.0 or
lower (Flesch-Kincaid, textstat 0.7.8, computed offline).

What is scored, and why:

* A page: the visible text of its <article> (scripts, styles, `hidden` elements and the like do
  not count), which includes the site-wide safety aside the reader sees above every page.
  Each heading, list item, table cell and paragraph is a unit of reading that ends a sentence,
  so a heading never runs on into the paragraph under it.
  Left out: code (<pre>/<code>: there should be none), the rule table of "How the checker
  decides" (generated from decision.rules_markdown(): data in a table, not prose; its wording
  comes from the questions, which are scored below), and the checker form on the start page
  (scored on its own below, as is all the text it is built from).
* The listed medical terms (support.readability.MEDICAL_TERMS: relaxer classes, generic drug names
  on the reader's label, the pain relievers and the few terms of the source guidance) are
  swapped for the word "drug" before scoring, and must be explained the first time a page uses
  them (the heuristic is documented in support/readability.py, above EXPLANATION_CUES).
* The decision module: questions (prompts, help, option labels), triage cards, every reason and
  summary it emits over a broad sample of answer sets, each kind scored as one text.

A failure names the page, the grade, and the three sentences that raise the grade most.
"""

from __future__ import annotations

import re

import pytest

from support.readability import GRADE_LIMIT, MEDICAL_TERMS, decision_texts, grade_report, summary_units, unexplained_terms

from support.page_text import expected_pages, read_page_text, sentences_of
from support.html import html_pages

PAGES = expected_pages()
PROSE_EXCLUDE = {"code", "rule-table", "form"}


def page_units(site_dir, page: str, exclude=PROSE_EXCLUDE, headings: bool = True) -> list[str]:
    path = site_dir / page
    assert path.is_file(), f"{page}: the built page is missing"
    text = read_page_text(path)
    blocks = text.select({"article"}, set(exclude) | (set() if headings else {"heading"}))
    return [block.text for block in blocks]


def test_the_gates_cover_every_built_page(site_dir):
    built = {p.relative_to(site_dir).as_posix() for p in html_pages(site_dir)}
    assert built == set(PAGES), (
        f"built pages {sorted(built - set(PAGES))} are not gated; gated pages {sorted(set(PAGES) - built)} "
        "were not built"
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_reads_at_grade_8_or_lower(site_dir, page):
    units = page_units(site_dir, page)
    assert units, f"{page}: no visible article text"
    report = grade_report(page, units)
    assert report.grade <= GRADE_LIMIT, report.describe()


def test_checker_form_reads_at_grade_8_or_lower(site_dir):
    """The form as rendered into the start page: prompts, help, labels, buttons, notes."""
    text = read_page_text(site_dir / "index.html")
    units = [b.text for b in text.select({"article", "form"}, {"code"})]
    if not units:
        pytest.fail("index.html: no checker form found (a <form> or .rg-checker in the article)")
    report = grade_report("the checker form on index.html", units)
    assert report.grade <= GRADE_LIMIT, report.describe()


@pytest.mark.parametrize("page", PAGES)
def test_page_explains_medical_terms_at_first_use(site_dir, page):
    sentences = sentences_of(page_units(site_dir, page, exclude={"code", "rule-table"}, headings=False))
    problems = unexplained_terms(sentences)
    assert not problems, f"{page}: medical terms not explained where first used:\n" + "\n".join(
        f"  {term!r}: {sentence!r}" for term, sentence in problems
    )


def test_medical_term_list_stays_short():
    # The list excuses words from the grade; it must not grow into a way around plain language.
    assert len(MEDICAL_TERMS) <= 25, "keep support.readability.MEDICAL_TERMS short: explain or replace words"


# --- what the decision module says ----------------------------------------------------------

def test_questions_read_at_grade_8_or_lower():
    texts = decision_texts()
    assert texts.questions, "decision.questions() gave no text"
    report = grade_report("decision.questions() (prompts, help, option labels)", texts.questions)
    assert report.grade <= GRADE_LIMIT, report.describe()


def test_questions_explain_medical_terms_at_first_use():
    problems = unexplained_terms(sentences_of(decision_texts().questions))
    assert not problems, "decision.questions(): medical terms not explained where first used:\n" + "\n".join(
        f"  {term!r}: {sentence!r}" for term, sentence in problems
    )


def test_triage_cards_read_at_grade_8_or_lower():
    texts = decision_texts()
    assert texts.cards, "decision.triage_cards() gave no text"
    report = grade_report("decision.triage_cards()", texts.cards)
    assert report.grade <= GRADE_LIMIT, report.describe()


def test_reasons_read_at_grade_8_or_lower():
    texts = decision_texts()
    assert texts.reasons, "no plan over the sample showed a section with a reason"
    report = grade_report(f"plan reasons ({len(texts.reasons)} distinct)", texts.reasons)
    assert report.grade <= GRADE_LIMIT, report.describe()


def test_summaries_read_at_grade_8_or_lower():
    texts = decision_texts()
    assert texts.summaries, "no plan over the sample had a summary"
    units = [unit for summary in texts.summaries for unit in summary_units(summary)]
    report = grade_report(f"plan summaries ({len(texts.summaries)} distinct)", units)
    assert report.grade <= GRADE_LIMIT, report.describe()


def reader_facing_errors() -> list[str]:
    """Error messages a reader of the form can meet: numbers it accepts but the rules refuse
    (out of range, not whole; the form sends any number typed), and a damaged share link."""
    import json

    import decision
    import decision.browser

    messages = []
    from decision.kinds import KINDS

    for question in decision.questions():
        if not KINDS[question["kind"]].counts:
            continue
        for value in (question["min"] - 1, question["max"] + 1, question["min"] + 0.5):
            try:
                decision.plan({question["id"]: value})
            except decision.InvalidAnswers as error:
                messages.append(str(error))
    # The last: answers that decode but fit no question (an edited or an older link).
    for token in ("garbage", "v1.", "v1.AAAA", "v1.e30", "v1.eyJyZWxheGVyIjoieCJ9"):
        reply = json.loads(decision.browser.handle(json.dumps({"op": "decode", "token": token})))
        if not reply.get("ok"):
            messages.append(reply["error"])
    return list(dict.fromkeys(messages))


def test_error_messages_read_at_grade_8_or_lower():
    messages = reader_facing_errors()
    assert messages, "no reader-facing error message was provoked"
    report = grade_report(f"error messages a reader can meet ({len(messages)})", messages)
    assert report.grade <= GRADE_LIMIT, report.describe()


INTERNAL_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def test_error_messages_show_no_internal_names():
    """A reader sees the question's words, never its id (such as "days_taken")."""
    leaks = [m for m in reader_facing_errors() if INTERNAL_NAME.search(m)]
    assert not leaks, "error messages a reader sees name internal ids:\n" + "\n".join(
        f"  {INTERNAL_NAME.search(m).group(0)!r} in {m!r}" for m in leaks
    )
