// Starts the NHS.UK components on the page. Loaded as a module, so browsers too old for it get the
// no-JavaScript version of every component, which works on its own. Each component's script
// (scripts/vendor_nhsuk.py) is fetched only when the page shows the component.
const COMPONENTS = {
  "nhsuk-header": () => import("../vendor/nhsuk-frontend/header.min.js"),
  "nhsuk-error-summary": () => import("../vendor/nhsuk-frontend/error-summary.min.js"),
};

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
// The page is settled once its components have started: browser tests wait for this before they check it.
startComponents(document).finally(() => {
  document.body.dataset.componentsReady = "true";
});
initPageFeedback();

// Starts each component found in scope; resolves to how many were started. A component whose script
// cannot be fetched stays as it is without JavaScript.
async function startComponents(scope) {
  const found = Object.entries(COMPONENTS).filter(([name]) => scope.querySelector(`[data-module="${name}"]`));
  const started = await Promise.all(
    found.map(async ([, load]) => {
      try {
        const { Component, createAll } = await load();
        return createAll(Component, {}, { scope }).length;
      } catch (error) {
        console.error(error);
        return 0;
      }
    }),
  );
  return started.reduce((total, count) => total + count, 0);
}

// "Is this page useful?" (stp_site/page_feedback) without leaving the page: each step's form is sent with
// fetch and replaced by the answer's HTML (the server sends only the panel when asked with
// X-Page-Feedback: fragment), and focus moves to its heading or error summary. Without JavaScript, or if
// fetch fails, the forms are sent as ordinary forms and answered with a page. Kept in this file, not a
// module of its own, so a first view needs no more requests for JavaScript than this file and the header's.
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
    if ((await startComponents(next)) === 0) {
      next.querySelector("#page-feedback-heading")?.focus();
    }
  });
}
