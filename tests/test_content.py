"""The guidance pages carry every fact of the source text, on the page a reader would look.

The facts live in tests/seed_facts.py. Each one is checked against the visible text of the
built page's <article> (scripts, styles and hidden elements do not count). The fixed section
ids of the shared contract are checked in the Markdown sources.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from seed_facts import SEED_FACTS, SeedFact
from site_html import read_page

DOCS = Path(__file__).resolve().parents[1] / "docs"

# The fixed section ids of the contract, by page. Pages may add sections; these must exist.
FIXED_IDS: dict[str, tuple[str, ...]] = {
    "index.md": ("what-this-site-is", "signs-at-a-glance", "checker", "how-relaxers-work"),
    "why-not-working.md": (
        "not-a-muscle-problem", "nerve-pain", "joint-pain", "inflammation",
        "wrong-class", "metabolism", "dose-and-timing", "tolerance", "interactions",
    ),
    "relief-now.md": ("heat-and-ice", "gentle-movement", "otc-pain-relief"),
    "urgent.md": ("emergency-signs", "prompt-evaluation", "see-your-doctor-soon"),
    "doctor.md": ("what-to-tell-your-doctor", "treatment-changes", "no-changes-without-advice"),
    "longer-term.md": ("physical-therapy", "injections", "posture", "sleep-position"),
    "how-the-checker-decides.md": ("checker-questions", "checker-rules", "checker-privacy"),
    "about.md": ("about-source", "not-medical-advice", "privacy", "limits"),
}

_texts: dict[str, str] = {}


def article_text(site_dir: Path, page: str) -> str:
    """The visible text of the page's <article>, whitespace collapsed (read once per page)."""
    if page not in _texts:
        path = site_dir / page
        assert path.is_file(), f"{page}: the built page is missing"
        _texts[page] = read_page(path).text
    return _texts[page]


@pytest.mark.parametrize("fact", SEED_FACTS, ids=[f"{f.page.split('/')[0]}:{f.label[:50]}" for f in SEED_FACTS])
def test_seed_fact_is_on_its_page(site_dir, fact: SeedFact):
    text = article_text(site_dir, fact.page)
    assert text, f"{fact.page}: the <article> has no visible text"
    missing = [p for p in fact.patterns if not re.search(p, text, re.IGNORECASE)]
    assert not missing, (
        f"{fact.page}: seed fact {fact.label!r} is not stated; "
        + "; ".join(f"no match for /{p}/" for p in missing)
    )


def test_seed_fact_table_is_well_formed():
    labels = [f.label for f in SEED_FACTS]
    assert len(labels) == len(set(labels)), "two seed facts share a label"
    for f in SEED_FACTS:
        assert f.patterns, f"{f.label!r} has no pattern"
        assert f.page.endswith(".html") and not f.page.startswith("/"), f"{f.label!r}: bad page {f.page!r}"
        for p in f.patterns:
            re.compile(p, re.IGNORECASE)


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
