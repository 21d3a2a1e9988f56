"""Every factual statement of the source text, and where the built site must state it.

Each row quotes (shortly) one statement of the seed guidance, names the built page that must
carry it (``use_directory_urls`` is on, so ``why-not-working.md`` -> ``why-not-working/index.html``)
and gives regular expressions that must ALL match the visible text of that page's ``<article>``
(case-insensitive; whitespace is collapsed to single spaces before matching).

The patterns are written to fail if the fact is dropped and to survive light rewording.
The seed itself is not read here: the site is the only copy the build depends on.
"""

from __future__ import annotations

from dataclasses import dataclass

INDEX = "index.html"
URGENT = "urgent/index.html"
WHY = "why-not-working/index.html"
RELIEF = "relief-now/index.html"
DOCTOR = "doctor/index.html"
LONGER = "longer-term/index.html"


@dataclass(frozen=True)
class SeedFact:
    label: str
    page: str
    patterns: tuple[str, ...]


def fact(label: str, page: str, *patterns: str) -> SeedFact:
    return SeedFact(label, page, patterns)


SEED_FACTS: list[SeedFact] = [
    # --- What muscle relaxers are (opening paragraph) -> start page, how-relaxers-work
    fact("relaxers are a class of medications", INDEX,
         r"muscle relaxers are a (group|class|kind|type) of medicines?"),
    fact("designed primarily to treat acute muscle pain or spasm", INDEX,
         r"(mainly|mostly|primarily) used for (acute )?muscle pain (or|and) spasms?", r"acute"),
    fact("spasms are involuntary contractions of a muscle or group of muscles", INDEX,
         r"spasm is when a muscle", r"group of muscles", r"on its own|cannot stop it"),
    fact("spasms often follow an injury", INDEX,
         r"spasms often (start|come|happen) after an injury"),
    fact("relaxers act on the central nervous system", INDEX,
         r"brain and nerves", r"central nervous system"),
    fact("they produce a sedative effect", INDEX,
         r"calming effect", r"sleepy"),
    fact("they interrupt the nerve signals causing the spasm", INDEX,
         r"calms? the nerve signals that cause the spasm"),
    fact("rather than acting directly on the muscle tissue", INDEX,
         r"do not work on the muscle itself"),
    fact("understanding why it fails helps guide next steps", INDEX,
         r"knowing why your medicine may not be working", r"next step"),

    # --- Common reasons for lack of relief -> why-not-working
    fact("a wrong assumption about the source of the pain is a major factor", WHY,
         r"wrong guess about where the pain comes from"),
    fact("the pain may not be due solely to a muscle spasm", WHY,
         r"may not be only from a muscle spasm"),
    fact("underlying issue: nerve compression", WHY,
         r"nerve compression", r"pinched nerve"),
    fact("underlying issue: joint dysfunction", WHY,
         r"joint dysfunction"),
    fact("underlying issue: inflammation", WHY,
         r"inflammation is the body's reaction"),
    fact("a CNS-sedating drug gives minimal benefit when the cause is structural or neurological, "
         "not a simple muscle strain", WHY,
         r"calming the brain and nerves", r"simple muscle strain",
         r"in a nerve", r"body.s structure", r"(help|do) (very )?little"),
    fact("muscle relaxers are not all the same; the choice matters", WHY,
         r"muscle relaxers are not all the same"),
    fact("antispasmodics are used for acute musculoskeletal pain", WHY,
         r"antispasmodics (are|is) (used )?for", r"acute", r"muscles and bones"),
    fact("antispastics are used for chronic conditions like MS or cerebral palsy", WHY,
         r"antispastics are for spasticity", r"long-term conditions", r"multiple sclerosis",
         r"cerebral palsy"),
    fact("the wrong class (e.g. an antispastic for a simple back strain) likely gives poor relief",
         WHY, r"wrong kind", r"likely not help", r"antispastic.{0,40}simple back strain"),
    fact("genetic differences affect how a person metabolizes a drug", WHY,
         r"breaks? down (a )?medicine", r"genes"),
    fact("one type may fail for one person but work well for another", WHY,
         r"not work (at all )?for one person", r"well for (someone else|another person)"),
    fact("dosage and duration issues can undermine the drug's effect", WHY,
         r"dose and (the length of time|how long)"),
    fact("relaxers are meant for short-term use, no more than two to three weeks", WHY,
         r"meant for short-term use", r"no more than two to three weeks"),
    fact("longer use can lead to tolerance", WHY,
         r"for longer", r"get used to it", r"tolerance"),
    fact("tolerance means a higher dose is needed for the same effect", WHY,
         r"more .{0,30}same effect"),
    fact("too low a dose can keep the drug from its full effect", WHY,
         r"dose (may be|is) too low"),
    fact("stopping prematurely can keep the drug from its full effect", WHY,
         r"stopping (it )?too (soon|early)"),
    fact("interactions: combining with OTC medications", WHY,
         r"drug interaction", r"over-the-counter \(OTC\) medicines"),
    fact("interactions: combining with alcohol", WHY,
         r"drug interaction", r"alcohol"),
    # Corrected (second fresh review, L3): the labels do not support "reduce its efficacy"; they
    # warn that mixing adds to the side effects, and some mixes are dangerous: the page says that.
    fact("combining can reduce its efficacy (corrected: some mixes can be dangerous)", WHY,
         r"some mixes can be dangerous"),
    fact("combining can intensify side effects", WHY,
         r"side effects,? (stronger|worse)"),

    # --- Immediate strategies -> relief-now
    fact("non-drug strategies can be used right away while awaiting a consultation", RELIEF,
         r"while you wait to talk to your doctor", r"right away", r"do not need a prescription"),
    fact("heat or cold therapy is effective", RELIEF,
         r"both heat and cold can help"),
    fact("heat decreases pain and muscle spasms", RELIEF,
         r"heat brings more blood", r"ease pain and muscle spasms"),
    fact("heat works by increasing blood flow to the area", RELIEF,
         r"more blood to the sore area"),
    fact("ice reduces swelling and pain", RELIEF,
         r"ice can bring down swelling and ease pain"),
    fact("the choice depends on the nature of the discomfort and individual preference", RELIEF,
         r"depends on the kind of pain you have", r"what feels better to you"),
    fact("gentle movement and stretching, when appropriate, can interrupt the spasm cycle", RELIEF,
         r"gentle movement and stretching", r"break (this|the) (spasm )?cycle",
         r"(suits|fits|right for) your injury"),
    fact("walking around or a light, pain-free stretch can promote muscle relaxation", RELIEF,
         r"walk around", r"light stretch", r"should not hurt", r"help the muscle relax"),
    fact("avoid any movement that increases pain; it can worsen the condition", RELIEF,
         r"movement that makes (your )?pain worse", r"make the problem worse"),
    fact("OTC pain relievers work differently than muscle relaxers", RELIEF,
         r"over-the-counter \(OTC\)", r"work in a different way from muscle relaxers"),
    fact("NSAIDs like ibuprofen or naproxen reduce inflammation", RELIEF,
         r"NSAIDs", r"ibuprofen", r"naproxen", r"bring down inflammation"),
    fact("inflammation is often a component of muscle pain", RELIEF,
         # Hedged (issue 28): the source's "often a component" is not a sourced fact.
         r"can be part of muscle pain"),
    fact("acetaminophen targets pain perception", RELIEF,
         r"acetaminophen", r"how your body senses pain"),
    fact("OTC options address pain and inflammation directly, relief until a prescription change",
         RELIEF, r"treat the pain and (swelling|inflammation) directly|(directly|straight) at the pain", r"until .{0,30}changes? your prescription"),

    # --- Warning signs -> urgent
    # The source says "immediate medical attention" and "prompt evaluation"; NHS and the issue
    # make it an emergency (a stroke or a pressed spinal cord), which the page says.
    fact("sudden severe weakness, numbness or tingling in the limbs needs immediate attention", URGENT,
         r"sudden or severe weakness in an arm or leg", r"sudden numbness or tingling in an arm or leg",
         r"need medical help right away", r"stroke", r"spinal cord"),
    fact("loss of bowel or bladder control with back pain is a neurological emergency", URGENT,
         r"back pain", r"new loss of bowel or bladder control", r"this is an emergency",
         r"problem with the nerves", r"call [[emergency_number]] now"),
    fact("no severe symptoms but poor relief: consult the prescribing physician", URGENT,
         r"none of the warning signs on this page", r"not easing your pain", r"contact the doctor who prescribed it"),

    # --- Consulting the doctor -> doctor
    fact("no severe symptoms but poor relief: consult the prescriber", DOCTOR,
         r"no severe symptoms", r"contact the doctor who prescribed it"),
    fact("give specific, detailed information about the lack of effect", DOCTOR,
         r"clear details about how the medicine is not working"),
    fact("tell the exact name of the drug", DOCTOR, r"exact name of the medicine"),
    fact("tell the prescribed dosage", DOCTOR, r"the dose you were told to take"),
    fact("tell the total duration taken", DOCTOR, r"how long you have taken it in all"),
    fact("give a precise description of the persistent symptoms", DOCTOR,
         r"clear description of your symptoms"),
    fact("the discussion should focus on adjusting the treatment plan", DOCTOR,
         r"changing your treatment plan"),
    fact("switching to a different muscle relaxer: types work through different chemical pathways",
         DOCTOR, r"switching to a different muscle relaxer", r"different chemical pathways"),
    fact("adding an adjunctive NSAID or nerve pain medication for other aspects of the pain", DOCTOR,
         r"adding another medicine", r"other parts of your pain", r"NSAID",
         r"medicine for nerve pain"),
    fact("avoid raising the dose or combining with other substances without clear medical instruction",
         DOCTOR, r"do not raise your dose", r"do not mix", r"other substances", r"doctor clearly tells you"),

    # --- Longer-term options -> longer-term
    fact("when oral medication fails, shift to treating physical and structural causes", LONGER,
         r"medicine taken by mouth does not help enough", r"aimed at the physical cause"),
    fact("physical therapy is often recommended as a long-term solution", LONGER,
         r"physical therapy \(PT\)", r"often suggest PT as a long-term answer"),
    fact("PT moves beyond pain management to targeted rehabilitation", LONGER,
         r"does more than ease pain", r"works on the problem behind the pain"),
    fact("a physical therapist identifies muscle weaknesses or imbalances behind spasms", LONGER,
         r"physical therapist can find", r"weak", r"out of balance", r"cause your spasms"),
    fact("the physical therapist designs a program to correct them", LONGER,
         r"plan of exercises to correct them"),
    fact("injections are a localized option for chronic or highly localized pain", LONGER,
         r"treat pain in one spot", r"may help for a while", r"modest", r"chronic pain", r"one small area"),
    fact("trigger point injections put a local anesthetic into taut muscle knots", LONGER,
         r"trigger point is a tight knot in a muscle", r"right into the knot", r"local anesthetic"),
    fact("trigger point injections sometimes add a corticosteroid", LONGER,
         r"sometimes the doctor adds a corticosteroid"),
    # Hedged (second fresh review, L2): a benefit, not a fact; NICE advises against it for low back pain.
    fact("trigger point injections help the knots release", LONGER,
         r"meant to help the knot let go"),
    fact("nerve blocks temporarily stop pain signals from a nerve or group of nerves", LONGER,
         r"nerve block", r"stops? pain signals", r"group of nerves", r"for a while|for a time|temporar"),
    fact("nerve blocks can break the cycle of pain and spasm", LONGER,
         r"spasm causes pain, and pain can cause more spasm", r"break that cycle"),
    fact("lifestyle and ergonomic adjustments help prevent recurrence", LONGER,
         r"changes in daily habits can help keep spasms from coming back"),
    fact("correcting poor posture, especially when sitting long, reduces back and neck strain", LONGER,
         r"poor posture", r"strain", r"back and neck", r"sit(ting)? for long (hours|periods)",
         r"(lowers|reduces) (that )?strain"),
    fact("pillows for spinal alignment while sleeping reduce stress during rest", LONGER,
         r"pillows", r"spine", r"straight|aligned|in line", r"less stress", r"while you rest"),
    fact("these changes reduce the frequency and severity of spasms", LONGER,
         r"less often", r"hurt less|less (severe|bad)"),
    fact("a more sustained solution than medication alone", LONGER,
         r"help more than medicine alone"),
]
