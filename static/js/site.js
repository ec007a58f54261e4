// Starts the NHS.UK components. Loaded as a module, so browsers too old for it get the
// no-JavaScript version of every component, which works on its own.
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";
import { initPageFeedback } from "./page-feedback.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
initPageFeedback();
