"""The site's search (Material's built-in search, run offline from site/search/search_index.json)
finds what readers type and shows them only what the pages say.

Brand names in brackets ("Cyclobenzaprine (Flexeril)") are found by the brand name; the common
word "sciatica" leads to the pinched-nerve section; "How the checker decides" ranks below the
guidance; and no result shows a section's internal id where the page shows its title.

The index tests read the index as Material's search worker does: tags dropped, the text split
at the index's own separator, lower case, and each word typed matched as the start of a word.
The browser tests type into the search box of the built site and read the results.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import expect

from decision.rules import LEVEL_WORDS, ORDERED
from decision.triage import DEFAULT_LEVEL

EXPLAINER = "how-the-checker-decides/"


@pytest.fixture(scope="module")
def index(site_dir) -> dict:
    return json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def titles(site_dir) -> dict[str, str]:
    sections = json.loads((site_dir / "assets/checker/sections.json").read_text(encoding="utf-8"))
    return {section["id"]: section["title"] for section in sections}


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def words(index: dict, text: str) -> set[str]:
    separator = re.compile(index["config"]["separator"])
    return {word.lower() for word in separator.split(plain(text)) if word}


def found(index: dict, typed: str) -> list[str]:
    """Where each word typed starts a word of the title or text (the search box adds a trailing
    wildcard to every word)."""
    wanted = [word.lower() for word in re.compile(index["config"]["separator"]).split(typed) if word]
    return [
        doc["location"] for doc in index["docs"]
        if all(any(w.startswith(want) for w in words(index, doc["title"] + " " + doc["text"])) for want in wanted)
    ]


@pytest.mark.parametrize(
    "brand, section",
    [
        ("Flexeril", "safe-use/#cyclobenzaprine-orphenadrine"),  # "Cyclobenzaprine (Flexeril) and ..."
        ("Zanaflex", "safe-use/#stopping-safely"),  # "tizanidine (Zanaflex), carisoprodol ..."
        ("Soma", "safe-use/#stopping-safely"),
        ("Valium", "safe-use/#stopping-safely"),
    ],
)
def test_a_brand_name_in_brackets_is_found(index, brand, section):
    assert section in found(index, brand), f"{brand!r} finds only {found(index, brand)}"


@pytest.mark.parametrize("typed", ["sciatica", "pinched nerve", "Sciatica"])
def test_sciatica_and_pinched_nerve_find_the_pinched_nerve_section(index, typed):
    assert "why-not-working/#nerve-pain" in found(index, typed)


def test_the_explainer_page_is_boosted_below_the_guidance(index):
    boosts = {doc["location"]: doc.get("boost", 1) for doc in index["docs"]}
    assert all(boost < 1 for location, boost in boosts.items() if location.startswith(EXPLAINER))
    assert all(boost == 1 for location, boost in boosts.items() if not location.startswith(EXPLAINER))


def test_the_rule_list_names_sections_by_their_titles(index, titles):
    """Each rule's "It shows first:" line reads as the page does, with titles, not ids."""
    rules = next(doc for doc in index["docs"] if doc["location"] == EXPLAINER + "#checker-rules")
    text = " ".join(plain(rules["text"]).split())
    listed = {level for level, _ in LEVEL_WORDS} - {DEFAULT_LEVEL}  # the levels the list shows
    for rule in ORDERED:
        if rule.shows and rule.triage in listed:
            shown = ", ".join(titles[section_id] for section_id in rule.shows)
            assert f"It shows first: {shown}." in text, rule.id


def test_no_result_shows_a_section_id(index, titles):
    """Where the page names sections (after "It shows first:"), the index has no id; the folded
    full table, which names each rule by its id, is left out of the index; no page is named by
    its file."""
    for doc in index["docs"]:
        for listed in re.findall(r"It shows first: ([^.]*)", plain(doc["text"])):
            named = {name.strip() for name in listed.split(",")}
            assert not named & set(titles), (doc["location"], listed)
    everything = plain(" ".join(doc["text"] for doc in index["docs"]))
    # Nor a page's file name where its title belongs (the checker's links to the pages).
    assert not re.findall(r"\b[\w-]+\.md\b", everything)
    # The table showed each rule's id as code; some ids are also plain words ("habit-forming").
    assert not [rule.id for rule in ORDERED if f"<code>{rule.id}</code>" in "".join(d["text"] for d in index["docs"])]
    assert "Shows first" not in everything  # the table's heading


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_server.url + "relief-now/")
    yield page
    context.close()


def results_for(page, typed: str) -> list[list[str]]:
    """The result groups (one per page, best first), each as its links' addresses, once the
    search box holds `typed` and the list is for it."""
    box = page.locator(".md-search__input")
    box.click()
    # Typing before the index is loaded would search nothing: wait for Material to say ready.
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing", re.I), timeout=15_000)
    # Emptied first, so the list read below cannot be the one for the words typed before.
    box.press("Control+a")
    box.press("Backspace")  # Material searches on key presses
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    # The whole query at once, then a key press for Material to read it: typed key by key, the
    # list could still be the one for the first letters when it is read.
    box.fill(typed)
    box.press("End")
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text(re.compile(re.escape(typed.split()[0][:5]), re.I), timeout=15_000)
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(
            (item) => [...item.querySelectorAll('a')].map((a) => new URL(a.href).pathname.replace(/^\\/+/, '')
                + new URL(a.href).hash))"""
    )


@pytest.mark.parametrize(
    "typed, leads",
    [
        ("Flexeril", ("safe-use/#cyclobenzaprine-orphenadrine",)),
        ("Zanaflex", ("safe-use/", "why-not-working/")),
        ("sciatica", ("why-not-working/#nerve-pain",)),
        ("pinched nerve", ("why-not-working/#nerve-pain",)),
    ],
)
def test_search_leads_to_the_guidance_that_names_it(search_page, typed, leads):
    """The section is among the first two pages found (for Flexeril the urgent page's warning
    sign that names it may come first: a reader looking it up sees that sign at once)."""
    groups = results_for(search_page, typed)
    assert groups and any(link.startswith(leads) for group in groups[:2] for link in group), groups[:2]


@pytest.mark.parametrize("typed", ["tizanidine", "withdrawal", "pain", "baclofen", "sleep", "alcohol"])
def test_the_explainer_page_does_not_lead_the_results(search_page, typed):
    groups = results_for(search_page, typed)
    assert groups and not groups[0][0].startswith(EXPLAINER), groups[:2]
