"""The guidance pages carry every fact of the source text, on the page a reader would look.

The facts live in tests/support/seed_facts.py. Each one is checked against the visible text of the
built page's <article> (scripts, styles and hidden elements do not count). The fixed section
ids of the shared contract are checked in the Markdown sources.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from pathlib import Path

import pytest

from support.project import local_facts
from support.seed_facts import SEED_FACTS, SeedFact
from support.html import read_page

DOCS = Path(__file__).resolve().parents[1] / "docs"

# The fixed section ids of the contract, by page. Pages may add sections; these must exist.
FIXED_IDS: dict[str, tuple[str, ...]] = {
    "index.md": ("what-this-site-is", "signs-at-a-glance", "checker", "how-relaxers-work"),
    "why-not-working.md": (
        "not-a-muscle-problem", "nerve-pain", "joint-pain", "inflammation",
        "wrong-class", "metabolism", "dose-and-timing", "tolerance", "interactions",
    ),
    "relief-now.md": ("natural-course", "heat-and-ice", "gentle-movement", "otc-pain-relief"),
    "urgent.md": ("emergency-signs", "prompt-evaluation", "overdose-signs", "see-your-doctor-soon"),
    "doctor.md": ("what-to-tell-your-doctor", "treatment-changes", "no-changes-without-advice"),
    "safe-use.md": ("side-effects", "stopping-safely", "older-adults", "pregnancy"),
    "longer-term.md": ("physical-therapy", "injections", "posture", "sleep-position"),
    "how-the-checker-decides.md": ("checker-questions", "checker-rules", "checker-privacy"),
    "about.md": (
        "about-source", "not-medical-advice", "privacy", "limits", "about-authors", "how-we-check",
        "review-schedule", "report-an-error", "not-covered", "other-help",
    ),
}

_texts: dict[str, str] = {}


def article_text(site_dir: Path, page: str) -> str:
    """The visible text of the page's <article>, whitespace collapsed (read once per page)."""
    if page not in _texts:
        path = site_dir / page
        assert path.is_file(), f"{page}: the built page is missing"
        _texts[page] = read_page(path).text
    return _texts[page]


def local(pattern: str) -> str:
    """A fact's pattern with each [[name]] filled from the site's local facts (a fork's own)."""
    return re.sub(r"\[\[(\w+)\]\]", lambda m: re.escape(local_facts()[m.group(1)]), pattern)


def assert_states(text: str, patterns: tuple[str, ...], where: str, what: str) -> None:
    """Every pattern matches the text, or the failure names the fact and each missing pattern."""
    missing = [p for p in map(local, patterns) if not re.search(p, text, re.IGNORECASE)]
    assert not missing, f"{where}: {what} is not stated; " + "; ".join(f"no match for /{p}/" for p in missing)


def assert_fact_table(facts: list, kind: str) -> None:
    labels = [f.label for f in facts]
    assert len(labels) == len(set(labels)), f"two {kind} facts share a label"
    for f in facts:
        assert f.patterns, f"{f.label!r} has no pattern"
        assert f.page.endswith(".html") and not f.page.startswith("/"), f"{f.label!r}: bad page {f.page!r}"
        for p in f.patterns:
            re.compile(local(p), re.IGNORECASE)


@pytest.mark.parametrize("fact", SEED_FACTS, ids=[f"{f.page.split('/')[0]}:{f.label[:50]}" for f in SEED_FACTS])
def test_seed_fact_is_on_its_page(site_dir, fact: SeedFact):
    text = article_text(site_dir, fact.page)
    assert text, f"{fact.page}: the <article> has no visible text"
    assert_states(text, fact.patterns, fact.page, f"seed fact {fact.label!r}")


def test_seed_fact_table_is_well_formed():
    assert_fact_table(SEED_FACTS, "seed")


@pytest.mark.parametrize(
    "page,section_id", [(page, sid) for page, ids in FIXED_IDS.items() for sid in ids]
)
def test_fixed_id_is_in_exactly_one_page(page: str, section_id: str):
    marker = re.compile(r"\{#" + re.escape(section_id) + r"[\s}]")
    counts = Counter()
    for md in sorted(DOCS.glob("*.md")):
        n = len(marker.findall(md.read_text(encoding="utf-8")))
        if n:
            counts[md.name] = n
    assert counts, f"{{#{section_id} appears in no page of docs/ (expected in {page})"
    assert list(counts) == [page], f"{{#{section_id} should be in {page} only, found in {dict(counts)}"
    assert counts[page] == 1, f"{{#{section_id} appears {counts[page]} times in {page}"


# --- credibility: review dates and sources on every page ------------------------------------

import datetime  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import yaml  # noqa: E402

from support.page_text import expected_pages  # noqa: E402

# Public, authoritative publishers only: health services, drug information, guidelines and
# peer-reviewed papers by DOI, and the US poison center.
SOURCE_HOSTS = {
    "www.nhs.uk", "www.nice.org.uk", "medlineplus.gov", "dailymed.nlm.nih.gov",
    "www.accessdata.fda.gov", "www.fda.gov", "www.ncbi.nlm.nih.gov", "doi.org", "www.poison.org",
}
NAV_PAGES = [
    page.removesuffix("/index.html") + ".md" if page != "index.html" else "index.md"
    for page in expected_pages()
    if page != "404.html"
]


def front_matter(markdown_name: str) -> dict:
    text = (DOCS / markdown_name).read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{markdown_name}: no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize("markdown_name", NAV_PAGES)
def test_page_has_review_dates_and_sources(markdown_name):
    meta = front_matter(markdown_name)
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    assert isinstance(reviewed, datetime.date), f"{markdown_name}: reviewed must be a date (YYYY-MM-DD)"
    assert isinstance(next_review, datetime.date), f"{markdown_name}: next_review must be a date"
    # The editorial policy (about.md) promises a review at least every six months.
    assert reviewed < next_review <= reviewed + datetime.timedelta(days=186), markdown_name
    sources = meta.get("sources") or []
    assert len(sources) >= 2, f"{markdown_name}: at least two sources"
    for source in sources:
        assert set(source) == {"title", "url"} and source["title"].strip(), (markdown_name, source)
        parts = urlsplit(source["url"])
        assert parts.scheme == "https" and parts.netloc in SOURCE_HOSTS, (markdown_name, source["url"])
    assert len({s["url"] for s in sources}) == len(sources), f"{markdown_name}: a source is listed twice"


def built(markdown_name: str) -> str:
    stem = markdown_name.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}/index.html"


@pytest.mark.parametrize("markdown_name", NAV_PAGES)
def test_built_page_shows_review_dates_and_links_its_sources(site_dir, markdown_name):
    meta = front_matter(markdown_name)
    text = article_text(site_dir, built(markdown_name))

    def day(date: datetime.date) -> str:
        return f"{date.strftime('%B')} {date.day}, {date.year}"

    # (article_text joins text nodes with a space, so "</time>." reads " .")
    line = f"Last reviewed {day(meta['reviewed'])} · Next review {day(meta['next_review'])} ?\\."
    assert re.search(line, text), f"{markdown_name}: no review line like {line!r}"
    assert "Sources" in text
    html = (site_dir / built(markdown_name)).read_text(encoding="utf-8")
    html = html[html.index('<div class="rg-review">'):html.index("</article>")]
    for source in meta["sources"]:
        link = re.search(r'<a href="' + re.escape(source["url"]) + r'" rel="([^"]*)">([^<]*)</a>', html)
        assert link, f"{markdown_name}: no link to {source['url']}"
        # Opens the source only when followed; sends no referrer (nothing of the reader's).
        assert {"noopener", "noreferrer"} <= set(link.group(1).split()), link.group(0)
        assert link.group(2) == source["title"].replace("&", "&amp;")


class SectionText(HTMLParser):
    """The visible text inside <section data-section=...> elements, by id (nested ones too)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, list[str]] = {}
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self.open.append(attributes.get("data-section"))
            if attributes.get("data-section"):
                self.text.setdefault(attributes["data-section"], [])
        if tag in ("script", "style", "svg"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag == "section" and self.open:
            self.open.pop()
        if tag in ("script", "style", "svg"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            for section_id in filter(None, self.open):
                self.text[section_id].append(data)


def section_texts(site_dir, page: str) -> dict[str, str]:
    parser = SectionText()
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    return {k: " ".join(" ".join(v).split()) for k, v in parser.text.items()}


# Each warning sign of the checker, as the urgent page must say it, in the section its level
# needs: emergency signs under "call for help now", urgent ones under "get seen today".
PANEL = re.compile(r'class="rg-safety[ "]')
SIGN_LIST = re.compile(r'<ul class="rg-signs" data-rg-signs="([a-z]+)">(.*?)</ul>', re.S)
SIGN_ITEM = re.compile(r'<li data-rg-sign="([a-z_]+)">(.*?)</li>', re.S)


def sign_lists(site_dir, page: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every list of warning signs on a built page: (its level, [(sign, words)])."""
    html = (site_dir / page).read_text(encoding="utf-8")
    return [(level, SIGN_ITEM.findall(body)) for level, body in SIGN_LIST.findall(html)]


@pytest.mark.parametrize("page", expected_pages())
def test_every_warning_sign_on_a_page_is_a_checker_option_of_the_same_level(site_dir, page):
    """A page can never list a sign the checker does not ask, or call it by another level."""
    import decision

    # Step one's options, and the signs asked beside the medicines (mild serotonin syndrome).
    questions = {q["id"]: q for q in decision.questions()}
    asked = {s["value"]: s["question"] for s in decision.warning_signs()}
    labels = {o["value"]: o["label"] for q in set(asked.values()) for o in questions[q]["options"]}
    for level, items in sign_lists(site_dir, page):
        assert items, f"{page}: an empty list of {level} signs"
        for value, text in items:
            assert html_lib.unescape(text) == labels[value] + ".", (page, value)
            alone = decision.plan({asked[value]: [value]}).triage
            assert alone == ("emergency" if level == "overdose" else level), (page, value, alone)


def test_the_urgent_page_lists_every_sign_by_level_with_what_to_do(site_dir):
    import decision

    lists = dict(sign_lists(site_dir, "urgent/index.html"))
    assert list(lists) == ["emergency", "urgent", "overdose"], "sorted by level"
    for level in ("emergency", "urgent"):
        assert [v for v, _ in lists[level]] == [s["value"] for s in decision.warning_signs() if s["level"] == level]
    assert {v for v, _ in lists["overdose"]} == {s["value"] for s in decision.warning_signs() if s["overdose"]}
    # The emergency section says what to do, with a button that calls; "get seen today" says
    # when to go to the emergency room instead; too much medicine, whom to call.
    facts = local_facts()
    sections = section_texts(site_dir, "urgent/index.html")
    assert f"Call {facts['emergency_number']} now" in sections["emergency-signs"]
    assert "Do not drive yourself" in sections["emergency-signs"]
    assert facts["emergency_room"] in sections["prompt-evaluation"]
    assert f"{facts['poison_name']} now at {facts['poison_number']}" in sections["overdose-signs"]
    html = (site_dir / "urgent/index.html").read_text(encoding="utf-8")
    assert f'href="{facts["emergency_tel"]}"' in html and f'href="{facts["poison_tel"]}"' in html


def test_red_flag_sections_are_never_folded(site_dir):
    import json

    import decision

    manifest = {e["id"]: e for e in json.loads((site_dir / "assets/checker/sections.json").read_text())}
    for section_id in ("emergency-signs", "prompt-evaluation", "overdose-signs"):
        assert section_id in decision.ALWAYS_VISIBLE
        assert manifest[section_id]["always"], section_id


OPTION_LABEL = re.compile(r'<label class="rg-option__label" for="rg-q-red_flags-([a-z_]+)">(.*?)</label>', re.S)


def test_start_page_lists_the_emergency_signs_once_at_the_top(site_dir):
    """One box first (the number, a button that calls it), then the checker's first question,
    whose first group is the list of emergency signs itself: on a phone it starts within the
    first screen and a half, and the page does not list the signs a second time."""
    import decision

    facts = local_facts()
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert len(PANEL.findall(article)) == 1, "the start page shows the signs panel twice"
    panel = PANEL.search(article).start()
    form = article.index('data-rg-step="1"')
    # First thing under the title, with a button that calls; then the checker, before the rest.
    assert panel < form < article.index('id="what-this-site-is"')
    assert f'href="{facts["emergency_tel"]}"' in article[panel:form]
    assert sign_lists(site_dir, "index.html") == [], "no second list of the signs on this page"
    # The first question's groups: "Call <number> now for:" with every emergency sign, in
    # decision's order and words, then "Get seen today for:" with every urgent one.
    step = article[form:article.index("</fieldset>", form)]
    groups = step.split('<p class="rg-question__group">')[1:]
    assert [g[:g.index("</p>")] for g in groups] == [f"Call {facts['emergency_number']} now for:", "Get seen today for:"]
    for group, level in zip(groups, ("emergency", "urgent")):
        assert [(v, html_lib.unescape(t)) for v, t in OPTION_LABEL.findall(group) if v != "none"] == [
            (s["value"], s["label"]) for s in decision.warning_signs()
            if s["level"] == level and s["question"] == "red_flags"
        ], level
    prose = article_text(site_dir, "index.html")
    before_form = prose[:prose.find("Do you have any of these warning signs?")]
    assert "bowel or bladder control" not in before_form, before_form
    assert before_form.count(f"Call {facts['emergency_number']} now") == 1, before_form


@pytest.mark.parametrize("page", [p for p in expected_pages() if p != "index.html"])
def test_other_pages_show_the_signs_panel_once(site_dir, page):
    html = (site_dir / page).read_text(encoding="utf-8")
    assert len(PANEL.findall(html)) == 1, page
    # One line with a button that calls the emergency number and a link to every sign.
    number = local_facts()["emergency_number"]
    assert re.search(rf'<aside class="rg-safety rg-safety--compact".*?href="tel:{number}".*?#emergency-signs', html, re.S)


FIGURE = re.compile(r'<img alt="([^"]*)" height="\d+" src="([^"]+\.svg)" width="\d+"\s*/?>')


def test_figures_are_self_hosted_svgs_with_alt_text(site_dir):
    found = []
    for page in expected_pages():
        html = (site_dir / page).read_text(encoding="utf-8")
        for alt, src in FIGURE.findall(html):
            found.append(src.rsplit("/", 1)[-1])
            assert len(alt.split()) >= 12, f"{page}: alt text too short for {src}: {alt!r}"
            target = ((site_dir / page).parent / src).resolve()
            assert target.is_file(), f"{page}: {src} is missing"
            svg = target.read_text(encoding="utf-8")
            assert "<title" in svg and "<desc" in svg, src
            assert not re.search(r'(href|src)\s*=\s*"(https?:)?//', svg), f"{src} names another host"
    # Every drawing in docs/assets/figures is shown, each on one page: none is left unused.
    drawn = sorted(path.name for path in (DOCS / "assets" / "figures").glob("*.svg"))
    assert sorted(found) == drawn, found


# --- the clinical review's safety facts, each in its section -------------------------------

from support.review_facts import REVIEW_FACTS, ReviewFact  # noqa: E402


@pytest.mark.parametrize("fact", REVIEW_FACTS, ids=[f"{f.section}:{f.label[:50]}" for f in REVIEW_FACTS])
def test_review_fact_is_in_its_section(site_dir, fact: ReviewFact):
    sections = section_texts(site_dir, fact.page)
    assert fact.section in sections, f"{fact.page} has no section {fact.section!r}"
    assert_states(sections[fact.section], fact.patterns, f"{fact.page}#{fact.section}", repr(fact.label))


def test_review_fact_table_is_well_formed():
    assert_fact_table(REVIEW_FACTS, "review")


def test_longer_term_page_puts_physical_therapy_before_injections(site_dir):
    """NICE NG59: exercise and physical therapy first; injections are not a first step."""
    html = (site_dir / "longer-term/index.html").read_text(encoding="utf-8")
    assert html.index('data-section="physical-therapy"') < html.index('data-section="injections"')


def test_nsaid_age_line_follows_the_label(site_dir):
    """The Drug Facts label's stomach-bleeding line says 60 and over; the page says no other age."""
    text = section_texts(site_dir, "relief-now/index.html")["nsaid-limits"]
    assert re.findall(r"\b(\d\d) or older\b", text) == ["60"], text


# The one alcohol rule, worded the same wherever a page gives it (issue 16: the pages and the
# checker said it three ways). A sentence that tells the reader not to drink must be this one.
ALCOHOL_RULE = "Do not drink alcohol while you take a muscle relaxer."
ALCOHOL_ADVICE = re.compile(r"^(?:do not|don't|never|avoid)\b[^.]*\balcohol\b", re.IGNORECASE)


@pytest.mark.parametrize("page", [p for p in expected_pages() if p != "404.html"])
def test_alcohol_advice_is_worded_the_same_everywhere(site_dir, page):
    from support.page_text import read_page_text, sentences_of

    blocks = read_page_text(site_dir / page).select({"article"}, {"code", "rule-table", "form"})
    advice = [s for s in sentences_of([b.text for b in blocks]) if ALCOHOL_ADVICE.search(s.strip())]
    assert all(s.strip() == ALCOHOL_RULE for s in advice), (
        f"{page}: alcohol advice not worded as {ALCOHOL_RULE!r}: "
        + "; ".join(repr(s) for s in advice if s.strip() != ALCOHOL_RULE)
    )


def test_pages_that_warn_about_mixing_give_the_alcohol_rule(site_dir):
    for page in ("why-not-working/index.html", "doctor/index.html", "safe-use/index.html",
                 "relief-now/index.html"):
        assert ALCOHOL_RULE in article_text(site_dir, page), page


@pytest.mark.parametrize("markdown_name", ["urgent.md", "why-not-working.md"])
def test_serotonin_syndrome_is_one_definition_split_as_the_nhs_splits_it(markdown_name):
    """The severe signs (the checker's emergency sign) and the milder ones (call today) in the
    same words on each page that names them, from decision/warning_signs.py."""
    from decision.warning_signs import SEROTONIN_MILD, SEROTONIN_SEVERE

    text = " ".join((DOCS / markdown_name).read_text(encoding="utf-8").split())
    assert SEROTONIN_SEVERE in text and SEROTONIN_MILD in text
    severe, mild = text.index(SEROTONIN_SEVERE), text.index(SEROTONIN_MILD)
    assert "emergency" in text[severe - 200:mild].lower() and "today" in text[mild - 120:mild + 200]
