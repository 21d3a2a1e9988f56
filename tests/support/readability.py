"""Plain language: a Flesch-Kincaid grade (textstat 0.7.8, imported lazily) with a short list of
needed medical terms swapped for a short word before scoring, a check that each listed term is
explained the first time a page uses it, and every text the decision module shows a reader.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .page_text import as_prose, sentences_of

# ---------------------------------------------------------------------------------------------
# Plain language
# ---------------------------------------------------------------------------------------------

GRADE_LIMIT = 8.0

# Medical words a reader needs, because they are on the reader's pill bottle, in the doctor's
# mouth, or in the source guidance, and that have no short everyday synonym. Flesch-Kincaid
# counts syllables, so one "cyclobenzaprine" (5 syllables) weighs as much as five plain words:
# the words below are replaced by "drug" before scoring. Every one of them must be explained the
# first time a page uses it (see `unexplained_terms`). Keep this list short: a term belongs here
# only when the guidance cannot do without it.
MEDICAL_TERMS: dict[str, str] = {
    # The two classes of muscle relaxer the source guidance tells apart, and what one treats.
    "antispasmodic": r"antispasmodics?",
    "antispastic": r"antispastics?",
    "spasticity": r"spasticity",
    # Common relaxers by generic name: what the reader's label says.
    "cyclobenzaprine": r"cyclobenzaprine",
    "methocarbamol": r"methocarbamol",
    "carisoprodol": r"carisoprodol",
    "metaxalone": r"metaxalone",
    "tizanidine": r"tizanidine",
    "baclofen": r"baclofen",
    "orphenadrine": r"orphenadrine",
    "chlorzoxazone": r"chlorzoxazone",
    "dantrolene": r"dantrolene",
    # The over-the-counter pain relievers the source guidance names.
    "NSAID": r"NSAIDs?",
    "ibuprofen": r"ibuprofen",
    "naproxen": r"naproxen",
    "acetaminophen": r"acetaminophen",
    # Words of the source guidance with no plain equivalent that keeps the meaning.
    "central nervous system": r"central nervous system",
    "musculoskeletal": r"musculoskeletal",
    "corticosteroid": r"corticosteroids?",
    "anesthetic": r"anesthetics?",
}
TERM_STAND_IN = "drug"
_TERMS_RE = re.compile(r"\b(?:" + "|".join(MEDICAL_TERMS.values()) + r")\b", re.IGNORECASE)

# The sentence that first uses a listed term must explain it. The heuristic: it contains
# "means", "is a"/"is an", "are", "called", "short for", "a kind of"/"a type of", "such as"/"for
# example" (a class explained by its members, or a drug by its class), an em dash (as in
# "NSAIDs — a group of pain relievers") or a parenthesis (as in "ibuprofen (Advil)"). Whole words.
# Headings are skipped: a heading names a topic, the text under it explains it. Short sentences
# are plain language, so the explanation may also be the next sentence when it starts with a
# pronoun that points back ("Sometimes the doctor adds a corticosteroid. That is a strong
# medicine that ...").
EXPLANATION_CUES = re.compile(
    r"\bmeans?\b|\bis an?\b|\bare\b|\bcalled\b|\bshort for\b|\b(?:kind|type|group|class) of\b|"
    r"\bsuch as\b|\bfor example\b|—|\(|\)",
    re.IGNORECASE,
)

FOLLOW_UP = re.compile(r"^(?:it|this|that|these|those|they|which)\b", re.IGNORECASE)


def swap_terms(text: str) -> str:
    return _TERMS_RE.sub(TERM_STAND_IN, text)


def _textstat():
    import textstat

    return textstat


def grade(text: str) -> float:
    """Flesch-Kincaid grade of a text, listed medical terms swapped for a short word."""
    return float(_textstat().flesch_kincaid_grade(swap_terms(text)))


def sentence_difficulty(sentence: str) -> float:
    """The Flesch-Kincaid formula applied to one sentence (terms swapped)."""
    ts = _textstat()
    plain = swap_terms(sentence)
    words = ts.lexicon_count(plain)
    if not words:
        return 0.0
    return 0.39 * words + 11.8 * ts.syllable_count(plain) / words - 15.59


@dataclass
class GradeReport:
    name: str
    grade: float
    # (how much the sentence raises the grade of the whole text, the sentence's own grade, sentence)
    hardest: list[tuple[float, float, str]]
    words: int

    def describe(self) -> str:
        lines = [f"{self.name}: reading grade {self.grade:.1f} (limit {GRADE_LIMIT}, {self.words} words)"]
        lines.append("  the 3 sentences that raise the grade most (+grade they add; their own grade):")
        lines += [f"    [+{d:.2f}; {g:4.1f}] {s}" for d, g, s in self.hardest]
        return "\n".join(lines)


def grade_report(name: str, units: list[str]) -> GradeReport:
    """The grade of a text (textstat) and its hardest sentences.

    "Hardest" is what a sentence adds to the grade of the whole text: the grade with it minus
    the grade without it, from per-sentence word, syllable and sentence counts (as textstat
    counts them: a sentence of two words or fewer is not counted as a sentence). A one-word
    heading has a high grade on its own but adds little; a long sentence of long words adds
    the most. That ranks what to rewrite first.
    """
    ts = _textstat()
    text = as_prose(units)
    sentences = list(dict.fromkeys(sentences_of(units)))  # each distinct sentence ranked once
    whole = grade(text)
    counts = []
    for sentence in sentences:
        plain = swap_terms(sentence)
        words = ts.lexicon_count(plain)
        counts.append((words, ts.syllable_count(plain), 1 if words > 2 else 0))
    total_w = sum(c[0] for c in counts)
    total_y = sum(c[1] for c in counts)
    total_s = max(1, sum(c[2] for c in counts))

    def formula(w: int, y: int, n: int) -> float:
        return 0.39 * w / max(1, n) + 11.8 * y / w - 15.59 if w else 0.0

    approx_whole = formula(total_w, total_y, total_s)
    ranked = []
    for (w, y, n), sentence in zip(counts, sentences):
        without = formula(total_w - w, total_y - y, total_s - n)
        ranked.append((approx_whole - without, sentence_difficulty(sentence), sentence))
    ranked.sort(key=lambda item: (-item[0], -item[1]))
    return GradeReport(name, whole, ranked[:3], ts.lexicon_count(text))


# A bare list item or form option ("Baclofen", "Tizanidine (Zanaflex)") is explained by the
# question or lead-in it answers ("Which muscle relaxer are you taking?") when that names the kind
# of thing it is: a sentence ending in "?" or ":" at most 20 sentences before it (a long list of
# options sits between the question and its last option).
BARE_ITEM_WORDS = 5
LEAD_IN_REACH = 20
KIND_WORDS = re.compile(r"\b(?:relaxers?|medicines?|medications?|drugs?|pain relievers?|pills?)\b", re.IGNORECASE)


def _explained_by_lead_in(sentences: list[str], index: int) -> bool:
    item = re.sub(r"\([^)]*\)", "", sentences[index]).strip(" .")
    if len(item.split()) > BARE_ITEM_WORDS:
        return False
    for earlier in reversed(sentences[max(0, index - LEAD_IN_REACH):index]):
        if earlier.rstrip().endswith(("?", ":")) and KIND_WORDS.search(earlier):
            return True
    return False


def unexplained_terms(sentences: list[str]) -> list[tuple[str, str]]:
    """(term, sentence) for each listed term whose first use is not explained (see above).

    `sentences` are the prose sentences in reading order, headings left out.
    """
    problems = []
    for term, pattern in MEDICAL_TERMS.items():
        regex = re.compile(r"\b" + pattern + r"\b", re.IGNORECASE)
        index = next((i for i, s in enumerate(sentences) if regex.search(s)), None)
        if index is None or EXPLANATION_CUES.search(sentences[index]):
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        if FOLLOW_UP.match(following) and EXPLANATION_CUES.search(following):
            continue
        if _explained_by_lead_in(sentences, index):
            continue
        problems.append((term, sentences[index]))
    return problems


# ---------------------------------------------------------------------------------------------
# Text the decision module can emit
# ---------------------------------------------------------------------------------------------

def sample_answer_sets(n: int = 400, seed: int = 7) -> list[dict]:
    """Answer sets to read the checker's texts over: every sampled answer of each question alone,
    then 2n random sets (decision's one sampler)."""
    from decision import samples

    return samples.each_alone() + samples.sample_answer_sets(2 * n, seed)


@dataclass
class DecisionTexts:
    questions: list[str] = field(default_factory=list)  # prompts, help, option labels, units
    reasons: list[str] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def decision_texts(n: int = 400, seed: int = 7) -> DecisionTexts:
    """Every text the decision module shows a reader, deduplicated, in first-seen order."""
    import decision
    import decision.rules

    out = DecisionTexts()
    seen: set[tuple[str, str]] = set()

    def add(kind: str, text) -> None:
        if not isinstance(text, str):
            return
        # Summaries keep their lines (each line is a unit of reading); the rest is one line.
        text = text.strip() if kind == "summaries" else " ".join(text.split())
        if text and (kind, text) not in seen:
            seen.add((kind, text))
            getattr(out, kind).append(text)

    for q in decision.questions():
        add("questions", q.get("prompt"))
        add("questions", q.get("help"))
        for option in q.get("options", []):
            add("questions", option.get("label"))
    from .project import local_facts

    facts = local_facts()
    for card in decision.cards():
        for text in (card["title"], card["text"], *card["wait"]):
            add("cards", text.format(**facts))
    for rule in decision.rules.RULES:
        add("cards", rule.card_line)
    for answers in sample_answer_sets(n, seed):
        try:
            plan = decision.plan(answers).to_dict()
        except decision.InvalidAnswers as error:
            add("errors", str(error))
            continue
        for item in plan["show"]:
            add("reasons", item["reason"])
        add("summaries", plan["summary"])
    return out


def summary_units(summary: str) -> list[str]:
    """A summary is often a few lines ("Drug: ...", "Days taken: ..."): each line is a unit."""
    return [line for line in re.split(r"\n|(?<=[.!?])\s+", summary) if line.strip()]
