// Search page only. Runs the query from ?q= against the Pagefind index in the
// browser (nothing leaves the site) and lists the results under the form, ten at a
// time: the "More results" button adds the next ten, until every result is shown.
// Without JavaScript the form still submits, and the page offers links instead.
(function () {
  "use strict";
  var PAGE = 10; // results loaded at a time: each costs a request for its excerpt
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var bundle = form.getAttribute("data-pagefind");
  // The page's own words (its language's), with {count}, {shown} and {query} filled in.
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

  var found = []; // every result, each loaded (its data()) only when shown
  var loading = false;

  function report() {
    var shown = list.children.length;
    var words = { count: found.length, shown: shown, query: query };
    var name = found.length === 0 ? "none" : found.length === 1 ? "one" : shown < found.length ? "some" : "many";
    status.textContent = say(name, words);
    more.hidden = shown >= found.length;
  }

  // Adds the next ten results; `focus` moves the keyboard to the first of them, so that
  // someone who pressed the button goes on reading where the new results start (and does
  // not lose their place when the button hides after the last ones).
  function showMore(focus) {
    if (loading) { return Promise.resolve(); }
    loading = true;
    var start = list.children.length;
    var next = found.slice(start, start + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (results) {
      var items = results.map(result);
      items.forEach(function (item) { list.appendChild(item); });
      report();
      if (focus && items.length) { items[0].querySelector("a").focus(); }
    }).finally(function () {
      loading = false;
    });
  }

  function unavailable() {
    more.hidden = true;
    status.textContent = say("unavailable", {});
  }

  more.addEventListener("click", function () {
    showMore(true).catch(unavailable);
  });

  status.textContent = say("searching", {});
  import(bundle + "pagefind.js").then(function (pagefind) {
    // Result links start from the site's own address (where the index is), also when it
    // is not a domain's root; Pagefind picks the index of the page's language itself.
    pagefind.options({ baseUrl: new URL(bundle, window.location.href).pathname.replace(/pagefind\/$/, "") });
    return pagefind.search(query);
  }).then(function (search) {
    found = search.results;
    list.replaceChildren();
    return showMore(false);
  }).catch(unavailable);
})();
