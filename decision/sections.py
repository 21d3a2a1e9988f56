"""The section ids the checker knows, page by page (the site's contract lists them).

The plan can only show or fold these; the build fails if a page lacks one of them, so the
checker can never point a reader at a section that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    id: str
    page: str  # Markdown file under docs/, for links in the rule table
    parent: str | None = None  # the h2 an h3 sits in: folding the parent would hide the child


# Page order, then heading order: the fold list follows it, so it is stable.
SECTIONS: tuple[Section, ...] = (
    Section("emergency-signs", "urgent.md"),
    Section("prompt-evaluation", "urgent.md"),
    Section("overdose-signs", "urgent.md"),
    Section("see-your-doctor-soon", "urgent.md"),
    Section("not-a-muscle-problem", "why-not-working.md"),
    Section("nerve-pain", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("joint-pain", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("inflammation", "why-not-working.md", parent="not-a-muscle-problem"),
    Section("wrong-class", "why-not-working.md"),
    Section("metabolism", "why-not-working.md"),
    Section("too-soon", "why-not-working.md"),
    Section("dose-and-timing", "why-not-working.md"),
    Section("tolerance", "why-not-working.md"),
    Section("how-well-they-work", "why-not-working.md"),
    Section("interactions", "why-not-working.md"),
    Section("natural-course", "relief-now.md"),
    Section("heat-and-ice", "relief-now.md"),
    Section("gentle-movement", "relief-now.md"),
    Section("otc-pain-relief", "relief-now.md"),
    Section("what-to-tell-your-doctor", "doctor.md"),
    Section("treatment-changes", "doctor.md"),
    Section("no-changes-without-advice", "doctor.md"),
    Section("side-effects", "safe-use.md"),
    Section("stopping-safely", "safe-use.md"),
    Section("physical-therapy", "longer-term.md"),
    Section("injections", "longer-term.md"),
    Section("posture", "longer-term.md"),
    Section("sleep-position", "longer-term.md"),
)

BY_ID: dict[str, Section] = {s.id: s for s in SECTIONS}

# Never folded, whatever the answers: safety text must not depend on what a reader clicked.
# The warning-sign sections (emergency, get seen today, too much medicine) are all here.
# Sections a page has but this list lacks (older adults, pregnancy) are never folded either.
ALWAYS_VISIBLE: tuple[str, ...] = (
    "emergency-signs", "prompt-evaluation", "overdose-signs", "no-changes-without-advice",
)

# "It is not an emergency" text: never shown first, and folded away, beside an urgent or
# emergency plan, so a reader with warning signs is never told to just call the prescriber.
NOT_FOR_URGENT: tuple[str, ...] = ("see-your-doctor-soon",)


def section_ids() -> list[str]:
    """Every section id the module can ever output (in show, fold or always)."""
    return [s.id for s in SECTIONS]


def link(section_id: str) -> str:
    """A Markdown link to the section, relative to a page in docs/ (all pages sit side by side)."""
    return f"[{section_id}]({BY_ID[section_id].page}#{section_id})"
