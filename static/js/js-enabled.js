// Runs first in <body>: lets GOV.UK Frontend's CSS know scripts and ES modules work.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
