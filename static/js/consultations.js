/* Progressive enhancement of consultation pages. Everything works without it:
   - the countdown is recomputed every minute in the reader's language (Intl);
   - the comment box says how many characters are left (text from the template);
   - the submit button is disabled after the first click, against double submits
     (the server stores one comment per form anyway). */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "el";

  function countdown(el) {
    var deadline = new Date(el.getAttribute("data-deadline"));
    if (isNaN(deadline)) return;
    function render() {
      var minutes = Math.max(0, Math.floor((deadline - new Date()) / 60000));
      var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
      var unit = function (value, name) {
        return new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
      };
      try {
        var parts = days ? [unit(days, "day"), unit(hours, "hour")] : hours ? [unit(hours, "hour"), unit(mins, "minute")] : [unit(mins, "minute")];
        el.textContent = new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(parts);
      } catch (e) { /* old browser: keep the server's text */ }
    }
    render();
    window.setInterval(render, 60000);
  }

  function counter(textarea) {
    var output = document.getElementById(textarea.getAttribute("data-counter"));
    var template = output && output.getAttribute("data-template");
    var max = parseInt(textarea.getAttribute("maxlength"), 10);
    if (!output || !template || !max) return;
    function render() { output.textContent = template.replace("%(n)s", String(max - textarea.value.length)); }
    textarea.addEventListener("input", render);
    render();
  }

  function submitOnce(form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
  }

  document.querySelectorAll("[data-deadline]").forEach(countdown);
  document.querySelectorAll("textarea[data-counter]").forEach(counter);
  document.querySelectorAll("form[data-submit-once]").forEach(submitOnce);
})();
