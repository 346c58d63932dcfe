// Client-side search over search.json (built with the site): every word typed must appear in a
// page's title, summary, tags or text; title matches rank first. No network beyond this site.
(function () {
  "use strict";
  var cache = {};
  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status);
        return response.json();
      }).then(function (entries) {
        return entries.map(function (e) {
          return { entry: e, title: fold(e.t), rest: fold([e.s, (e.g || []).join(" "), e.x].join(" ")) };
        });
      });
    }
    return cache[url];
  }
  function search(index, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var results = [];
    index.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var inTitle = item.title.indexOf(words[i]) >= 0;
        if (!inTitle && item.rest.indexOf(words[i]) < 0) return;
        score += inTitle ? 10 : 1;
      }
      results.push({ score: score, entry: item.entry });
    });
    results.sort(function (a, b) { return b.score - a.score || a.entry.t.localeCompare(b.entry.t); });
    return results.slice(0, 20).map(function (r) { return r.entry; });
  }
  function show(list, status, entries, root, query) {
    list.textContent = "";
    entries.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      li.appendChild(a);
      if (e.s) {
        var p = document.createElement("p");
        p.textContent = e.s;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    list.hidden = !query;
    if (status) status.textContent = query ? entries.length + (entries.length === 1 ? " result" : " results") + " for “" + query + "”" : "";
  }
  function attach(input) {
    var form = input.form;
    var list = form.querySelector(".search-results");
    var status = form.querySelector(".search-status");
    var root = input.getAttribute("data-search-root") || "./";
    if (root === "./") root = "";
    var url = input.getAttribute("data-search-index");
    function run() {
      var query = input.value.trim();
      load(url).then(function (index) { show(list, status, search(index, query), root, query); })
        .catch(function (error) { if (status) status.textContent = String(error); });
    }
    input.addEventListener("input", run);
    if (form.classList.contains("search-page")) {
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; run(); }
    }
  }
  document.querySelectorAll("input[data-search-index]").forEach(attach);
})();
