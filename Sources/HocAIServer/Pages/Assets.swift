import HocAI

/// The pages' stylesheet and script, served by the server itself (no CDN, nothing inline, so the
/// Content-Security-Policy needs no `unsafe-inline`). Every page works without the script: it
/// only polls a running import's progress and sorts tables.
enum Assets {
    static let stylesheetPath = "/assets/hocai.css"
    static let scriptPath = "/assets/hocai.js"

    static let stylesheet = site + "\n" + CertificatePrint.stylesheet

    private static let site = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --accent: #0b5cad;
                --good: #116329; --good-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9; --warn: #7d4e00; --warn-bg: #fff8c5; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff;
               line-height: 1.5; -webkit-text-size-adjust: 100%; }
        body { margin: 0; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
            outline: 3px solid #f59e0b; outline-offset: 2px; }
        header.site { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .75rem 1rem;
                      background: var(--accent); color: #fff; }
        header.site a { color: #fff; }
        header.site .brand { font-weight: 700; text-decoration: none; margin-right: auto; }
        header.site nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; }
        header.site form.sign-out { display: inline; margin: 0; }
        header.site form.sign-out button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px;
                                           padding: .2rem .6rem; font: inherit; cursor: pointer; }
        main { max-width: 64rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
        footer.site { max-width: 64rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: .875rem; }
        h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        .verdict { border-radius: 8px; padding: 1rem; margin: 1rem 0; border: 2px solid; }
        .verdict strong { font-size: 1.25rem; display: block; }
        .verdict.valid { background: var(--good-bg); border-color: var(--good); color: var(--good); }
        .verdict.revoked, .verdict.error { background: var(--bad-bg); border-color: var(--bad); color: var(--bad); }
        .verdict.unknown, .verdict.mistyped, .verdict.notice { background: var(--warn-bg); border-color: var(--warn); color: var(--warn); }
        dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: .05em; }
        /* Nothing may be wider than a phone, whatever the fonts' metrics: grid tracks and flex
           items may shrink below their content (minmax(0, 1fr), min-width: 0), and controls
           that cannot wrap (a file input, a select's longest option) fit their box. */
        form.stack { display: grid; grid-template-columns: minmax(0, 1fr); gap: .75rem; max-width: 32rem; }
        form.stack > *, form.inline > *, .buttons > *, header.site > *, header.site nav > * { min-width: 0; }
        form.stack label { display: grid; grid-template-columns: minmax(0, 1fr); gap: .25rem; font-weight: 600; }
        form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
        form.inline label { display: grid; grid-template-columns: minmax(0, 1fr); gap: .25rem; }
        input, select, button { font: inherit; min-width: 0; max-width: 100%; }
        button { white-space: normal; overflow-wrap: anywhere; }
        input[type=text], input[type=password], input[type=date], input[type=number], input[type=file], select {
            padding: .45rem .5rem; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; background: #fff; }
        form.stack input[type=file], form.stack select, form.stack input[type=text], form.stack input[type=password] { width: 100%; }
        input[type=file] { overflow: hidden; text-overflow: ellipsis; }
        button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: .5rem 1rem;
                          cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        fieldset { border: 1px solid var(--line); border-radius: 6px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--bg); }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        th button.sort { background: none; color: inherit; padding: 0; font-weight: 700; border: 0; }
        .muted { color: var(--muted); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(17rem, 100%), 1fr)); gap: 1rem; }
        .cards > * { min-width: 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
        .card h2 { margin-top: 0; }
        .figure { font-size: 1.75rem; font-weight: 700; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg.chart .bar { fill: var(--accent); }
        svg.chart .target { stroke: var(--bad); stroke-width: 2; }
        svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
        svg.chart text { font-size: 12px; fill: var(--ink); }
        progress, meter { width: 100%; height: 1.25rem; }
        .buttons { display: flex; flex-wrap: wrap; gap: .5rem; }
        label.check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
        form.result { gap: .25rem .5rem; }
        form.result label { font-size: .875rem; }
        form.result input[type=number] { width: 5rem; }
        .card.behind { border-color: var(--warn); }
        .behind-note { color: var(--warn); font-weight: 600; }
        figure.card { margin: 1rem 0; }
        figcaption { font-weight: 600; margin-bottom: .5rem; }
        ul.plain { padding-left: 1.1rem; }
        .errors li { margin-bottom: .25rem; }
        @media (max-width: 40rem) {
            dl.facts { grid-template-columns: minmax(0, 1fr); }
            dl.facts dd { margin-bottom: .5rem; }
            main { padding: .75rem; }
        }
        @media print {
            header.site, footer.site, nav, form, .no-print { display: none !important; }
            main { max-width: none; padding: 0; }
            @page { size: A4; margin: 18mm; }
        }
        """

    static let script = """
        "use strict";
        // A running import: poll its job (JSON) and move the progress bar; reload when it ends.
        (function () {
          var box = document.querySelector("[data-job-url]");
          if (!box) { return; }
          var bar = box.querySelector("progress"), text = box.querySelector("[data-progress-text]");
          function poll() {
            fetch(box.getAttribute("data-job-url"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
              .then(function (response) { return response.json(); })
              .then(function (job) {
                if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
                if (job.progress) {
                  bar.value = job.progress.percent;
                  if (text) { text.textContent = job.progress.rows + " / " + job.progress.percent + "%"; }
                }
                window.setTimeout(poll, 1000);
              })
              .catch(function () { window.setTimeout(poll, 3000); });
          }
          window.setTimeout(poll, 500);
        })();
        // Tables marked data-sortable: each header sorts by its column (numbers as numbers).
        (function () {
          Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
            Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, index) {
              var button = document.createElement("button");
              button.type = "button";
              button.className = "sort";
              button.textContent = th.textContent;
              th.textContent = "";
              th.appendChild(button);
              button.addEventListener("click", function () {
                var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                var ascending = th.getAttribute("aria-sort") !== "ascending";
                Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (other) { other.removeAttribute("aria-sort"); });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                rows.sort(function (a, b) {
                  var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent;
                  var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent;
                  var nx = parseFloat(x), ny = parseFloat(y);
                  var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "vi");
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
        })();
        """
}
