"""Shared machinery of the quality gates (tests/test_quality_*.py).

Three parts, each documented where it is defined:

* reading the built pages as a reader does: the visible text, split into blocks (a heading, a
  list item, a table cell and a paragraph are each a unit of reading), with where each block sits
  (the article, the site-wide safety aside, the footer notice, the checker form, the rule table);
* plain language: a Flesch-Kincaid grade (textstat 0.7.8) with a short list of needed medical
  terms swapped for a short word before scoring, and a check that each listed term is explained
  the first time a page uses it;
* the safety lint: sentence-level rules against advice to raise a dose, to combine the relaxer
  with alcohol or other sedating substances, or to put off emergency care, with negation
  detection so that warnings ("do not take more") pass.

Standard library only, apart from textstat (imported lazily) and the decision package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Reading a built page
# ---------------------------------------------------------------------------------------------

INVISIBLE = {"script", "style", "template", "noscript", "svg", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that end a unit of reading: their text never runs on into the next element's.
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "optgroup", "option",
    "output", "p", "pre", "section", "select", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "br",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The section whose table is generated from decision.rules_markdown(): data, not prose.
RULE_TABLE_SECTION = "checker-rules"


@dataclass
class Block:
    """One unit of visible text and the places it sits in."""

    text: str
    where: frozenset[str]
    tag: str

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADINGS


@dataclass
class PageText(HTMLParser):
    """The visible text of a whole built page, as blocks, plus its headings and links.

    `where` names: article, safety (the aside overrides/main.html renders), notice (the footer's
    medical notice), footer, nav, header, form (a <form> or the checker's root), code
    (<pre>/<code>), rule-table (the generated rule table), heading.
    """

    blocks: list[Block] = field(default_factory=list)
    # (level, text, in_article) of every h1-h6, in order
    headings: list[tuple[int, str, bool]] = field(default_factory=list)
    # (href, where) of every <a href>
    links: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        # (tag, hides, contexts it opened)
        self._stack: list[tuple[str, bool, tuple[str, ...]]] = []
        self._contexts: list[str] = []
        self._hidden = 0
        self._buffer: list[str] = []
        self._heading: list[str] | None = None
        self._section_ids: list[str | None] = []

    # -- contexts
    def _opened_contexts(self, tag: str, attributes: dict) -> tuple[str, ...]:
        classes = set((attributes.get("class") or "").split())
        opened = []
        if tag == "article":
            opened.append("article")
        if tag in ("footer", "nav", "header"):
            opened.append(tag)
        if "rg-safety" in classes:
            opened.append("safety")
        if "rg-notice" in classes:
            opened.append("notice")
        if tag == "form" or any(c in classes for c in ("rg-checker", "rg-checker-form")):
            opened.append("form")
        if tag in ("pre", "code"):
            opened.append("code")
        if tag == "table" and RULE_TABLE_SECTION in self._section_ids:
            opened.append("rule-table")
        if tag in HEADINGS:
            opened.append("heading")
        return tuple(opened)

    def _flush(self, tag: str = "") -> None:
        text = " ".join("".join(self._buffer).replace("¶", "").split())
        self._buffer = []
        if text:
            self.blocks.append(Block(text, frozenset(self._contexts), tag or (self._stack[-1][0] if self._stack else "")))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href") is not None and not self._hidden:
            self.links.append((attributes["href"], frozenset(self._contexts)))
        if tag in BLOCK:
            self._flush()
        if tag in VOID:
            return
        style = (attributes.get("style") or "").replace(" ", "").lower()
        hides = (
            tag in INVISIBLE
            or "hidden" in attributes
            or "display:none" in style
            or "visibility:hidden" in style
        )
        opened = self._opened_contexts(tag, attributes)
        self._contexts.extend(opened)
        self._stack.append((tag, hides, opened))
        if tag == "section":
            self._section_ids.append(attributes.get("data-section"))
        if hides:
            self._hidden += 1
        if tag in HEADINGS and not self._hidden:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in VOID or all(open_tag != tag for open_tag, _, _ in self._stack):
            return
        while self._stack:
            open_tag, hides, opened = self._stack[-1]
            if open_tag in BLOCK:
                self._flush(open_tag)
            self._stack.pop()
            if open_tag in HEADINGS and self._heading is not None:
                text = " ".join("".join(self._heading).replace("¶", "").split())
                self.headings.append((int(open_tag[1]), text, "article" in self._contexts))
                self._heading = None
            for name in reversed(opened):
                self._contexts.remove(name)
            if open_tag == "section":
                self._section_ids.pop()
            if hides:
                self._hidden -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._hidden:
            return
        self._buffer.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def close(self):
        super().close()
        self._flush()

    # -- views
    def select(self, include: set[str] | None = None, exclude: set[str] = frozenset()) -> list[Block]:
        """Blocks inside every context of `include` (all blocks if None) and none of `exclude`."""
        return [
            b for b in self.blocks
            if (include is None or include <= b.where) and not (b.where & set(exclude))
        ]

    def links_in(self, include: set[str] | None = None, exclude: set[str] = frozenset()) -> list[str]:
        return [
            href for href, where in self.links
            if (include is None or include <= where) and not (where & set(exclude))
        ]


def read_page_text(path: Path) -> PageText:
    page = PageText()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def page_name(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()




def expected_pages() -> list[str]:
    """Every page the build must write (relative to site/): the nav's pages and the 404 page.

    Known at collection time, so test ids are stable; a test checks the built site has no other.
    """
    from .project import mkdocs_config

    config = mkdocs_config()
    pages = []
    for entry in config["nav"]:
        for name in entry.values() if isinstance(entry, dict) else [entry]:
            stem = name.removesuffix(".md")
            pages.append("index.html" if stem == "index" else f"{stem}/index.html")
    return pages + ["404.html"]


def page_url(relative: str) -> str:
    """The URL path of a built page below the site root ("urgent/index.html" -> "urgent/")."""
    return relative.removesuffix("index.html")


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

TERMINAL = (".", "!", "?", ":", ";")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "dr.", "u.s.", "approx.", "no.", "mr.", "mrs.", "ms.")
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def as_prose(units: list[str]) -> str:
    """Units of reading joined into one text, each ending in a full stop if it had no ending.

    A heading, a list item or a table cell is read as a unit: without this, textstat would
    read a heading and the paragraph after it as one long sentence.
    """
    parts = []
    for unit in units:
        unit = " ".join(unit.split())
        if not unit:
            continue
        if not unit.endswith(TERMINAL) and not unit.endswith((".”", ".\"", "?”", "!”", ".)", "?)")):
            unit += "."
        parts.append(unit)
    return " ".join(parts)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: split after . ! ? followed by a capital or a digit."""
    text = " ".join(text.split())
    if not text:
        return []
    pieces = _SPLIT.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and sentences[-1].lower().endswith(ABBREVIATIONS):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def sentences_of(units: list[str]) -> list[str]:
    out: list[str] = []
    for unit in units:
        out.extend(split_sentences(as_prose([unit])))
    return out


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
# Safety lint
# ---------------------------------------------------------------------------------------------
# Each rule is a regular expression over one sentence (lower-cased, curly quotes made straight).
# A match is a finding unless the sentence says the opposite:
#   * negation: a negating word ("not", "never", "no", "don't", "avoid", "stop", "without",
#     "instead of", "rather than") stands between the start of the match's clause and the match.
#     The clause starts at the sentence start or at a strong break (; : — – ( "but" "however");
#     a leading subordinate clause ("If you don't feel better, ...") is skipped, because its
#     negation does not govern the main clause. Commas do not end the scope, so a list under one
#     "do not" ("Do not skip a dose, double up, or take extra pills") stays negated.
#   * a stated harm (dose and mixing rules): the sentence names the danger ("can be dangerous",
#     "makes side effects stronger", "will not help", "work less well"): it is a warning.
#   * the doctor decides (dose rules): "your doctor may raise the dose" is the doctor's call, not
#     advice to the reader; so is "ask your doctor whether to ...".
#   * a condition or an indirect question: the match sits inside "if/whether/when ..." before any
#     comma ("If you took more by mistake, call ...", "Tell your doctor if you have been taking it
#     with alcohol"): it describes a situation, it does not advise.
# The delay rule fires only near red-flag words: in the sentence itself (RED_FLAG_WORDS) or, for
# the sentences before and after it, only the unmistakable ones (RED_FLAG_NEAR).
# Known limits: a condition without a comma ("When it hurts take more") passes; the lint reads
# sentences, not meaning, so it is a net for plain mistakes, not a substitute for review.

NOT_MEDICINE = (
    r"(?!\s+(?:time|care|breaks?|rest|steps?|walks?|notes?|looks?|a look|photos?|water|minutes?|"
    r"moments?|days? off|sips?|stretch(?:es)?|deep breaths?|breaths?|questions?|pillows?|heat|ice)\b)"
)
SEDATING = (
    r"(?:alcohol(?:ic drinks?)?|beers?|wine|liquor|spirits|cocktails?|an? (?:alcoholic )?drink(?! of water)|"
    r"(?:a )?glass of (?:wine|beer|whiske?y|liquor|vodka|rum)|sleeping pills?|sleep aids?|sleep medicines?|opioids?|"
    r"benzodiazepines?|sedatives?|cannabis|marijuana|weed|antihistamines?|"
    r"other (?:sedating|sleep-inducing|calming) \w+|other substances|"
    r"(?:other )?(?:medicines?|drugs?) that make you (?:sleepy|drowsy))"
)
RELAXER = r"(?:your |the |a |this |that )?(?:muscle relaxers?|relaxers?|medicines?|medications?|pills?|dose|meds)"
COMBINE = r"(?:with|and|plus|alongside|along with|together with|on top of)"
IMPERATIVE = (
    r"(?:take|taking|combine|combining|mix|mixing|pair|pairing|wash(?:ing)? (?:it|them) down|"
    r"have|having|drink|drinking|enjoy|enjoying|add|adding|try|trying|use|using|pour|sip)"
)

RED_FLAG_WORDS = re.compile(
    r"\b(?:bowel|bladder|incontinen\w*|weak(?:ness)?|numb(?:ness)?|tingl\w*|pins and needles|"
    r"emergency|emergencies|stroke|red[- ]flags?|warning signs?|these signs|(?:can't|cannot) feel|"
    r"droop\w*|paraly\w*|chest pain|trouble breathing|hard to (?:breathe|speak))\b"
)

# For a sentence's neighbours, only the unmistakable red flags count (numbness alone is also
# what ice does to skin, so "Wait until your skin warms up. Stop if it feels numb." must pass).
RED_FLAG_NEAR = re.compile(
    r"\b(?:bowel|bladder|incontinen\w*|emergency|emergencies|stroke|red[- ]flags?|warning signs?|"
    r"sudden(?:ly)? (?:\w+ )?(?:weak|numb)\w*|severe weakness|droop\w*|paraly\w*)\b"
)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # "dose" | "mix" | "delay"
    pattern: re.Pattern
    why: str


def _rule(name: str, kind: str, regex: str, why: str) -> Rule:
    return Rule(name, kind, re.compile(regex), why)


RULES: tuple[Rule, ...] = (
    _rule("take-more", "dose",
          r"\b(?:take|taking|takes|swallow|swallowing)\s+(?:some\s+)?"
          r"(?:more|extra|additional|an extra|an additional|a bigger|a larger)\b" + NOT_MEDICINE,
          "advice to take more of the medicine"),
    _rule("take-another", "dose",
          r"\b(?:take|taking|takes|swallow|swallowing)\s+(?:another|a second|one more|two)"
          r"(?:\s+(?:one|dose|pill|tablet|capsule)s?\b|\s*(?:$|[.,;:!?]|\b(?:if|when|later|now|"
          r"right away|after|before|to)\b))",
          "advice to take another dose"),
    _rule("double", "dose",
          r"\bdoubl(?:e|es|ed|ing)\b(?![\s-]+(?:vision|check(?:ing|ed)?|click(?:ing)?|bed|-?sided))",
          "advice to double a dose"),
    _rule("increase-dose", "dose",
          r"\b(?:increase|increasing|increases|raise|raising|raises|up|upping|boost|boosting|"
          r"bump(?:ing)? up|step(?:ping)? up)\s+(?:your|the|my|a|this|that|their)\s+(?:\w+\s+)?"
          r"(?:dose|doses|dosage|dosing|amount of (?:the )?(?:medicine|medication|pills?|tablets?|relaxer))\b",
          "advice to increase the dose"),
    _rule("higher-dose", "dose",
          r"\b(?:take|taking|try|trying|use|using|go to|switch to)\s+(?:a\s+|the\s+)?"
          r"(?:higher|bigger|larger|stronger|double|maximum|max)\s+(?:dose|dosage|amount|strength)\b",
          "advice to take a higher dose"),
    _rule("extra-dose", "dose",
          r"\b(?:extra|additional|second|another|bonus)\s+(?:doses?|pills?|tablets?|capsules?)\b",
          "advice to take an extra dose or pill"),
    _rule("more-often", "dose",
          r"\b(?:take|taking|use|using)\s+(?:it|them|your \w+|the \w+)\s+more\s+(?:often|frequently)\b",
          "advice to take the medicine more often"),
    _rule("with-alcohol", "mix",
          r"\b" + IMPERATIVE + r"\b[^.;:]*?\b" + COMBINE + r"\s+(?:a |an |some |your |other )?" + SEDATING + r"\b",
          "encourages combining the relaxer with alcohol or another sedating substance"),
    _rule("sedating-with-relaxer", "mix",
          r"\b" + SEDATING + r"\b[^.;:]*?\b" + COMBINE + r"\s+" + RELAXER + r"\b",
          "encourages combining alcohol or another sedating substance with the relaxer"),
    _rule("mixing-is-fine", "mix",
          r"\b(?:fine|safe|ok|okay|alright|all right|harmless)\s+to\s+(?:drink|have (?:a |some )?"
          r"(?:drink|beer|wine|alcohol)|mix|combine)\b",
          "says mixing the relaxer with a sedating substance is fine"),
    _rule("sedating-helps", "mix",
          r"\b" + SEDATING + r"\b[^.;:]*?\b(?:helps?|can help|may help|will help|boosts?|"
          r"works? better|make(?:s)? (?:it|them) work better|relax(?:es)? you more|is fine|is safe|"
          r"are fine|are safe|is ok|is okay|won't hurt|will not hurt|is harmless)\b",
          "says alcohol or a sedating substance helps or is fine"),
    _rule("wait-and-see", "delay",
          r"\b(?:wait and see|wait(?:ing)? (?:until|till|til)\b|"
          r"wait(?:ing)? (?:a|one|two|a few|a couple of) (?:days?|hours?|nights?|weeks?)\b|"
          r"wait(?:ing)? (?:overnight|for (?:a|the) (?:day|night|morning|weekend))\b|"
          r"wait(?:ing)? for (?:it|them|this|these|the \w+(?: \w+)?) to (?:pass|go away|fade|settle|"
          r"get better|improve|ease|clear)|"
          r"see if (?:it|they|this|the \w+) (?:gets? better|goes? away|pass(?:es)?|improves?|eases?)|"
          r"sleep on it|(?:hold|put) off (?:on )?(?:calling|going|getting|seeing|care|help)|ride it out|"
          r"tough it out|give it (?:some )?time|wait it out|see how you feel (?:tomorrow|in the morning))",
          "advice to delay care when red-flag symptoms are present"),
)

NEGATION = re.compile(
    r"\b(?:not|never|no|none|nor|avoid|avoiding|don't|dont|doesn't|stop|without|instead of|"
    r"rather than|against|unsafe)\b|n't\b"
)
HARM = re.compile(
    r"\b(?:dangerous(?:ly)?|danger|unsafe|not safe|risks?|risky|harm(?:ful)?|overdose|"
    r"(?:stronger|worse|more|serious) side effects|side effects (?:stronger|worse)|"
    r"makes? (?:its |the |your )?side effects|(?:intensif\w*|increas\w*|worsen\w*|rais\w*|boost\w*) "
    r"(?:the |its |your )?side effects|reduces? (?:its|the) (?:efficacy|effect\w*)|too sleepy|very sleepy|slows? (?:down )?(?:your )?breathing|"
    r"stop breathing|pass out|less well|(?:will|does|do|would|can) not help|won't help|doesn't help|"
    r"don't help|poison\w*|toxic|(?:do|does|should) not (?:be )?(?:mix|mixed|combined?)|"
    r"(?:don't|doesn't|shouldn't) (?:be )?(?:mix|mixed|combined?))\b"
)
DOCTOR_DECIDES = re.compile(
    r"\b(?:doctor|pharmacist|prescriber|nurse|care team)s?\b[^;:]*\b(?:may|might|can|could|will|would|"
    r"should|decides?|chooses?|suggests?|tells? you|says?)\b|\bask (?:your |a )?(?:doctor|pharmacist)\b"
)
STRONG_BREAK = re.compile(r"[;:—–()]|\bbut\b|\bhowever\b|\bthen\b|\botherwise\b")
# The match sits inside a condition or an indirect question ("If you took more by mistake, ...",
# "Ask your doctor whether you can take more"): it describes, it does not advise.
INSIDE_CONDITION = re.compile(r"(?:^|\b)(?:if|whether|when|whenever|unless|in case)\b[^,]*$")
SUBORDINATE = re.compile(
    r"^\s*(?:if|when|whenever|unless|while|because|since|after|before|once|even if|even though|"
    r"although|though|as long as)\b[^,]*,"
)


def normalize(sentence: str) -> str:
    return " ".join(sentence.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower().split())


def negation_scope(sentence: str, start: int, drop_condition: bool = True) -> str:
    """The text from the start of the match's clause up to the match."""
    before = sentence[:start]
    breaks = list(STRONG_BREAK.finditer(before))
    scope = before[breaks[-1].end():] if breaks else before
    return SUBORDINATE.sub("", scope, count=1) if drop_condition else scope


@dataclass(frozen=True)
class Finding:
    rule: Rule
    sentence: str
    match: str

    def describe(self) -> str:
        return f"[{self.rule.name}: {self.rule.why}] {self.sentence!r} (matched {self.match!r})"


def lint_sentence(sentence: str, context: str = "") -> list[Finding]:
    """Findings in one sentence; `context` is the text around it (for the red-flag window)."""
    text = normalize(sentence)
    findings = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            clause = negation_scope(text, match.start(), drop_condition=False)
            if INSIDE_CONDITION.search(clause):
                continue
            scope = negation_scope(text, match.start())
            if NEGATION.search(scope):
                continue
            if rule.kind in ("dose", "mix") and HARM.search(text):
                continue
            if rule.kind == "dose" and DOCTOR_DECIDES.search(scope):
                continue
            if rule.kind == "delay" and not (RED_FLAG_WORDS.search(text) or RED_FLAG_NEAR.search(normalize(context))):
                continue
            findings.append(Finding(rule, sentence, match.group(0)))
            break
    return findings


def lint_sentences(sentences: list[str]) -> list[Finding]:
    """Lint a run of sentences; the delay rule looks at each sentence's neighbours too."""
    findings = []
    for i, sentence in enumerate(sentences):
        context = " ".join(sentences[max(0, i - 1):i] + sentences[i + 1:i + 2])
        findings.extend(lint_sentence(sentence, context))
    return findings


# Red-flag symptoms (the source guidance's warning signs): a page that names one must point the
# reader at what to do about it.
RED_FLAG_SYMPTOMS = re.compile(
    r"\b(?:loss of (?:bowel|bladder)|(?:bowel|bladder) (?:or (?:bowel|bladder) )?control|"
    r"lose control of (?:your )?(?:bowel|bladder)s?|(?:sudden|severe)(?:,? (?:and |or )?(?:sudden|severe))?"
    r" weakness|numbness|tingling)\b",
    re.IGNORECASE,
)
EMERGENCY_SECTION = "emergency-signs"


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
