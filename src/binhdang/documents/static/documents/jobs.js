// Follows a document job: polls its status every second and updates the progress bar;
// without JavaScript the page offers a "Refresh" link instead.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-job-progress]");
  var message = box.querySelector("[data-job-message]");
  var status = box.querySelector("[data-job-status]");
  var error = box.querySelector("[data-job-error]");
  var download = box.querySelector("[data-job-download]");
  var refresh = box.querySelector("[data-job-refresh]");
  var delay = 800;
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (job) {
        bar.value = job.progress;
        bar.textContent = job.progress + "%";
        message.textContent = job.message;
        status.textContent = job.status_label;
        status.className = "status " + ({ queued: "none", running: "info", done: "ok", failed: "bad" }[job.status] || "none");
        if (job.status === "done") {
          download.hidden = false;
          if (refresh) { refresh.hidden = true; }
          return;
        }
        if (job.status === "failed") {
          error.textContent = job.error;
          error.hidden = false;
          if (refresh) { refresh.hidden = true; }
          return;
        }
        delay = Math.min(delay * 1.3, 4000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }
  window.setTimeout(poll, 300);
})();
