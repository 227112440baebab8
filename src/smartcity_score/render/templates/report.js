/* Sort a table by clicking a column heading; show a long table one page at a time.

   The page holds the whole table as HTML, in rank order: the first page of rows in the
   table, the others in a <template> inside it (parsed, never laid out: without script the
   first page shows, with a note). With script, a table of more than `data-page` rows keeps
   only the current page's rows in the document: the other rows are detached elements held
   here, so a sort reorders an array and lays out one page, not ten thousand. The rows are
   the server's escaped HTML; no data is re-inserted as markup. A printout is of the whole
   table, in the order shown: every row goes back for printing, and the page after. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function key(row, column, numeric) {
    var cell = row.cells[column];
    var raw = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    raw = raw.trim();
    if (!numeric) return raw.toLocaleLowerCase();
    return raw === "" ? null : Number(raw);
  }

  function compare(a, b) {
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }

  function button(label, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    return b;
  }

  function setUp(table) {
    var heads = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var order = Array.prototype.slice.call(body.rows);  // rank order, never changed
    var more = body.querySelector("template.more-rows");
    if (more) {
      order = order.concat(Array.prototype.slice.call(more.content.children));
      body.removeChild(more);
    }
    var PAGE = Number(table.getAttribute("data-page")) || 100;
    var view = order.slice();  // the current sort order
    var keys = {};  // column -> sort key of each row, by its index in `order`
    var page = 0;
    var paged = order.length > PAGE;
    var pager = null;

    function render() {
      if (!paged) {
        showAll();
        return;
      }
      var pages = Math.ceil(view.length / PAGE);
      page = Math.max(0, Math.min(page, pages - 1));
      var first = page * PAGE;
      var rows = document.createDocumentFragment();
      view.slice(first, first + PAGE).forEach(function (row) { rows.appendChild(row); });
      body.textContent = "";
      body.appendChild(rows);
      pager.status.textContent = (first + 1) + "–" + Math.min(first + PAGE, view.length) +
        " / " + view.length;
      pager.previous.disabled = page === 0;
      pager.next.disabled = page === pages - 1;
    }

    function showAll() {
      var rows = document.createDocumentFragment();
      view.forEach(function (row) { rows.appendChild(row); });
      body.textContent = "";
      body.appendChild(rows);
    }

    function sortBy(column) {
      var th = heads[column];
      var numeric = th.getAttribute("data-type") === "num";
      var current = th.getAttribute("aria-sort");
      var direction = current
        ? (current === "ascending" ? "descending" : "ascending")
        : (th.getAttribute("data-first") || "ascending");
      var sign = direction === "ascending" ? 1 : -1;
      if (!keys[column]) {
        keys[column] = order.map(function (row) { return key(row, column, numeric); });
      }
      var values = keys[column];
      var indexes = order.map(function (row, index) { return index; });
      indexes.sort(function (a, b) {
        var ka = values[a], kb = values[b];
        if (ka === null || kb === null) {
          // An empty (missing) value goes last whichever way the column is sorted.
          if (ka === kb) return a - b;
          return ka === null ? 1 : -1;
        }
        return sign * compare(ka, kb) || a - b;
      });
      view = indexes.map(function (index) { return order[index]; });
      page = 0;
      render();
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", direction);
      // The cut line only means something in rank order.
      table.classList.toggle("resorted", !(column === 0 && direction === "ascending"));
    }

    Array.prototype.forEach.call(heads, function (th, column) {
      var b = document.createElement("button");
      b.type = "button";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(column); });
    });

    if (paged) {
      var nav = document.createElement("nav");
      nav.className = "pager";
      pager = {
        previous: button("‹", "page-previous"),
        status: document.createElement("span"),
        next: button("›", "page-next")
      };
      pager.previous.setAttribute("aria-label", "previous page");
      pager.next.setAttribute("aria-label", "next page");
      pager.status.className = "page-status";
      pager.previous.addEventListener("click", function () { page -= 1; render(); });
      pager.next.addEventListener("click", function () { page += 1; render(); });
      nav.appendChild(pager.previous);
      nav.appendChild(pager.status);
      nav.appendChild(pager.next);
      var scroll = table.parentNode.classList.contains("scroll") ? table.parentNode : table;
      scroll.parentNode.insertBefore(nav, scroll.nextSibling);
      window.addEventListener("beforeprint", showAll);
      window.addEventListener("afterprint", render);
      render();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setUp);
})();
