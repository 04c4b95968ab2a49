// Keyboard users who follow a link to an incident (from the timeline or a shared link) land on
// it: move focus there, not only the scroll position. Single-key shortcuts (n, p, 1-9, d, x, r, t)
// act on the element that names them in data-shortcut, never while the reader is typing
// (a link or a button is followed or pressed: the Questions page answers with s, d, t, r, x; 1-9 tick an incident check's rows).
"use strict";
function focusTarget() {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }
}
function typing(element) {
  var name = element && element.tagName;
  // A ticked box takes no text: the keys go on working while it has the focus.
  if (name === "INPUT" && (element.type === "checkbox" || element.type === "radio")) return false;
  return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (element && element.isContentEditable);
}
function shortcut(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  var wanted = event.key;
  if (!/^[a-z0-9]$/i.test(wanted)) return;
  var found = document.querySelector('[data-shortcut="' + wanted.toLowerCase() + '"]');
  if (!found) return;
  event.preventDefault();
  if (found.tagName === "A" || found.tagName === "BUTTON") {
    found.click();
  } else if (found.type === "checkbox") {
    found.checked = !found.checked;
    found.focus();
  } else if (found.type === "radio") {
    found.checked = true;
    found.focus();
  } else {
    found.focus();
  }
}
window.addEventListener("hashchange", focusTarget);
document.addEventListener("DOMContentLoaded", focusTarget);
document.addEventListener("keydown", shortcut);
// The timeline: pointing at or tabbing to an account says which it is, in the line below it.
function showDetail(event) {
  var link = event.target.closest && event.target.closest(".mark-link");
  var box = document.getElementById("mark-detail");
  if (link && box) box.textContent = link.getAttribute("data-detail");
}
document.addEventListener("focusin", showDetail);
document.addEventListener("mouseover", showDetail);
