import { initAll } from "../govuk/govuk-frontend.min.js";
import { importProgress } from "./import-progress.mjs";

initAll();
importProgress(document);
