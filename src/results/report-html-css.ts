// The HTML report's own styles: inlined into the page, which loads nothing else. A module, not a
// .css file, so tests render the same page the CLI writes.
export const REPORT_CSS = `
:root { color: #1f2328; background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; }
main { max-width: 80rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; padding-top: 1rem; border-top: 1px solid #d8dee4; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.lead, .meta { color: #424a53; margin: .25rem 0; }
.srm { padding: .6rem .8rem; border-left: 4px solid #1a7f37; background: #f0f7f2; margin: 1rem 0; }
.srm.warning { border-color: #cf222e; background: #fff0f0; font-weight: 600; }
.srm.unknown { border-color: #8c959f; background: #f6f8fa; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
figure svg { max-width: 100%; height: auto; }
ul.verdicts { padding-left: 1.2rem; }
.better { color: #1a7f37; }
.worse { color: #cf222e; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #d8dee4; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.name, td.name { text-align: left; }
thead th { border-bottom: 2px solid #8c959f; vertical-align: bottom; }
tr.baseline td { color: #424a53; }
footer { margin-top: 3rem; color: #424a53; font-size: .9rem; }

@media print {
  :root { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  @page { margin: 14mm; }
  h2 { break-before: page; border: 0; margin-top: 0; }
  section:first-of-type h2 { break-before: auto; }
  h2, h3 { break-after: avoid; }
  table, .srm, ul.verdicts { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .srm, .better, .worse { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  table { font-size: 8.5pt; }
  th, td { padding: .15rem .3rem; }
  thead th { white-space: normal; }
}
`;
