// The GOV.UK timeout warning: a dialog shown shortly before a signed-in session would end
// for want of a request, whose "Stay signed in" saves the session again without leaving
// the page (so nothing typed is disturbed). See templates/includes/_timeout_warning.html.

export function initTimeoutWarning(dialog) {
  const timeout = Number(dialog.dataset.timeoutSeconds);
  const warn = Number(dialog.dataset.warnSeconds);
  const form = dialog.querySelector("form");
  if (!timeout || !form || typeof dialog.showModal !== "function") {
    return;
  }
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(timeout - warn, 1) * 1000);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    if (response.ok) {
      dialog.close();
      schedule();
    }
  });
  schedule();
}

for (const dialog of document.querySelectorAll('[data-module="app-timeout-warning"]')) {
  initTimeoutWarning(dialog);
}
