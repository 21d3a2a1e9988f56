// The form's answers: read them, write them back, and tie an error to its question. Every input
// carries name=<question id> and value=<option value>, so no question is known here.
import { make } from "./dom.js";

export function readAnswers(form) {
  const answers = {};
  const problems = [];
  for (const question of form.querySelectorAll("[data-question]")) {
    const id = question.dataset.question;
    const kind = question.dataset.kind;
    if (kind === "multi") {
      const values = [...question.querySelectorAll("input:checked")].map((input) => input.value);
      if (values.length) answers[id] = values;
    } else if (kind === "number") {
      const input = question.querySelector("input");
      // The unit list's first unit is the one decision counts in; another goes with the number.
      const unit = question.querySelector("select");
      if (input.validity.badInput) problems.push({ field: id, error: "Type a number using digits, or leave it blank." });
      else if (input.value.trim() !== "") {
        const value = Number(input.value);
        answers[id] = unit && unit.selectedIndex > 0 ? { value, unit: unit.value } : value;
      }
    } else {
      const input = question.querySelector("input:checked");
      if (input && input.value !== "") answers[id] = kind === "yes_no" ? input.value === "yes" : input.value;
    }
  }
  return { answers, problems };
}

export function writeAnswers(form, answers) {
  form.reset();
  for (const question of form.querySelectorAll("[data-question]")) {
    const value = answers[question.dataset.question];
    if (value === undefined) continue;
    const kind = question.dataset.kind;
    if (kind === "number") {
      const given = typeof value === "object" && value !== null;
      question.querySelector("input").value = String(given ? value.value : value);
      const unit = question.querySelector("select");
      if (unit) unit.value = given ? value.unit : unit.options[0].value;
      continue;
    }
    const wanted = kind === "multi" ? [].concat(value) : [kind === "yes_no" ? (value ? "yes" : "no") : value];
    for (const input of question.querySelectorAll("input")) input.checked = wanted.includes(input.value);
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
  const targets = question.dataset.kind === "number" ? [question.querySelector("input")] : [question];
  for (const target of targets) {
    target.setAttribute("aria-invalid", "true");
    target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} ${note.id}`.trim());
  }
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
