import { initAll } from "../govuk/govuk-frontend.min.js";
import "./timeout-warning.mjs";
import { importProgress } from "./import-progress.mjs";

initAll();
importProgress(document);
