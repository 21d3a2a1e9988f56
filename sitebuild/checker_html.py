"""The checker's HTML, rendered at build time from the decision package.

The form paints with the page text, before any script runs: plain fieldsets, legends and
labels, one per question, in steps (one per question group, in decision's order), warning
signs first as step one. Nothing is ticked to start with: a question left alone is simply
unanswered. Every input carries name=<question id> and value=<option value>, so the scripts
read and restore answers without knowing any question. Each step ends with its buttons
(Continue, Back, "Show my plan now", and "Show my plan" on the last), which the script shows
one step at a time. The triage cards, the results, the doctor summary, the share box and the
words of every failure are here too, hidden until the script needs them.

Step one answers at once: under each warning-sign option sits the card that decision itself
gives for that option alone (`decision.early_cards`, by running the engine), shown by CSS
(`:has(:checked)`) the moment the box is ticked, with JavaScript off too and before Python has
loaded. So no rule is written twice: the page holds the engine's own answers.

With JavaScript off the warning signs stay usable, and in place of the other steps one line
says they need JavaScript, with links to the guidance pages. The scripts hide the line and
enable the form when they run.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

import decision
from decision.cards import BECAUSE
from decision.engine import ASK_FIRST
from decision.kinds import KINDS
from decision.questions import NONE
from decision.sections import BY_ID as SECTIONS, SECTIONS as ALL_SECTIONS
from sitebuild import local_facts
from sitebuild.runtime_files import STALL_MS

# NHS care-card styles: emergency, urgent, non-urgent; self care is a calmer non-urgent.
CARD_STYLES = {"emergency": "emergency", "urgent": "urgent", "self_care": "self-care"}
# What a screen reader hears before a card's title, so the level is never only a colour.
SR_PREFIX = {
    "emergency": "Emergency advice:", "urgent": "Urgent advice:",
    "see_doctor": "Doctor advice:", "self_care": "Self-care advice:",
}
PLAN_LABEL = "Show my plan"
PLAN_NOW_LABEL = "Show my plan now"
CLEAR_LABEL = "Clear this answer"
# Said at a question of engine.ASK_FIRST when the reader presses Continue without an answer.
REQUIRED = "Check each warning sign you have, or check None of these, to go on."
CARDS = {card["id"]: card for card in decision.cards()}


def group_legend(group: str) -> str:
    """The group's title, from decision: one source for the form, the CLI and the docs."""
    return {g["id"]: g["title"] for g in decision.question_groups()}[group]


def levels() -> list[str]:
    """The triage levels, least urgent first."""
    return list(decision.LEVELS)


def early_cards() -> dict[str, dict[str, dict]]:
    """The card under each warning-sign option of step one: decision's (decision/early.py)."""
    return decision.early_cards()


def section_href(section_id: str) -> str:
    """A link from the start page to a section. The build sets the final address from the
    rendered pages (sitebuild.section_links, by data-rg-section); this one is its default."""
    page = PurePosixPath(SECTIONS[section_id].page).with_suffix("")
    return f"{'' if page.name == 'index' else page.as_posix() + '/'}#{section_id}"


def warning_sign_list(level: str) -> str:
    """The warning signs of one level ("overdose": the signs of too much medicine) as an HTML
    list, in the checker's own words, marked so the site's tests can find every list."""
    signs = [sign for sign in decision.warning_signs() if sign["level"] == level or level == "overdose" and sign["overdose"]]
    if not signs:
        raise ValueError(f'There are no warning signs of the level "{level}".')
    items = "".join(f'<li data-rg-sign="{sign["value"]}">{escape(sign["label"])}.</li>' for sign in signs)
    return f'<ul class="rg-signs" data-rg-signs="{level}">{items}</ul>'


def _attrs(**attributes: str | int | bool) -> str:
    """HTML attributes; True writes a bare attribute, False leaves it out."""
    parts = []
    for name, value in attributes.items():
        name = name.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(name)
        elif value is not False:
            parts.append(f'{name}="{escape(str(value))}"')
    return " ".join(parts)


def _list(items: list[str], name: str, css: str) -> str:
    """A list the plan fills (hidden while empty), or one filled at build."""
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f'<ul class="{css}" data-rg="{name}"{"" if items else " hidden"}>{body}</ul>'


def call_buttons(calls: list[str], facts: dict[str, str]) -> str:
    """Tap-to-call links: the emergency number, Poison Help for too much medicine, and the crisis
    line for thoughts of self-harm."""
    words = {
        "emergency": (facts["emergency_tel"], f"Call {facts['emergency_number']}"),
        "poison": (facts["poison_tel"], f"Call {facts['poison_name']}: {facts['poison_number']}"),
        "crisis": (facts["crisis_tel"], f"Call {facts['crisis_name']}: {facts['crisis_number']}"),
    }
    links = "".join(
        f'<a class="rg-call rg-call--{kind}" href="{escape(words[kind][0])}">{escape(words[kind][1])}</a>'
        for kind in calls
    )
    return f'<p class="rg-card__calls">{links}</p>' if links else ""


def card_body(card_id: str, facts: dict[str, str], lines: list[str] | None = None,
              because: list[str] | None = None) -> str:
    """A card's heading and content, numbers filled in. `lines` and `because` are the plan's
    (an early card's are known at build; a plan card's lists stay empty for the script)."""
    card = CARDS[card_id]
    fill = lambda text: local_facts.fill_braces(text, facts)  # noqa: E731
    wait = "".join(f"<li>{escape(fill(line))}</li>" for line in card["wait"])
    # What to do tonight comes first on the calmer cards, each line a link to its section.
    now = "".join(
        f'<li><a href="{escape(section_href(item["section"]))}" data-rg-section="{escape(item["section"])}">'
        f'{escape(item["text"])}</a></li>'
        for item in card["now"]
    )
    link = card["link"]
    return (
        f'<div class="rg-card__heading-container"><h3 class="rg-card__heading">'
        f'<span class="rg-visually-hidden">{escape(SR_PREFIX[card["level"]])} </span>{escape(fill(card["title"]))}'
        f"</h3></div>"
        f'<div class="rg-card__content">'
        + (f'<div class="rg-card__now"><p class="rg-card__now-title">What you can do tonight:</p>'
           f'<ul>{now}</ul></div>' if now else "")
        + f'<p class="rg-card__soon"><strong>How soon:</strong> {escape(card["soon"])}</p>'
        f'<p class="rg-card__text">{escape(fill(card["text"]))}</p>'
        f'{_list(lines or [], "lines", "rg-card__lines")}'
        f'{call_buttons(card["calls"], facts)}'
        + (f'<div class="rg-card__wait"><p class="rg-card__wait-title">While you wait:</p>'
           f'<ul>{wait}</ul></div>' if wait else "")
        + f'<div class="rg-card__because" data-rg="because-box"{"" if because else " hidden"}>'
        f'<p class="rg-card__because-title">{escape(BECAUSE)}</p>'
        f'{_list(because or [], "because", "rg-card__because-list")}</div>'
        f'<p class="rg-card__more"><a href="{escape(section_href(link["section"]))}" '
        f'data-rg-section="{escape(link["section"])}">{escape(link["text"])}</a></p>'
        f"</div>"
    )


def _early_card(value: str, card: dict, facts: dict[str, str]) -> str:
    """The card under one warning-sign option; CSS shows it while the box is ticked."""
    style = CARD_STYLES.get(card["level"], "non-urgent")
    attributes = _attrs(
        class_=f"rg-card rg-card--{style} rg-early-card", data_rg_early=value, data_card=card["id"],
        data_rg_level=card["level"], data_rg_rank=levels().index(card["level"]),
        data_rg_covers=" ".join(CARDS[card["id"]]["covers"]) or False,
    )
    return f"<div {attributes}>{card_body(card['id'], facts, card['lines'], card['because'])}</div>"


def _option(question_id: str, kind: str, value: str, label: str, facts: dict[str, str], *,
            enabled: bool = False, early: dict | None = None) -> str:
    input_id = f"rg-q-{question_id}-{value}"
    several = KINDS[kind].several
    field = _attrs(
        class_="rg-option__input", type=KINDS[kind].control, id=input_id, name=question_id,
        value=value, disabled=not enabled,
        # "None of these" cannot be ticked beside a choice (form.js unticks the other; decision
        # reads both as the choice, with a notice).
        data_rg_exclusive=several and value == NONE,
    )
    return (
        f'<div class="rg-option"><input {field}>'
        f'<label class="rg-option__label" for="{input_id}">{escape(label)}</label>'
        f'{_early_card(value, early, facts) if early else ""}</div>'
    )


# The warning signs' options are grouped under these words, most urgent first (the local facts
# fill in the number). On the start page this group is the list of emergency signs itself.
LEVEL_GROUPS = {"emergency": "Call {emergency_number} now for:", "urgent": "Get seen today for:"}


def _choices(question: dict) -> list[tuple[str, str]]:
    return KINDS[question["kind"]].choices(question)


def _question(question: dict, facts: dict[str, str], enabled: bool = False, early: dict | None = None) -> str:
    qid, kind = question["id"], question["kind"]
    help_id = f"rg-q-{qid}-help"
    help_html = f'<p class="rg-question__help" id="{help_id}">{escape(question["help"])}</p>'
    if KINDS[kind].control == "number":
        input_id = f"rg-q-{qid}"
        unit_id = f"rg-q-{qid}-unit"
        field = _attrs(
            class_="rg-question__number", type="number", id=input_id, name=qid,
            inputmode="numeric", min=question["min"], step=1,
            aria_describedby=f"{help_id} {unit_id}", disabled=not enabled,
        )
        # The first unit is the one the answer counts in; another one is sent with it.
        units = "".join(
            f'<option value="{escape(unit["unit"])}">{escape(unit["unit"])}</option>' for unit in question["units"]
        )
        select = _attrs(class_="rg-question__units", id=f"{input_id}-units", name=f"{qid}.unit",
                        aria_label=f"Unit for: {question['prompt']}", disabled=not enabled)
        return (
            f'<div class="rg-question" data-question="{escape(qid)}" data-kind="{kind}">'
            f'<label class="rg-question__prompt" for="{input_id}">{escape(question["prompt"])}</label>'
            f"{help_html}"
            f'<div class="rg-question__answer"><input {field}> <select {select}>{units}</select> '
            f'<span class="rg-question__unit" id="{unit_id}">(you can leave it blank)</span></div></div>'
        )
    early = early or {}

    def option(value: str, label: str) -> str:
        return _option(qid, kind, value, label, facts, enabled=enabled, early=early.get(value))

    if any(o.get("level") for o in question.get("options", [])):
        groups = [
            f'<p class="rg-question__group">{escape(words.format(**facts))}</p>'
            + "".join(option(o["value"], o["label"]) for o in question["options"] if o.get("level") == level)
            for level, words in LEVEL_GROUPS.items()
        ]
        options = [*groups, *(option(o["value"], o["label"]) for o in question["options"] if not o.get("level"))]
    else:
        options = [option(value, label) for value, label in _choices(question)]
    # A radio answer cannot be unticked by hand: this button (shown by the script once there is
    # an answer) leaves the question unanswered again.
    clear = "" if KINDS[kind].control != "radio" else (
        f'<button type="button" class="rg-question__clear" data-rg-action="clear" '
        f'aria-label="{escape(CLEAR_LABEL)}: {escape(question["prompt"])}" hidden>{CLEAR_LABEL}</button>'
    )
    required = _attrs(data_rg_required=REQUIRED) if qid in ASK_FIRST else ""
    return (
        f'<fieldset class="rg-question" data-question="{escape(qid)}" data-kind="{kind}" '
        f'aria-describedby="{help_id}"{" " + required if required else ""}>'
        f'<legend class="rg-question__prompt">{escape(question["prompt"])}</legend>'
        f"{help_html}"
        f'<div class="rg-question__answer">{"".join(options)}</div>{clear}</fieldset>'
    )


def _grouped(questions: list[dict]) -> list[tuple[str, list[dict]]]:
    """Consecutive questions of one group, in display order."""
    groups: list[tuple[str, list[dict]]] = []
    for question in questions:
        if not groups or groups[-1][0] != question["group"]:
            groups.append((question["group"], []))
        groups[-1][1].append(question)
    return groups


def _card(card_id: str, facts: dict[str, str]) -> str:
    """A plan's card, one per card of decision/cards.py; the script shows the plan's and fills
    its lines and the answers behind it."""
    card = CARDS[card_id]
    style = CARD_STYLES.get(card["level"], "non-urgent")
    # The advice in one line, for the summary the reader prints or copies for a doctor.
    advice = f'{local_facts.fill_braces(card["title"], facts)}. How soon: {card["soon"]}.'
    return (
        f'<div class="rg-card rg-card--{style}" data-card="{escape(card_id)}" data-triage="{escape(card["level"])}" '
        f'data-rg-advice="{escape(advice)}" tabindex="-1" hidden>{card_body(card_id, facts)}</div>'
    )


def _bar(card_id: str, facts: dict[str, str]) -> str:
    """The compact bar for a warning sign's card, held at the foot of the screen on every step
    while the sign is ticked (checker-machine.js). It says the card's title and, when the card
    is for a call now, its call link; a "Get seen today" card's bar offers no emergency call
    (that would send a same-day sign to the emergency number), only the way to the card."""
    card = CARDS[card_id]
    style = CARD_STYLES.get(card["level"], "non-urgent")
    calls = [kind for kind in card["calls"] if card["level"] == "emergency" or kind != "emergency"][:1]
    title = local_facts.fill_braces(card["title"], facts)
    return (
        f'<div class="rg-bar rg-bar--{style}" data-rg-bar="{escape(card_id)}" hidden>'
        f'<p class="rg-bar__text"><strong>{escape(title)}.</strong> '
        f'<span class="rg-bar__why">You checked a warning sign.</span></p>'
        f'<div class="rg-bar__actions">{call_buttons(calls, facts)}'
        f'{_button("What to do", "see-card", "link", enabled=True)}</div></div>'
    )


def _button(label: str, action: str = "", kind: str = "secondary", submit: bool = False,
            enabled: bool = False, **more: str | bool) -> str:
    """A button; submit buttons and the step buttons stay disabled until the script runs (with
    JavaScript off nothing could answer them)."""
    attributes = _attrs(
        type="submit" if submit else "button", class_=f"rg-button rg-button--{kind}",
        data_rg_action=action or False,
        disabled=not enabled and (submit or action in ("share", "forget", "continue", "back")),
        **more,
    )
    return f"<button {attributes}>{escape(label)}</button>"


def _step(number: int, count: int, group: str, questions: list[dict], early: dict, facts: dict[str, str]) -> str:
    """One step: a group of questions, then its buttons. The script shows one step at a time;
    with JavaScript off only step one (the warning signs, whose cards need no script) shows."""
    first, last = number == 1, number == count
    body = "".join(_question(q, facts, enabled=first, early=early.get(q["id"])) for q in questions)
    extra = '<div class="rg-early" data-rg="early" aria-live="polite"></div>' if first else ""
    buttons = (
        (_button(PLAN_LABEL, kind="primary", submit=True) if last else _button("Continue", "continue", "primary"))
        # "Show my plan now": on step one only once the warning signs are answered (the script).
        + ("" if last else _button(PLAN_NOW_LABEL, submit=True, data_rg_now=True))
        + ("" if first else _button("Back", "back", "link"))
    )
    return (
        f'<fieldset class="rg-group rg-step" data-rg-step="{number}" data-rg-group="{escape(group)}"'
        f'{"" if first else " hidden"}>'
        f'<legend class="rg-group__legend" tabindex="-1"><span class="rg-step__number">Step {number} of {count}:'
        f"</span> {escape(group_legend(group))}</legend>{body}{extra}"
        f'<div class="rg-step__actions" data-rg="nav" hidden>{buttons}</div>'
        f"</fieldset>"
    )


def guide_pages() -> list[str]:
    """The guidance pages the checker points into, in the order decision lists their sections."""
    return list(dict.fromkeys(section.page for section in ALL_SECTIONS))


def guide_links() -> str:
    """Links to the guidance pages; the build gives each its page's address and title
    (sitebuild.section_links, by data-rg-page), so no title is typed twice."""
    items = "".join(
        f'<li><a href="{escape(PurePosixPath(page).with_suffix("").as_posix())}/" data-rg-page="{escape(page)}">'
        f"{escape(page)}</a></li>"
        for page in guide_pages()
    )
    return f'<ul class="rg-guide">{items}</ul>'


def _problem(name: str, title: str, text: str, retry: bool = False, links: bool = False, reload: bool = False) -> str:
    """The words of a failure, in the reader's terms, with what went wrong folded under
    "Details"; the script copies it into the error box and fills in the detail."""
    return (
        f'<template data-rg="{name}"><p class="rg-error__title">{escape(title)}</p>'
        f'<p class="rg-error__text">{escape(text)}</p>{guide_links() if links else ""}'
        f'<details class="rg-error__details"><summary>Details</summary><p data-rg="detail"></p></details>'
        + (_button("Try again", "retry", enabled=True) if retry else "")
        + (_button("Reload the page", "reload", enabled=True) if reload else "")
        + "</template>"
    )


def render_form(facts: dict[str, str]) -> str:
    """The whole checker for the start page's `[[checker-form]]` line, with the local facts
    (sitebuild.local_facts) in its cards."""
    groups = _grouped(decision.questions())
    early = early_cards()
    steps = [_step(n, len(groups), g, qs, early, facts) for n, (g, qs) in enumerate(groups, 1)]
    cards = "".join(_card(card_id, facts) for card_id in CARDS)
    # One bar per card a warning sign can give (step one's early cards).
    bars = "".join(_bar(card_id, facts) for card_id in dict.fromkeys(
        card["id"] for options in early.values() for card in options.values()))
    return f"""<div class="rg-checker" id="rg-checker" data-rg-checker data-rg-levels="{escape(" ".join(levels()))}" data-rg-stall-ms="{STALL_MS}">
<form class="rg-checker__form" data-rg="form" novalidate aria-describedby="rg-checker-intro">
<p class="rg-checker__intro" id="rg-checker-intro">Answer the warning signs first. Every other question is optional: leave it empty if you like. Your answers stay in this browser tab.</p>
{steps[0]}
<div class="rg-checker__nojs" data-rg="nojs"><p><strong>The other questions need JavaScript</strong>, which is off or blocked in this browser. The warning signs above work without it. All of the guidance is on these pages:</p>{guide_links()}</div>
{"".join(steps[1:])}
</form>
<div class="rg-outcome" data-rg="outcome">
<div class="rg-status" data-rg="status" hidden><p class="rg-status__text" data-rg="status-text"></p><progress class="rg-status__progress" data-rg="progress" max="3" value="0" aria-label="Loading the checker"></progress></div>
<p class="rg-visually-hidden" data-rg="announce" role="status"></p>
<div class="rg-error" data-rg="error" role="alert" tabindex="-1" hidden></div>
{_problem("failed", "The checker could not start.", "Your guidance is all here. You can read it on these pages:", retry=True, links=True)}
{_problem("unreadable", "These saved answers could not be read.", "The form is empty, so you can answer again.")}
{_problem("outdated", "This site was updated while the page was open.", "Reload the page to use the checker: your answers are kept. Your guidance is all here.", reload=True)}
<div class="rg-results__cards" aria-live="polite">{cards}</div>
<div role="status"><ul class="rg-notices" data-rg="notices" hidden></ul></div>
<div class="rg-more" data-rg="more" hidden><p class="rg-more__text" data-rg="more-text"></p>{_button("Answer the other questions", "answer-more", enabled=True)}</div>
<div class="rg-results" data-rg="results" hidden>
<div class="rg-topics" data-rg="topics-box"><h3 class="rg-topics__title">Your topics</h3>
<p>These parts of the guide fit your answers. While you read, they come first on each page; the other topics stay there too.</p>
<ol class="rg-topics__list" data-rg="topics"></ol></div>
<div class="rg-summary"><h3 class="rg-summary__title">Summary for your doctor</h3>
<p class="rg-summary__meta" data-rg="summary-meta">Made on <span data-rg="summary-date"></span>. The checker's advice: <span data-rg="summary-advice"></span></p>
<p class="rg-summary__text" data-rg="summary-text"></p>
<div class="rg-summary__actions">{_button("Copy summary", "copy-summary")}{_button("Print summary", "print-summary")}</div>
<p class="rg-summary__note" data-rg="summary-note" role="status"></p></div>
<div class="rg-checker__actions">{_button("Share or bookmark", "share")}{_button("Forget my answers", "forget")}</div>
<div class="rg-share" data-rg="share" hidden>
<label class="rg-share__label" for="rg-share-link">A link to your answers, to bookmark or share</label>
<div class="rg-share__row"><input class="rg-share__link" id="rg-share-link" type="text" readonly data-rg="share-link" aria-describedby="rg-share-help">{_button("Copy link", "copy-link")}</div>
<p class="rg-share__help" id="rg-share-help">Your answers are in the part of the link after the # sign, which browsers never send to a website. Anyone who has the link can see your answers.</p>
<p class="rg-share__note" data-rg="share-note" role="status"></p>
</div>
</div>
<div class="rg-bars" data-rg="bars">{bars}</div>
<div class="rg-forgotten" role="status"><p class="rg-forgotten__text" data-rg="forgotten" tabindex="-1" hidden>Answers forgotten. <span data-rg="undo">{_button("Undo", "undo", enabled=True)} Nothing is kept in this browser once you leave this page or answer again.</span></p></div>
</div>
</div>"""


def _answer_words(question: dict) -> str:
    """What a reader can answer, as HTML: a sentence, and the options as a list."""
    kind = KINDS[question["kind"]]
    if kind.control == "number":
        return (
            f'<p>A number of {escape(question["unit"])}, from {question["min"]} to '
            f'{question["max"]}, or blank.</p>'
        )
    labels = "".join(f"<li>{escape(label)}</li>" for _, label in _choices(question))
    return f"<p>{kind.lead}</p><ul>{labels}</ul>"


def render_question_list() -> str:
    """The questions and their options as a plain list, for "How the checker decides"."""
    items = []
    number = 1
    for group, questions in _grouped(decision.questions()):
        entries = []
        for question in questions:
            entries.append(
                f'<li><p><strong>{escape(question["prompt"])}</strong> '
                f'{escape(question["help"])}</p>{_answer_words(question)}</li>'
            )
        items.append(
            f'<li><p class="rg-question-list__group">{escape(group_legend(group))}</p>'
            f'<ol start="{number}">{"".join(entries)}</ol></li>'
        )
        number += len(questions)
    return f'<ul class="rg-question-list">{"".join(items)}</ul>'
