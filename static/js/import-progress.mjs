// While a tracker import runs (the form's ordinary POST, which the page waits on), read
// out how far it has got: the page stays until the answer comes, and asks the import's
// progress address every second. Without JavaScript the form posts just the same.
const EVERY = 1000;

export function importProgress(root) {
  for (const form of root.querySelectorAll("form[data-import-progress]")) {
    const status = form.querySelector("[data-import-progress-status]");
    form.addEventListener("submit", () => {
      const ask = async () => {
        try {
          const answer = await fetch(form.dataset.importProgress, {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
          });
          if (answer.ok) {
            status.textContent = (await answer.json()).message;
          }
        } catch {
          // The page is being replaced by the import's answer: nothing to say.
        }
        setTimeout(ask, EVERY);
      };
      ask();
    });
  }
}
