// Small progressive enhancement: clicking an actor keeps its card open; filters apply on change.
document.addEventListener("click", function (event) {
  var actor = event.target.closest ? event.target.closest(".actor") : null;
  document.querySelectorAll(".actor.open").forEach(function (el) { if (el !== actor) el.classList.remove("open"); });
  if (actor) actor.classList.toggle("open");
});
document.querySelectorAll("form.filters select, form.dataset select").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
