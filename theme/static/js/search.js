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

  status.textContent = "Searching…";
  import(bundle + "pagefind.js").then(function (pagefind) {
    // Result links start from the site's own address, also when it is not a domain's root.
    pagefind.options({ baseUrl: new URL(form.action).pathname.replace(/search\/$/, "") });
    return pagefind.search(query);
  }).then(function (search) {
    return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
  }).then(function (results) {
    list.replaceChildren.apply(list, results.map(result));
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " result" : " results") + " for “" + query + "”."
      : "No results for “" + query + "”. Try another word, or browse every article.";
  }).catch(function () {
    status.textContent = "Search is not available right now. Browse every article instead.";
  });
})();
