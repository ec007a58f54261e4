// Starts the NHS.UK components. Loaded as a module, so browsers too old for it get the
// no-JavaScript version of every component, which works on its own.
import { ErrorSummary, createAll, initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
initPageFeedback();

// "Is this page useful?" (stp_site/page_feedback) without leaving the page: each step's form is sent with
// fetch and replaced by the answer's HTML (the server sends only the panel when asked with
// X-Page-Feedback: fragment), and focus moves to its heading or error summary. Without JavaScript, or if
// fetch fails, the forms are sent as ordinary forms and answered with a page. Kept in this file, not a
// module of its own, so a first view stays at one request for the site's JavaScript.
function initPageFeedback() {
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    const panel = form.closest("[data-page-feedback]");
    if (!panel || form.dataset.sending) return;
    event.preventDefault();
    form.dataset.sending = "true";
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    let html;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "omit",
        headers: { "X-Page-Feedback": "fragment" },
      });
      html = await response.text();
      if (!html.includes("data-page-feedback")) throw new Error("not a feedback panel");
    } catch {
      // Send it as a plain form instead: the page without JavaScript. submit() leaves out the button pressed.
      if (event.submitter && event.submitter.name) {
        const pressed = document.createElement("input");
        pressed.type = "hidden";
        pressed.name = event.submitter.name;
        pressed.value = event.submitter.value;
        form.append(pressed);
      }
      form.submit();
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const next = template.content.firstElementChild;
    panel.replaceWith(next);
    // An error summary focuses itself and moves focus to the field its links name (NHS.UK's component).
    if (createAll(ErrorSummary, {}, { scope: next }).length === 0) {
      next.querySelector("#page-feedback-heading")?.focus();
    }
  });
}
