/* Autocomplete for the search box: progressive enhancement of a plain GET form.
   Without this script the form submits as usual. With it, the input becomes an ARIA
   combobox (WAI-ARIA APG "list autocomplete"): aria-expanded, aria-controls,
   aria-activedescendant, a listbox of options, arrow keys to move, Enter to open the
   chosen suggestion, Escape to close; a polite live region says how many appeared.
   Nothing animates when the visitor prefers reduced motion (CSS handles the rest).
   Also offers "Use my location" where the browser can tell it. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var MIN_CHARS = 2;

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    if (!url || !window.fetch) { return; }
    var lang = input.getAttribute("data-language") || document.documentElement.lang || "el";
    var listId = input.id + "-listbox";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    input.parentNode.appendChild(list);

    var live = document.createElement("div");
    live.className = "govgr-visually-hidden";
    live.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(live);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = list.querySelectorAll('[role="option"]');
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function announce(count) {
      var text;
      if (count === 0) { text = input.getAttribute("data-no-results") || ""; }
      else if (count === 1) { text = input.getAttribute("data-results-one") || ""; }
      else { text = (input.getAttribute("data-results-many") || "").replace("%(count)s", String(count)); }
      live.textContent = text;
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.textContent = item.title;
        li.appendChild(title);
        if (item.label) {
          var kind = document.createElement("span");
          kind.className = "search-suggestions__kind";
          kind.textContent = item.label;
          li.appendChild(kind);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { choose(i); });
        list.appendChild(li);
      });
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      announce(suggestions.length);
    }

    function choose(index) {
      var item = items[index];
      if (item && item.url) { window.location.assign(item.url); }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) { render([]); live.textContent = ""; return; }
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var address = url + "?q=" + encodeURIComponent(query) + "&lang=" + encodeURIComponent(lang);
      fetch(address, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
        .catch(function () { /* offline or aborted: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (items.length) { setActive(active + 1); event.preventDefault(); }
      } else if (event.key === "ArrowUp") {
        if (open) { setActive(active - 1); event.preventDefault(); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); }
        else { input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  function enhanceLocate(button) {
    if (!navigator.geolocation) { return; }
    var form = button.form;
    var near = form && form.querySelector('input[name="near"]');
    var status = form && form.querySelector(".search-locate-status");
    if (!near) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) { status.textContent = button.getAttribute("data-locating") || ""; }
      navigator.geolocation.getCurrentPosition(
        function (position) {
          near.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
          if (status) { status.textContent = ""; }
          form.submit();
        },
        function () { if (status) { status.textContent = button.getAttribute("data-failed") || ""; } },
        { maximumAge: 300000, timeout: 10000 }
      );
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
  document.querySelectorAll(".search-locate").forEach(enhanceLocate);
})();
