"""The safety facts of the second clinical review (issue 16), and the section that must state each.

Beside tests/support/seed_facts.py (the facts of the source text), these are the facts the review found
missing or understated: each row names the built page, the section id it must sit in (so a
fact moved to the wrong place fails, as the liver warnings did in the tolerance section) and
regular expressions that must ALL match that section's visible text (case-insensitive,
whitespace collapsed). Each row's source is the one its page cites in its front matter.
"""

from __future__ import annotations

from dataclasses import dataclass

WHY = "why-not-working/index.html"
RELIEF = "relief-now/index.html"
SAFE = "safe-use/index.html"
DOCTOR = "doctor/index.html"
LONGER = "longer-term/index.html"
URGENT = "urgent/index.html"


@dataclass(frozen=True)
class ReviewFact:
    label: str
    page: str
    section: str
    patterns: tuple[str, ...]


def fact(label: str, page: str, section: str, *patterns: str) -> ReviewFact:
    return ReviewFact(label, page, section, patterns)


REVIEW_FACTS: list[ReviewFact] = [
    # --- why-not-working
    fact("dantrolene works on the muscle, not the brain and nerves (MedlinePlus)", WHY,
         "not-a-muscle-problem", r"most muscle relaxers work by calming", r"dantrolene, is different",
         r"works on the muscle itself"),
    fact("saddle numbness with back pain is an emergency, shown in a drawing (NHS)", WHY,
         "nerve-pain", r"saddle area", r"this is an emergency", r"call \d+ now"),
    fact("too soon to judge, without a number of days (NHS baclofen)", WHY,
         "too-soon", r"too soon to judge", r"how soon yours should start to help"),
    fact("tolerance is not a reason to take more (label)", WHY,
         "tolerance", r"taking more on your own is not safe", r"talk to your doctor"),
    fact("long-term users are sent to the liver warnings in side effects", WHY,
         "tolerance", r"harm the liver", r"side effects"),
    fact("the medicines that raise serotonin with cyclobenzaprine (label)", WHY,
         "interactions", r"SSRIs", r"SNRIs", r"tricyclics", r"MAOIs", r"tramadol", r"meperidine",
         r"bupropion", r"verapamil"),
    fact("serotonin syndrome: severe signs call now, milder ones today (labels; NHS)", WHY,
         "interactions", r"serotonin syndrome", r"metaxalone", r"triptan", r"fainting",
         r"a fast heartbeat", r"high fever", r"stiff or twitching muscles", r"call \d+ now", r"milder signs", r"today"),
    # --- relief-now
    fact("no heat for the first 2 days after a swollen injury (NHS)", RELIEF,
         "heat-and-ice", r"first 2 days after an injury that is swollen, do not use heat"),
    fact("no heat or ice while asleep, none on broken skin, care with numb skin (NHS)", RELIEF,
         "heat-and-ice", r"do not use heat or ice while you sleep", r"broken skin",
         r"numb", r"diabetes", r"poor blood flow"),
    fact("two gentle stretches, as far as is comfortable (NHS)", RELIEF,
         "gentle-stretches", r"knee rolls", r"bottom to heels", r"one deep breath",
         r"as far as feels comfortable", r"knee problem"),
    fact("acetaminophen: at most 4,000 mg a day, 4 hours apart, one product at a time (label, NHS)",
         RELIEF, "acetaminophen-limits", r"more than 4,000 mg in 24 hours", r"at least 4 hours",
         r"never two products with acetaminophen"),
    fact("acetaminophen overdose: get help even if you feel well (label)", RELIEF,
         "acetaminophen-limits", r"right away, even if you feel well", r"[[poison_name]]"),
    fact("NSAIDs: ibuprofen's daily limit, never two NSAIDs (label, NHS)", RELIEF,
         "nsaid-limits", r"1,200 mg", r"never two nsaids together"),
    fact("NSAIDs: stop and get help for bleeding or heart signs (label)", RELIEF,
         "nsaid-limits", r"black or bloody poop", r"throw up blood", r"chest pain",
         r"call \d+"),
    fact("NSAIDs: who should ask first (label, NHS)", RELIEF,
         "nsaid-limits", r"stomach ulcer", r"kidney problems", r"high blood pressure",
         r"blood thinner", r"SSRI", r"60 or older", r"20 weeks of pregnancy"),
    # --- safe-use
    fact("driving while impaired by a medicine can be against the law (NHS)", SAFE,
         "side-effects", r"against the law to drive"),
    fact("liver: dantrolene's boxed warning, tizanidine's tests, chlorzoxazone (labels, MedlinePlus)",
         SAFE, "liver-side-effects", r"dantrolene.{0,80}boxed warning about liver damage",
         r"tizanidine.{0,80}blood tests", r"chlorzoxazone.{0,80}liver damage", r"turn yellow"),
    fact("cyclobenzaprine and orphenadrine: peeing, constipation, glaucoma, confusion (labels)", SAFE,
         "cyclobenzaprine-orphenadrine", r"orphenadrine", r"trouble peeing", r"constipation",
         r"glaucoma", r"confused"),
    fact("cyclobenzaprine is not for recent heart attack, rhythm problems, heart failure, "
         "overactive thyroid (label)", SAFE, "cyclobenzaprine-orphenadrine",
         r"heart attack", r"heart rhythm problems", r"heart failure", r"overactive thyroid"),
    fact("baclofen can build up with kidney disease, even at a low dose (label)", SAFE,
         "baclofen-kidneys", r"kidneys", r"even at a low dose"),
    fact("carisoprodol and diazepam can be habit-forming (MedlinePlus, boxed warning)", SAFE,
         "dependence", r"carisoprodol", r"diazepam", r"habit-forming", r"boxed warning",
         r"do not stop it all at once"),
    fact("a baclofen pump that fails can cause withdrawal: an emergency (label)", SAFE,
         "stopping-safely", r"baclofen pump", r"withdrawal", r"call \d+ now",
         r"refill"),
    fact("a stop after two weeks or more: call today; baclofen's skipped doses too (labels)", SAFE,
         "stopping-safely", r"every day for two weeks \(14 days\) or more\? Call the doctor who prescribed it today",
         r"after skipped doses"),
    fact("a missed dose: never two at once (MedlinePlus)", SAFE,
         "missed-dose", r"skip the missed one", r"never take two doses at once"),
    fact("store it out of children's reach (MedlinePlus)", SAFE,
         "storing-medicine", r"out of the sight and reach of children"),
    fact("leftover pills go to a take-back program (MedlinePlus)", SAFE,
         "medicine-disposal", r"take-back program", r"do not flush"),
    # --- doctor
    fact("stopping the relaxer is an option too", DOCTOR,
         "treatment-changes", r"stopping the muscle relaxer", r"stop safely"),
    fact("nerve-pain medicine: weak evidence, NICE advises against, the doctor decides", DOCTOR,
         "treatment-changes", r"evidence that these help is weak", r"advises against gabapentin",
         r"your doctor's decision"),
    # --- longer-term
    fact("exercise and physical therapy first; a combined programme (NICE)", LONGER,
         "physical-therapy", r"advises exercise first", r"combined program", r"talking therapy"),
    fact("NICE advises against injections for low back pain; epidurals only for acute severe "
         "sciatica", LONGER, "injections", r"advises doctors not to offer injections",
         r"trigger point", r"only for new \(acute\), severe sciatica"),
    fact("coping: pain that stops you coping, low mood, help exists", LONGER,
         "coping", r"help exists", r"stops you from coping", r"feel low", r"combined program",
         r"harming yourself", r"call \d+, or go to the nearest", r"free, day or night"),
]

# The third clinical review (issue 28): the facts it found missing or misstated.
REVIEW_FACTS += [
    # --- urgent
    fact("serotonin syndrome is an emergency, with its signs and who is at risk (label)", URGENT,
         "emergency-signs", r"serotonin syndrome", r"cyclobenzaprine", r"metaxalone", r"antidepressant",
         r"tramadol", r"triptan", r"stiff or twitching muscles", r"severe signs are an emergency",
         r"milder signs.*today"),
    fact("a baclofen pump that stops: an emergency; early signs to the pump team (boxed warning)", URGENT,
         "emergency-signs", r"baclofen pump", r"withdrawal", r"life-threatening", r"pump team"),
    fact("withdrawal brings seizures, confusion and hallucinations, not sleepiness (labels)", URGENT,
         "emergency-signs", r"stopping some muscle relaxers all at once can cause a seizure",
         r"seeing things that are not there"),
    fact("a fast heartbeat alone is often harmless and new ones are checked today; with dizziness, "
         "fainting or breathlessness it is an emergency (review 11; NHS and MedlinePlus on palpitations)",
         URGENT, "emergency-signs", r"uneven heartbeat with dizziness or shortness of breath",
         r"on its own is common and often harmless", r"if it is new, get it checked today"),
    fact("a new fast heartbeat as a side effect: today, or the emergency number with dizziness "
         "(review 11; cyclobenzaprine label, MedlinePlus)", SAFE, "side-effects",
         r"fast, pounding or uneven heartbeat", r"cyclobenzaprine \(flexeril, a muscle relaxer\) can cause it",
         r"stopping tizanidine", r"today", r"dizziness, fainting, shortness of breath or chest pain"),
    fact("trouble peeing with back pain is an emergency, whatever the medicine (NHS)", URGENT,
         "emergency-signs", r"hard to start", r"even if you think your medicine causes it"),
    fact("a fall: hard, or small with thin bones or steroids; a lifting strain is not a sign (NICE, "
         "MedlinePlus)", URGENT, "prompt-evaluation", r"hard fall or blow", r"small fall",
         r"thin bones", r"lifted something or twisted is not a warning sign"),
    fact("numbness or weakness that keeps getting worse: a doctor today (NICE NG59, NHS sciatica)",
         URGENT, "prompt-evaluation", r"keeps getting worse", r"needs a doctor today",
         r"came on slowly"),
    # --- why-not-working
    fact("gabapentinoids and diazepam with opioids slow breathing (FDA 2016, 2019)", WHY,
         "interactions", r"gabapentin or pregabalin", r"slow your breathing", r"diazepam",
         r"opioid", r"boxed warning"),
    fact("tizanidine with blood pressure medicines and birth control pills (MedlinePlus)", WHY,
         "interactions", r"blood pressure medicines", r"birth control pills"),
    # --- relief-now
    fact("OTC pain relievers: see a doctor after 10 days (Drug Facts)", RELIEF,
         "otc-pain-relief", r"lasts more than 10 days"),
    fact("naproxen: tablet counts (Aleve Drug Facts)", RELIEF,
         "nsaid-limits", r"no more than 2 tablets in 12 hours", r"no more than 3 tablets in 24 hours"),
    fact("prescribed low-dose aspirin: do not stop it, ask a pharmacist", RELIEF,
         "nsaid-limits", r"low-dose aspirin", r"do not stop it", r"ask a pharmacist"),
    # --- safe-use
    fact("liver disease and the relaxers whose labels warn of it (metaxalone and cyclobenzaprine: review 9)", SAFE,
         "liver-side-effects", r"if you have liver or kidney disease", r"dantrolene, tizanidine, and chlorzoxazone",
         r"Metaxalone .{0,80}liver or kidneys", r"cyclobenzaprine .{0,80}lower dose"),
    fact("tizanidine with kidney disease (MedlinePlus)", SAFE,
         "baclofen-kidneys", r"tizanidine", r"kidney disease"),
    fact("benzodiazepines: not for sciatica (NICE NG59), best avoided at 65 (Beers)", SAFE,
         "dependence", r"sciatica", r"not to offer benzodiazepines"),
    fact("benzodiazepines best avoided at 65 and over (Beers)", SAFE,
         "older-adults", r"benzodiazepines", r"best avoided at 65 and over"),
    fact("disposal without take-back: coffee grounds or cat litter, seal, bin (FDA)", SAFE,
         "medicine-disposal", r"coffee grounds", r"cat litter", r"seal", r"trash", r"list of medicines to flush"),
    fact("pregnancy: acetaminophen first, after asking, lowest dose, shortest time (NHS, FDA)", SAFE,
         "pregnancy", r"usually the first choice", r"ask a health professional first",
         r"lowest dose that helps, for the shortest time", r"not settled"),
    # --- longer-term
    fact("shots: modest help; the nerve-block cycle hedged (NICE NG59)", LONGER,
         "injections", r"may help for a while", r"often modest", r"try to break that cycle"),
]
