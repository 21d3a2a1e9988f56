// Reads back, through form.js, every sampled answer of every question after writing it into a
// stand-in of the form the build renders (inputs for the choices; a number box and its unit
// list), and a question of a kind form.js has no reader for. Questions come as JSON on stdin;
// the answers read come back as JSON on stdout (tests/test_decision_kinds.py compares them).
import { readFileSync } from "node:fs";
import { readAnswers, writeAnswers } from "../../overrides/assets/checker/form.js";

function standIn(question) {
  const inputs = question.choices.map((value) => ({ value, checked: false }));
  const box = { value: "", validity: { badInput: false } };
  const units = question.units.length
    ? {
        options: question.units.map((value) => ({ value })),
        value: question.units[0],
        get selectedIndex() {
          return this.options.findIndex((option) => option.value === this.value);
        },
      }
    : null;
  const number = question.control === "number";
  return {
    dataset: { question: question.id, kind: question.kind },
    querySelectorAll: (selector) => (selector === "input:checked" ? inputs.filter((input) => input.checked) : number ? [box] : inputs),
    querySelector: (selector) => (selector === "select" ? units : number ? box : inputs[0] || null),
    reset() {
      for (const input of inputs) input.checked = false;
      box.value = "";
      if (units) units.value = question.units[0];
    },
  };
}

const form = (question) => {
  const part = standIn(question);
  return { querySelectorAll: () => [part], reset: () => part.reset() };
};

const read = {};
for (const question of JSON.parse(readFileSync(0, "utf8"))) {
  read[question.id] = question.samples.map((value) => {
    const holder = form(question);
    writeAnswers(holder, { [question.id]: value });
    return readAnswers(holder).answers[question.id] ?? null;
  });
}
let unknown = "";
try {
  readAnswers(form({ id: "pain_scale", kind: "scale", control: "radio", choices: ["1"], units: [] }));
} catch (error) {
  unknown = error.message;
}
process.stdout.write(JSON.stringify({ read, unknown }));
