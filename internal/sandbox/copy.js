// The token page's Copy button. Served from the platform itself: the page's
// Content-Security-Policy allows no inline script and nothing from elsewhere.
(function () {
  "use strict";
  var button = document.getElementById("copy");
  var box = document.getElementById("token");
  var status = document.getElementById("copy-status");
  if (!button || !box || !status) {
    return;
  }
  function report(ok) {
    status.dataset.copied = ok ? "yes" : "no";
    status.textContent = ok
      ? "Copied. Paste it somewhere safe, like a password manager."
      : "It could not be copied: select the token and copy it with Ctrl+C.";
  }
  // The selected textarea and execCommand work where the asynchronous
  // clipboard is refused (an unfocused or headless browser).
  function fallback() {
    box.focus();
    box.select();
    box.setSelectionRange(0, box.value.length);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(
        function () { report(true); },
        function () { report(fallback()); }
      );
      return;
    }
    report(fallback());
  });
})();
