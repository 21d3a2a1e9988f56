"""The checker's HTML, rendered at build time from the decision package.

The form paints with the page text, before any script runs: plain fieldsets, legends and
labels, one per question, in steps (one per question group), warning signs first as step one,
every question skippable. Every input carries name=<question id> and value=<option value>, so
the scripts read and restore answers without knowing any question. The triage cards, the
results, the doctor summary and the share box are here too, hidden until a plan fills them.

Step one answers at once: under each warning-sign option sits the card that decision itself
gives for that option alone (`early_cards`, computed here by running the engine), shown by CSS
(`:has(:checked)`) the moment the box is ticked, with JavaScript off too and before Python has
loaded. So no rule is written twice: the page holds the engine's own answers.

With JavaScript off the warning signs stay usable; the other steps stay visible but disabled,
under a note that says they need JavaScript and that all of the guidance is on the pages. The
scripts hide the note and enable the form when they run.
"""

from __future__ import annotations

from html import escape

import decision

# NHS care-card styles: emergency, urgent, non-urgent; self care is a calmer non-urgent.
CARD_STYLES = {"emergency": "emergency", "urgent": "urgent", "self_care": "self-care"}
SKIP_LABEL = "Skip this question"
PLAN_LABEL = "Show my plan"
YES_NO = (("yes", "Yes"), ("no", "No"))


def group_legend(group: str) -> str:
    """The group's title, from decision: one source for the form, the CLI and the docs."""
    return {g["id"]: g["title"] for g in decision.question_groups()}[group]


def levels() -> list[str]:
    """The triage levels, least urgent first (decision lists its cards most urgent first)."""
    return list(reversed(decision.triage_cards()))


def early_cards() -> dict[str, dict[str, dict]]:
    """{question id: {option value: card}} for the multi-choice questions of step one.

    Each card is what decision.plan gives for that one option alone: its triage level, the
    card's words for that level, and the plan's reasons. An option whose plan is no more urgent
    than an empty form's (such as "None of these") gets no card.
    """
    first_group = decision.questions()[0]["group"]
    baseline = levels().index(decision.plan({}).to_dict()["triage"])
    words = decision.triage_cards()
    table: dict[str, dict[str, dict]] = {}
    for question in decision.questions():
        if question["group"] != first_group or question["kind"] != "multi":
            continue
        for option in question["options"]:
            plan = decision.plan({question["id"]: [option["value"]]}).to_dict()
            if levels().index(plan["triage"]) <= baseline:
                continue
            table.setdefault(question["id"], {})[option["value"]] = {
                "level": plan["triage"],
                **words[plan["triage"]],
                "reasons": [item["reason"] for item in plan["show"]],
            }
    return table


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


def _card_parts(level: str, card: dict, reasons: list[str] | None = None) -> str:
    """A care card's heading and content; `reasons` (None: an empty list for the script)."""
    items = "".join(f"<li>{escape(reason)}</li>" for reason in reasons or [])
    reasons_attrs = ' data-rg="reasons" hidden' if reasons is None else ""
    return (
        f'<div class="rg-card__heading-container"><h3 class="rg-card__heading">'
        f'<span class="rg-visually-hidden">{escape(card["sr_prefix"])} </span>{escape(card["title"])}'
        f"</h3></div>"
        f'<div class="rg-card__content"><p>{escape(card["text"])}</p>'
        f'<ul class="rg-card__reasons"{reasons_attrs}>{items}</ul></div>'
    )


def _early_card(value: str, card: dict) -> str:
    """The card under one warning-sign option; CSS shows it while the box is ticked."""
    style = CARD_STYLES.get(card["level"], "non-urgent")
    attributes = _attrs(
        class_=f"rg-card rg-card--{style} rg-early-card", data_rg_early=value,
        data_rg_level=card["level"], data_rg_rank=levels().index(card["level"]),
    )
    return f"<div {attributes}>{_card_parts(card['level'], card, card['reasons'])}</div>"


def _option(question_id: str, kind: str, value: str, label: str, *, checked: bool = False,
            enabled: bool = False, early: dict | None = None) -> str:
    input_id = f"rg-q-{question_id}-{value or 'skip'}"
    input_type = "checkbox" if kind == "multi" else "radio"
    field = _attrs(
        class_="rg-option__input", type=input_type, id=input_id, name=question_id,
        value=value, checked=checked, disabled=not enabled,
    )
    return (
        f'<div class="rg-option"><input {field}>'
        f'<label class="rg-option__label" for="{input_id}">{escape(label)}</label>'
        f'{_early_card(value, early) if early else ""}</div>'
    )


def _choices(question: dict) -> list[tuple[str, str]]:
    if question["kind"] == "yes_no":
        return list(YES_NO)
    return [(option["value"], option["label"]) for option in question["options"]]


def _question(question: dict, enabled: bool = False, early: dict | None = None) -> str:
    qid, kind = question["id"], question["kind"]
    help_id = f"rg-q-{qid}-help"
    help_html = f'<p class="rg-question__help" id="{help_id}">{escape(question["help"])}</p>'
    if kind == "number":
        input_id = f"rg-q-{qid}"
        unit_id = f"rg-q-{qid}-unit"
        field = _attrs(
            class_="rg-question__number", type="number", id=input_id, name=qid,
            inputmode="numeric", min=question["min"], max=question["max"], step=1,
            aria_describedby=f"{help_id} {unit_id}", disabled=not enabled,
        )
        return (
            f'<div class="rg-question" data-question="{escape(qid)}" data-kind="number">'
            f'<label class="rg-question__prompt" for="{input_id}">{escape(question["prompt"])}</label>'
            f"{help_html}"
            f'<div class="rg-question__answer"><input {field}> '
            f'<span class="rg-question__unit" id="{unit_id}">{escape(question["unit"])} '
            f'(from {question["min"]} to {question["max"]}; you can leave it blank)</span></div></div>'
        )
    early = early or {}
    options = [
        _option(qid, kind, value, label, enabled=enabled, early=early.get(value))
        for value, label in _choices(question)
    ]
    if kind != "multi":
        options.append(_option(qid, kind, "", SKIP_LABEL, checked=True, enabled=enabled))
    return (
        f'<fieldset class="rg-question" data-question="{escape(qid)}" data-kind="{kind}" '
        f'aria-describedby="{help_id}">'
        f'<legend class="rg-question__prompt">{escape(question["prompt"])}</legend>'
        f"{help_html}"
        f'<div class="rg-question__answer">{"".join(options)}</div></fieldset>'
    )


def _grouped(questions: list[dict]) -> list[tuple[str, list[dict]]]:
    """Consecutive questions of one group, in display order."""
    groups: list[tuple[str, list[dict]]] = []
    for question in questions:
        if not groups or groups[-1][0] != question["group"]:
            groups.append((question["group"], []))
        groups[-1][1].append(question)
    return groups


def _card(level: str, card: dict) -> str:
    style = CARD_STYLES.get(level, "non-urgent")
    return (
        f'<div class="rg-card rg-card--{style}" data-triage="{escape(level)}" hidden>'
        f"{_card_parts(level, card)}</div>"
    )


def _button(label: str, action: str = "", kind: str = "secondary", submit: bool = False,
            enabled: bool = False) -> str:
    attributes = _attrs(
        type="submit" if submit else "button", class_=f"rg-button rg-button--{kind}",
        data_rg_action=action or False,
        disabled=not enabled and (submit or action in ("share", "forget")),
    )
    return f"<button {attributes}>{escape(label)}</button>"


def _step(number: int, count: int, group: str, questions: list[dict], early: dict) -> str:
    """One step: a group of questions, then its own "Show my plan" (the plan shows under it).

    Step one (the warning signs) is usable with JavaScript off; its cards need no script.
    """
    first = number == 1
    body = "".join(_question(q, enabled=first, early=early.get(q["id"])) for q in questions)
    extra = '<div class="rg-early" data-rg="early" aria-live="polite"></div>' if first else ""
    return (
        f'<fieldset class="rg-group rg-step" data-rg-step="{number}">'
        f'<legend class="rg-group__legend"><span class="rg-step__number">Step {number} of {count}:'
        f"</span> {escape(group_legend(group))}</legend>{body}{extra}"
        f'<div class="rg-step__actions">{_button(PLAN_LABEL, kind="primary", submit=True)}</div>'
        f"</fieldset>"
    )


def render_form() -> str:
    """The whole checker for the start page's `[[checker-form]]` line."""
    groups = _grouped(decision.questions())
    early = early_cards()
    steps = [_step(n, len(groups), g, qs, early) for n, (g, qs) in enumerate(groups, 1)]
    cards = "".join(_card(level, card) for level, card in decision.triage_cards().items())
    return f"""<div class="rg-checker" data-rg-checker data-rg-levels="{escape(" ".join(levels()))}">
<form class="rg-checker__form" data-rg="form" novalidate aria-describedby="rg-checker-intro">
<p class="rg-checker__intro" id="rg-checker-intro">Every question is optional: leave the boxes empty, choose “{SKIP_LABEL}”, or leave a number blank. Your answers stay in this browser tab.</p>
{steps[0]}
<div class="rg-rest-fold" data-rg="rest-fold" hidden><p class="rg-rest-fold__text">Your next step is in the box above. The other questions can wait.</p><button type="button" class="rg-button" data-rg-action="unfold" aria-expanded="false" aria-controls="rg-rest">Answer the other questions</button></div>
<div class="rg-checker__rest" id="rg-rest" data-rg="rest">
<p class="rg-checker__nojs" data-rg="nojs"><strong>The other questions need JavaScript</strong>, which is off or blocked in this browser, so they cannot be answered. The warning signs above still work. You do not need the checker: all of the guidance is on this page and on the other pages of this site (see the menu).</p>
{"".join(steps[1:])}
</div>
<div class="rg-checker__actions">{_button("Share or bookmark", "share")}{_button("Forget my answers", "forget")}</div>
</form>
<div class="rg-outcome" data-rg="outcome">
<div class="rg-status" data-rg="status" role="status" hidden><p class="rg-status__text" data-rg="status-text"></p><progress class="rg-status__progress" data-rg="progress" max="3" value="0" aria-label="Loading the checker"></progress></div>
<div class="rg-error" data-rg="error" role="alert" hidden></div>
<div class="rg-share" data-rg="share" hidden>
<label class="rg-share__label" for="rg-share-link">A link to your answers, to bookmark or share</label>
<div class="rg-share__row"><input class="rg-share__link" id="rg-share-link" type="text" readonly data-rg="share-link" aria-describedby="rg-share-help">{_button("Copy link", "copy-link")}</div>
<p class="rg-share__help" id="rg-share-help">Your answers are in the part of the link after the # sign, which browsers never send to a website. Anyone who has the link can see your answers.</p>
<p class="rg-share__note" data-rg="share-note" role="status"></p>
</div>
<div class="rg-results__cards" aria-live="polite">{cards}</div>
<div class="rg-results" data-rg="results" hidden>
<div class="rg-topics" data-rg="topics-box"><h3 class="rg-topics__title">Your topics</h3>
<p>These parts of the guide fit your answers. While you read, they come first on each page; the other topics stay there too.</p>
<ol class="rg-topics__list" data-rg="topics"></ol></div>
<div class="rg-summary"><h3 class="rg-summary__title">Summary for your doctor</h3>
<p class="rg-summary__text" data-rg="summary-text"></p>
<div class="rg-summary__actions">{_button("Copy summary", "copy-summary")}{_button("Print summary", "print-summary")}</div>
<p class="rg-summary__note" data-rg="summary-note" role="status"></p></div>
</div>
</div>
</div>"""


def _answer_words(question: dict) -> str:
    """What a reader can answer, as HTML: a sentence, and the options as a list."""
    kind = question["kind"]
    if kind == "number":
        return (
            f'<p>A number of {escape(question["unit"])}, from {question["min"]} to '
            f'{question["max"]}, or blank.</p>'
        )
    labels = "".join(f"<li>{escape(label)}</li>" for _, label in _choices(question))
    lead = "Any of these, or none:" if kind == "multi" else f"One of these, or “{SKIP_LABEL}”:"
    return f"<p>{lead}</p><ul>{labels}</ul>"


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
