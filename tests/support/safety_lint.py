"""The safety lint: sentence-level rules against advice to raise a dose, to combine the relaxer
with alcohol or other sedating substances, or to put off emergency care, with negation
detection so that warnings ("do not take more") pass.
"""


from __future__ import annotations

import re
from dataclasses import dataclass

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


