import { initAll } from "../govuk/govuk-frontend.min.js";
import "./timeout-warning.mjs";

initAll();
