/* The site search (overrides/partials/search.html), on Pagefind's JS API.

   The header button (or "/") opens a modal dialog. Pagefind's script and the
   language's index are loaded then, not with the page: a page without a
   search costs only this file. Pagefind picks the index of the page's
   <html lang>, so a reader searches their own language.
   Keyboard: "/" opens, Escape closes (the dialog's own), ArrowDown goes from
   the field to the results and between them, ArrowUp back. The number of
   results is announced through a status region. Every text from the index
   is put in as text: only Pagefind's <mark> around the matched words is kept. */
(function () {
  "use strict";
  var dialog = document.getElementById("sd-search");
  var opener = document.querySelector(".sd-search-open");
  if (!dialog || !opener) return;
  var data = JSON.parse(dialog.querySelector(".sd-search__data").textContent);
  var words = data.words;
  var input = dialog.querySelector(".sd-search__input");
  var status = dialog.querySelector(".sd-search__status");
  var list = dialog.querySelector(".sd-search__results");
  var more = dialog.querySelector(".sd-search__more");
  var filterBox = dialog.querySelector(".sd-search__filters");
  var groups = dialog.querySelector(".sd-search__groups");
  var PAGE = 5;  // results whose snippets are fetched at a time, as Pagefind's own interface does
  var pagefind = null;
  var loading = null;
  var chosen = {};  // filter name → set of chosen values
  var current = { results: [], shown: 0, token: 0 };
  opener.hidden = false;

  function load() {
    if (!loading) {
      var root = new URL(data.root, location.href);
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        pagefind = module;
        return pagefind.options(Object.assign({ baseUrl: root.pathname }, data.options));  // styrdok/search.py
      }).then(function () {
        return pagefind.init();
      });
      loading.catch(function () { status.textContent = words.search_failed; });
    }
    return loading;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    load();
  }

  function say(template, count, query) {
    // Functions, not strings, as replacements: "$&" in a query stays as typed.
    return template.replace("{n}", function () { return String(count); }).replace("{q}", function () { return query; });
  }

  /* The filters' values are fetched only when the reader opens them: a
     query without filters needs none of the filter files. */
  var filtersLoaded = null;
  filterBox.addEventListener("toggle", function () {
    if (!filterBox.open || filtersLoaded) return;
    filtersLoaded = load().then(function () { return pagefind.filters(); }).then(drawFilters);
  });

  function drawFilters(available) {
    groups.textContent = "";
    data.filters.forEach(function (pair) {
      var name = pair[0];
      var values = Object.keys((available || {})[name] || {}).sort(function (a, b) { return a.localeCompare(b); });
      if (!values.length) return;
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = pair[1];
      fieldset.appendChild(legend);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.addEventListener("change", function () {
          chosen[name] = chosen[name] || new Set();
          if (box.checked) chosen[name].add(value); else chosen[name].delete(value);
          run();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value));
        fieldset.appendChild(label);
      });
      groups.appendChild(fieldset);
    });
  }

  function filters() {
    var out = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].size) out[name] = { any: Array.from(chosen[name]) };
    });
    return out;
  }

  function run() {
    var query = input.value.trim();
    var chosenFilters = filters();
    var token = ++current.token;
    if (!query && !Object.keys(chosenFilters).length) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = words.search_loading;
    load().then(function () {
      return pagefind.search(query || null, { filters: chosenFilters });
    }).then(function (search) {
      if (token !== current.token || !search) return;  // a newer search has started
      current.results = search.results;
      current.shown = 0;
      list.textContent = "";
      var n = search.results.length;
      var shownQuery = query || Object.values(chosenFilters).map(function (f) { return f.any.join(", "); }).join("; ");
      return showMore(token).then(function () {
        status.textContent = say(n === 0 ? words.search_none : n === 1 ? words.search_one : words.search_many, n, shownQuery);
      });
    });
  }

  function showMore(token) {
    var batch = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (token !== current.token) return;
      pages.forEach(function (page) { list.appendChild(item(page)); });
      more.hidden = current.shown >= current.results.length;
    });
  }

  function item(page) {
    var meta = page.meta || {};
    var li = document.createElement("li");
    li.className = "sd-search__result";
    var link = document.createElement("a");
    link.href = page.url;
    link.className = "sd-search__link";
    link.textContent = meta.title || page.url;
    var heading = document.createElement("h4");
    heading.appendChild(link);
    li.appendChild(heading);
    var facts = [meta.organisation, meta.type, meta.status].filter(function (v) { return v && v !== meta.title; });
    if (facts.length) {
      var p = document.createElement("p");
      p.className = "sd-search__facts";
      p.textContent = facts.join(" · ");
      li.appendChild(p);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "sd-search__excerpt";
    marked(page.excerpt || "", excerpt);
    li.appendChild(excerpt);
    return li;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matches: parse it
     inertly and copy only text and <mark>. */
  function marked(html, into) {
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  dialog.querySelector(".sd-search__form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () {
    var before = current.shown;
    showMore(current.token).then(function () {
      var next = list.children[before];
      if (next) next.querySelector("a").focus();
    });
  });
  dialog.querySelector(".sd-search__clear").addEventListener("click", function () {
    chosen = {};
    groups.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
    run();
  });
  dialog.querySelector(".sd-search__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });
  dialog.addEventListener("close", function () { opener.focus(); });
  opener.addEventListener("click", open);
  opener.addEventListener("pointerenter", load);
  opener.addEventListener("focus", load);

  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a.sd-search__link"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input) {
      if (event.key !== "ArrowDown") return;
      at = 0;
    } else if (at < 0) {
      return;
    } else if (event.key === "ArrowDown") {
      at = Math.min(at + 1, links.length - 1);
    } else if (at === 0) {
      event.preventDefault();
      input.focus();
      return;
    } else {
      at -= 1;
    }
    event.preventDefault();
    links[at].focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    var target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });
})();
