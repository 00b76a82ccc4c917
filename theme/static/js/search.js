// Search page only. Runs the query from ?q= against the Pagefind index in the
// browser (nothing leaves the site) and lists the results under the form.
// Without JavaScript the form still submits, and the page offers links instead.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var bundle = form.getAttribute("data-pagefind");
  // The page's own words (its language's), with {count} and {query} filled in.
  function say(name, values) {
    return form.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) { return; }

  function result(data) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds only <mark>
    item.appendChild(heading);
    item.appendChild(excerpt);
    return item;
  }

  status.textContent = say("searching", {});
  import(bundle + "pagefind.js").then(function (pagefind) {
    // Result links start from the site's own address (where the index is), also when it
    // is not a domain's root; Pagefind picks the index of the page's language itself.
    pagefind.options({ baseUrl: new URL(bundle, window.location.href).pathname.replace(/pagefind\/$/, "") });
    return pagefind.search(query);
  }).then(function (search) {
    return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
  }).then(function (results) {
    list.replaceChildren.apply(list, results.map(result));
    var words = { count: results.length, query: query };
    status.textContent = say(results.length === 0 ? "none" : results.length === 1 ? "one" : "many", words);
  }).catch(function () {
    status.textContent = say("unavailable", {});
  });
})();
