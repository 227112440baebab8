/* Sort a table by clicking a column heading. Without script the table stays in rank order. */
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

  function sortBy(table, heads, column, order) {
    var th = heads[column];
    var numeric = th.getAttribute("data-type") === "num";
    var current = th.getAttribute("aria-sort");
    var direction = current
      ? (current === "ascending" ? "descending" : "ascending")
      : (th.getAttribute("data-first") || "ascending");
    var sign = direction === "ascending" ? 1 : -1;
    var rows = order.map(function (row, index) {
      return { row: row, index: index, key: key(row, column, numeric) };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        // An empty (missing) value goes last whichever way the column is sorted.
        if (a.key === b.key) return a.index - b.index;
        return a.key === null ? 1 : -1;
      }
      return sign * compare(a.key, b.key) || a.index - b.index;
    });
    var body = table.tBodies[0];
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", direction);
    // The cut line only means something in rank order.
    table.classList.toggle("resorted", !(column === 0 && direction === "ascending"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    var order = Array.prototype.slice.call(table.tBodies[0].rows);
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, heads, column, order); });
    });
  });
})();
