// Small, optional enhancements; every page works without this script.
(function () {
    "use strict";

    // After a failed submit, move focus to the error summary so it is read out first.
    document.addEventListener("DOMContentLoaded", function () {
        var summary = document.querySelector("[data-focus-on-load]");
        if (summary) { summary.focus(); }

        // Clicking a link in the summary focuses the field, not just scrolls to it.
        document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
            link.addEventListener("click", function (event) {
                var field = document.getElementById(link.getAttribute("href").slice(1));
                if (field) { event.preventDefault(); field.focus(); }
            });
        });

        // Checks as you type, answered by the server (the rules live there, not here):
        // <input data-check-url="…" data-check-target="id-of-output">. The value is POSTed, never put in a URL.
        document.querySelectorAll("input[data-check-url]").forEach(function (input) {
            var output = document.getElementById(input.getAttribute("data-check-target"));
            var form = input.form;
            var token = form ? form.querySelector("input[name='__RequestVerificationToken']") : null;
            var timer = null;
            var check = function () {
                var value = input.value.trim();
                if (!output) { return; }
                if (value.length === 0) { output.textContent = ""; output.className = "live-check"; return; }
                var body = new URLSearchParams();
                body.append("value", value);
                if (token) { body.append("__RequestVerificationToken", token.value); }
                fetch(input.getAttribute("data-check-url"), {
                    method: "POST",
                    credentials: "same-origin",
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                    body: body
                }).then(function (response) {
                    return response.ok ? response.json() : null;
                }).then(function (result) {
                    if (!result) { return; }
                    output.textContent = result.message;
                    output.className = "live-check " + (result.valid ? "ok" : "bad");
                }).catch(function () { /* the server checks again on submit */ });
            };
            input.addEventListener("input", function () {
                clearTimeout(timer);
                timer = setTimeout(check, 400);
            });
            input.addEventListener("blur", check);
        });

        // On a phone a table is shown as stacked rows (site.css); each cell then says which column it is
        // in, from the column's heading. Dates are kept on one line. Without this script the rows still
        // stack, only without the headings beside the values.
        document.querySelectorAll("main table").forEach(function (table) {
            var headings = [];
            table.querySelectorAll("thead tr:last-child th").forEach(function (th) {
                var span = parseInt(th.getAttribute("colspan") || "1", 10);
                for (var i = 0; i < span; i++) { headings.push(th.textContent.trim()); }
            });
            table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
                var column = 0;
                Array.prototype.forEach.call(row.children, function (cell) {
                    var heading = headings[column];
                    if (heading && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", heading); }
                    if (/^\d{4}-\d{2}-\d{2}$/.test(cell.textContent.trim())) { cell.classList.add("date"); }
                    column += parseInt(cell.getAttribute("colspan") || "1", 10);
                });
            });
        });

        // A confirm step for buttons that cannot be undone: <button data-confirm="Text?">.
        document.querySelectorAll("button[data-confirm]").forEach(function (button) {
            button.addEventListener("click", function (event) {
                if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
            });
        });
    });
})();
