// A form marked data-busy="…" says so while the server works on it (a large Excel file can
// take a few seconds), and its buttons cannot send it twice. Without JavaScript the form
// still works; it just says nothing while it waits.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-busy]")) return;
  var status = form.querySelector(".busy-status");
  if (!status) {
    status = document.createElement("p");
    status.className = "busy-status";
    status.setAttribute("role", "status");
    form.appendChild(status);
  }
  status.textContent = form.getAttribute("data-busy");
  form.setAttribute("aria-busy", "true");
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
      b.disabled = true;
    });
  }, 0);
});
