// Keyboard users who follow a link to an incident (from the timeline or a shared link) land on
// it: move focus there, not only the scroll position. Nothing else on the pages needs script.
"use strict";
function focusTarget() {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }
}
window.addEventListener("hashchange", focusTarget);
document.addEventListener("DOMContentLoaded", focusTarget);
