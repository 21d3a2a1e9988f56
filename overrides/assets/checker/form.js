// The form's answers: read them, write them back, and tie an error to its question. Every input
// carries name=<question id> and value=<option value>, so no question is known here.
import { make } from "./dom.js";

// How each kind of question (decision/kinds.py) is read, written back and marked wrong, keyed
// by the kind's name; tests/test_decision_kinds.py checks these keys are the registry's. `read`
// gives undefined for no answer; `target` is what carries aria-invalid.
const ticked = (question) => [...question.querySelectorAll("input:checked")].map((input) => input.value);
const tick = (question, wanted) => {
  for (const input of question.querySelectorAll("input")) input.checked = wanted.includes(input.value);
};
const READERS = {
  single: {
    read: (question) => ticked(question)[0] || undefined,
    write: (question, value) => tick(question, [value]),
    target: (question) => question,
  },
  multi: {
    read: (question) => (ticked(question).length ? ticked(question) : undefined),
    write: (question, value) => tick(question, [].concat(value)),
    target: (question) => question,
  },
  number: {
    // The unit list's first unit is the one decision counts in; another goes with the number.
    read: (question, problems) => {
      const input = question.querySelector("input");
      const unit = question.querySelector("select");
      if (input.validity.badInput) problems.push({ field: question.dataset.question, error: "Type a number using digits, or leave it blank." });
      else if (input.value.trim() !== "") {
        const value = Number(input.value);
        return unit && unit.selectedIndex > 0 ? { value, unit: unit.value } : value;
      }
      return undefined;
    },
    write: (question, value) => {
      const given = typeof value === "object" && value !== null;
      question.querySelector("input").value = String(given ? value.value : value);
      const unit = question.querySelector("select");
      if (unit) unit.value = given ? value.unit : unit.options[0].value;
    },
    target: (question) => question.querySelector("input"),
  },
  yes_no: {
    read: (question) => (ticked(question)[0] ? ticked(question)[0] === "yes" : undefined),
    write: (question, value) => tick(question, [value ? "yes" : "no"]),
    target: (question) => question,
  },
};

// A kind missing from the table is a build this script does not know: never read it as another.
function readerOf(question) {
  const reader = READERS[question.dataset.kind];
  if (!reader) throw new Error(`The form cannot read the question "${question.dataset.question}" of kind "${question.dataset.kind}".`);
  return reader;
}

// Whether a question has an answer now (an unreadable number has none).
export const answered = (question) => readerOf(question).read(question, []) !== undefined;

export function readAnswers(form) {
  const answers = {};
  const problems = [];
  for (const question of form.querySelectorAll("[data-question]")) {
    const value = readerOf(question).read(question, problems);
    if (value !== undefined) answers[question.dataset.question] = value;
  }
  return { answers, problems };
}

export function writeAnswers(form, answers) {
  form.reset();
  for (const question of form.querySelectorAll("[data-question]")) {
    const value = answers[question.dataset.question];
    if (value !== undefined) readerOf(question).write(question, value);
  }
}

export function clearFieldErrors(form) {
  for (const note of form.querySelectorAll(".rg-question__error")) {
    const question = note.closest("[data-question]");
    question.classList.remove("rg-question--error");
    for (const target of [question, ...question.querySelectorAll("input")]) {
      target.removeAttribute("aria-invalid");
      const ids = (target.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== note.id);
      if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
      else target.removeAttribute("aria-describedby");
    }
    note.remove();
  }
}

// Marks a question as wrong; returns the input to focus (null if there is no such question).
export function markField(form, id, message) {
  const question = form.querySelector(`[data-question="${CSS.escape(id)}"]`);
  if (!question) return null;
  const note = make("p", "rg-question__error", message);
  note.id = `rg-error-${id}`;
  question.querySelector(".rg-question__help, legend, label").after(note);
  question.classList.add("rg-question--error");
  const target = readerOf(question).target(question);
  target.setAttribute("aria-invalid", "true");
  target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
  return question.querySelector("input:checked") || question.querySelector("input");
}

// "None of these" and a choice cannot both be ticked: ticking one unticks the other. (With
// JavaScript off both can be; decision then reads the choice, and says so.)
export function keepExclusive(form, signal) {
  form.addEventListener(
    "change",
    ({ target }) => {
      if (!target.matches?.(".rg-option__input[type=checkbox]") || !target.checked) return;
      const question = target.closest("[data-question]");
      const exclusive = target.hasAttribute("data-rg-exclusive");
      for (const other of question.querySelectorAll(".rg-option__input:checked")) {
        if (other !== target && (exclusive || other.hasAttribute("data-rg-exclusive"))) other.checked = false;
      }
    },
    { signal, capture: true }
  );
}
