/* The register's filters: without JavaScript the register is a plain table of every
   response; with it, this shows the filter form and hides the rows that do not match.
   No third-party code. Filters can be shared as a link: ?topic=budget&q=Powys. */
(function () {
  "use strict";
  var form = document.getElementById("opcc-filter");
  var table = document.querySelector("table.opcc-register");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var status = form.querySelector(".opcc-filter__status");
  var keys = ["topic", "outcome", "requester", "foi"];
  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) form.elements.q.value = params.get("q");
  keys.forEach(function (key) {
    if (params.has(key)) form.elements[key].value = params.get(key);
  });

  function normalise(text) {
    // Accents ignored, so "Mon" finds "Môn"; case ignored.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function apply() {
    var words = normalise(form.elements.q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = keys.every(function (key) {
        var wanted = form.elements[key].value;
        return !wanted || row.getAttribute("data-" + key) === wanted;
      });
      if (ok && words.length) {
        var text = normalise(row.textContent);
        ok = words.every(function (word) { return text.indexOf(word) !== -1; });
      }
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = form.getAttribute("data-status")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
})();
