"""Safety lint: nothing the site or the checker says may push a reader toward harm.

Three kinds of advice fail (rules in support.safety_lint.RULES, sentence by sentence):
  * raising the dose ("take more", "double", "increase your dose", "extra pill", ...);
  * combining the relaxer with alcohol or another sedating substance, in an encouraging sentence;
  * delaying emergency care ("wait and see", "wait until", "sleep on it") near red-flag words.
Warnings pass: negation ("do not take more", "never raise the dose"), a stated harm ("mixing it
with alcohol makes side effects stronger"), the doctor's decision ("your doctor may raise the
dose") and conditions ("if you took more by mistake, ..."). The unit tests below prove both sides.

Over the built site, every page's visible text is linted (the whole page, not only the article),
and so is every text the decision module can emit. A page whose own text names a red-flag symptom
must link to the emergency signs, and every page must show the medical notice and the emergency
number.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from support.project import local_facts

from support.safety_lint import EMERGENCY_SECTION, RED_FLAG_SYMPTOMS, lint_sentence, lint_sentences

from support.readability import decision_texts, summary_units

from support.page_text import expected_pages, page_url, read_page_text, sentences_of

PAGES = expected_pages()

# --- the lint itself ----------------------------------------------------------------------------

BAD = [
    # raising the dose
    "Take more if the pain comes back.",
    "If you don't feel better, take more.",
    "If needed, take more.",
    "If the pain is still bad after an hour, take another pill.",
    "When the pain is bad, take another one.",
    "Double your dose at night.",
    "You can double up on a bad day.",
    "You can increase the dose if it is not working.",
    "You can up your dose on bad days.",
    "Raise your dose a little each day.",
    "Try a higher dose.",
    "An extra pill at bedtime can help you sleep.",
    "Take it more often when the pain is bad.",
    # combining with alcohol or other sedating substances
    "Have a glass of wine with your relaxer to unwind.",
    "A beer with your muscle relaxer helps you relax.",
    "Have a beer with it to help you relax.",
    "Take it with alcohol to feel the effect sooner.",
    "It is fine to drink alcohol while you take it.",
    "Alcohol is fine with this medicine.",
    "Alcohol can help the medicine work better.",
    "Combine it with a sleeping pill for a better night.",
    # delaying emergency care
    "If the numbness gets worse, wait and see.",
    "Sleep on it if you lose bladder control.",
    "Wait until morning if you have sudden weakness.",
    "If your legs feel weak, wait for it to pass.",
    "If you have sudden weakness, wait a few days.",
]

GOOD = [
    "Do not take more than your doctor prescribed.",
    "Don't take more.",
    "No one should take more than prescribed.",
    "Never raise the dose on your own.",
    "Do not skip a dose, double up, or take extra pills.",
    "If you miss a dose, do not take two at once.",
    "Take your next dose at the usual time.",
    "Taking more will not help and can be dangerous.",
    "Your doctor may increase the dose or switch you to another medicine.",
    "Your doctor may switch you to another muscle relaxer.",
    "Switching to another relaxer may help.",
    "Ask your doctor whether to change the dose.",
    "Ask your doctor whether you can take more.",
    "If you took more by mistake, call poison control.",
    "Tolerance means you may need more of the medicine to get the same effect.",
    "Using them longer can lead to tolerance, so a higher dose is needed for the same effect.",
    "Patients should avoid increasing the dosage or combining the medication with other substances "
    "without clear medical instruction.",
    "Do not drink alcohol while you take a muscle relaxer.",
    "Never take it with alcohol.",
    "Alcohol with a muscle relaxer can make you dangerously sleepy.",
    "Alcohol and muscle relaxers do not mix.",
    "Mixing it with alcohol can make its side effects stronger.",
    "Combining the relaxer with other substances, like OTC medicines or alcohol, can make it work less well.",
    "Avoid mixing the medicine with alcohol or sleeping pills.",
    "It is not safe to drink alcohol with it.",
    "Tell your doctor if you have been taking it with alcohol.",
    "Do not drink alcohol, take sleeping pills, or use cannabis while you take it.",
    "A drug interaction is when a medicine mixes with another medicine, or with alcohol, and changes how it works.",
    "Take it with a glass of water.",
    "Do not wait to see if it gets better.",
    "Do not wait until morning if you lose bladder control.",
    "Wait 20 minutes between heat sessions.",
    "Wait until your skin warms up before you use ice again.",
    "Things that may help while you wait to see your doctor.",
    "If the signs get worse fast, call your local emergency number.",
    "Take extra care when you get up from bed.",
    "Take a second look at the label.",
    "Take more breaks when you sit for a long time.",
    "Double-check the name of the medicine on the label.",
    "You may have more pain at night.",
    "Slowly increase the amount you walk each day.",
    "Heat brings more blood to the sore area.",
]


@pytest.mark.parametrize("sentence", BAD)
def test_lint_catches_harmful_advice(sentence):
    assert lint_sentence(sentence), f"the lint missed: {sentence!r}"


@pytest.mark.parametrize("sentence", GOOD)
def test_lint_passes_warnings_and_harmless_text(sentence):
    findings = lint_sentence(sentence)
    assert not findings, "false alarm: " + "; ".join(f.describe() for f in findings)


def test_lint_looks_at_neighbouring_sentences_for_red_flags():
    assert lint_sentences(["Have you lost control of your bladder?", "Wait until morning."])
    assert not lint_sentences(["Wait until your skin warms up.", "Stop if it feels numb."])
    assert not lint_sentences(["Have you lost control of your bladder?", "Do not wait until morning."])


# --- the built site ----------------------------------------------------------------------------

def page_text(site_dir, page):
    path = site_dir / page
    assert path.is_file(), f"{page}: the built page is missing"
    return read_page_text(path)


@pytest.mark.parametrize("page", PAGES)
def test_page_gives_no_harmful_advice(site_dir, page):
    text = page_text(site_dir, page)
    # Each block of text on its own: a nav label never runs into the next sentence.
    findings = lint_sentences(sentences_of([b.text for b in text.select(None, {"code"})]))
    assert not findings, f"{page}: unsafe advice:\n" + "\n".join("  " + f.describe() for f in findings)


def links_to_emergency_signs(hrefs: list[str]) -> bool:
    return any(urlsplit(href).fragment == EMERGENCY_SECTION for href in hrefs)


@pytest.mark.parametrize("page", PAGES)
def test_page_naming_a_red_flag_links_to_emergency_signs(site_dir, page):
    """Judged on the page's own text: the safety aside (on every page, with its own link) aside."""
    text = page_text(site_dir, page)
    own = text.select({"article"}, {"safety", "code"})
    mentions = [b.text for b in own if RED_FLAG_SYMPTOMS.search(b.text)]
    if not mentions:
        return
    holds_section = EMERGENCY_SECTION in text.ids
    linked = links_to_emergency_signs(text.links_in({"article"}, {"safety"}))
    assert holds_section or linked, (
        f"{page} names a red-flag symptom but does not link to #{EMERGENCY_SECTION}; first mention: "
        f"{RED_FLAG_SYMPTOMS.search(mentions[0]).group(0)!r} in {mentions[0]!r}"
    )


DISCLAIMER = re.compile(r"not medical advice|general information", re.IGNORECASE)
EMERGENCY_NUMBER = re.compile(rf"call {re.escape(local_facts()['emergency_number'])}\b", re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_the_safety_aside_and_the_medical_notice(site_dir, page):
    text = page_text(site_dir, page)
    problems = []
    aside = " ".join(b.text for b in text.select({"safety"}))
    notice = " ".join(b.text for b in text.select({"notice"}))
    if not aside:
        problems.append("no visible safety aside (.rg-safety, rendered by overrides/main.html)")
    elif not (EMERGENCY_NUMBER.search(aside) and links_to_emergency_signs(text.links_in({"safety"}))):
        problems.append(f"the safety aside lacks the emergency number or the link to the signs: {aside!r}")
    if not notice:
        problems.append("no visible medical notice (.rg-notice in the footer)")
    whole = " ".join(b.text for b in text.blocks)
    if not DISCLAIMER.search(whole):
        problems.append('no visible "not medical advice" / "general information" disclaimer')
    if not EMERGENCY_NUMBER.search(whole):
        problems.append("no visible text on calling the emergency number")
    assert not problems, f"{page}: " + "; ".join(problems)


def test_safety_text_is_visible_in_the_browser(site_server, browser):
    """Not only in the HTML: painted, in both palettes, on every page, with scripts running."""
    problems = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        for name in PAGES:
            page.goto(site_server.url + page_url(name))
            for selector in (".rg-safety", ".rg-notice"):
                found = page.locator(selector)
                if not found.count():
                    problems.append(f"{name} ({scheme}): no {selector}")
                elif not found.first.is_visible():
                    problems.append(f"{name} ({scheme}): {selector} is not visible")
        context.close()
    assert not problems, "\n".join(problems)


# --- what the decision module says ---------------------------------------------------------------

def test_decision_texts_give_no_harmful_advice():
    texts = decision_texts()
    findings = []
    for kind in ("questions", "cards", "reasons", "errors"):
        findings += [(kind, f) for f in lint_sentences(sentences_of(getattr(texts, kind)))]
    for summary in texts.summaries:
        findings += [("summary", f) for f in lint_sentences(sentences_of(summary_units(summary)))]
    assert not findings, "unsafe text from the decision module:\n" + "\n".join(
        f"  {kind}: {f.describe()}" for kind, f in findings
    )
