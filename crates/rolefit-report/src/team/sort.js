// rolefit team report: sorts a table by a column when its heading is pressed. Optional: the
// report is complete and in rank order without it. Headings marked data-sort ("num" or "text")
// become buttons; a cell's data-key, when it has one, is what it sorts by.
(function () {
  "use strict";
  function key(cell, kind) {
    var text = cell.hasAttribute("data-key") ? cell.getAttribute("data-key") : cell.textContent.trim();
    if (kind === "num") {
      var value = parseFloat(text);
      return isNaN(value) ? -Infinity : value;
    }
    return text.toLowerCase();
  }
  function sort(table, heading, column) {
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var cells = heading.parentNode.cells;
    for (var i = 0; i < cells.length; i++) cells[i].removeAttribute("aria-sort");
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var kind = heading.getAttribute("data-sort");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row.__order = index; });
    rows.sort(function (a, b) {
      var x = key(a.cells[column], kind);
      var y = key(b.cells[column], kind);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return (ascending ? order : -order) || a.__order - b.__order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  var tables = document.querySelectorAll("table[data-sortable]");
  Array.prototype.forEach.call(tables, function (table) {
    var headings = table.tHead.rows[table.tHead.rows.length - 1].cells;
    Array.prototype.forEach.call(headings, function (heading, column) {
      if (!heading.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = heading.textContent;
      button.title = "Sort by " + heading.textContent;
      heading.textContent = "";
      heading.appendChild(button);
      button.addEventListener("click", function () { sort(table, heading, column); });
    });
  });
})();
