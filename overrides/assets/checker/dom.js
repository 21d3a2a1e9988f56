// Small DOM helpers shared by the checker's modules.

export function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
