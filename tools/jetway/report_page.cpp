// SPDX-License-Identifier: Apache-2.0
// The report's page: HTML, CSS and a small script that draws the data embedded in it. Nothing
// is fetched, so the file opens from a CI artifact store or an e-mail alike.
#include "report_page.hpp"

namespace jetway::cli {

std::string_view report_page_template() {
    return R"JWPAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jetway report</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
  header { background: #1f2933; color: #fff; padding: 16px 28px; }
  header h1 { margin: 0; font-size: 20px; font-weight: 600; }
  header p { margin: 4px 0 0; color: #cbd2d9; }
  main { padding: 20px 28px; max-width: 1200px; }
  section { background: #fff; border: 1px solid #e4e7eb; border-radius: 6px; padding: 16px 20px; margin-bottom: 18px; }
  h2 { font-size: 16px; margin: 0 0 12px; }
  .status { font-weight: 600; padding: 10px 14px; border-radius: 4px; }
  .ok { background: #e3f9e5; color: #0e5814; }
  .failed { background: #ffe3e3; color: #8a041a; }
  pre { white-space: pre-wrap; word-break: break-word; margin: 8px 0 0; font: 13px/1.4 ui-monospace, monospace; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
  th { background: #f5f7fa; font-weight: 600; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .empty { color: #7b8794; font-style: italic; }
  svg text { font: 12px system-ui, sans-serif; fill: #1f2933; }
  .bar { fill: #2b6cb0; }
</style>
</head>
<body>
<header><h1 id="title">Jetway report</h1><p id="subtitle"></p></header>
<main>
  <section><h2>Outcome</h2><div id="outcome"></div></section>
  <section id="drift-section" hidden><h2>Drift: the database against what its migrations build</h2><div id="drift"></div></section>
  <section id="dryrun-section" hidden><h2>Dry run: what migrate would apply, in order</h2><div id="dryrun"></div></section>
  <section><h2>Time per migration</h2><div id="chart"></div></section>
  <section><h2>Migrations run</h2><div id="applied"></div></section>
  <section><h2>Commands</h2><div id="commands"></div></section>
  <section><h2>Schema history after the run</h2><div id="history"></div></section>
</main>
<script type="application/json" id="jetway-report-data">/*JETWAY_REPORT_DATA*/</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("jetway-report-data").textContent);

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function table(columns, rows, emptyText) {
  if (rows.length === 0) return element("p", { class: "empty" }, emptyText);
  const result = element("table");
  const head = element("tr");
  for (const column of columns) head.appendChild(element("th", {}, column.title));
  result.appendChild(head);
  for (const row of rows) {
    const line = element("tr");
    for (const column of columns) line.appendChild(element("td", column.number ? { class: "num" } : {}, row[column.key]));
    result.appendChild(line);
  }
  return result;
}

const results = data.individualResults || [];
const applied = [];
for (const result of results) {
  if (result.operation !== "migrate" && result.operation !== "undo") continue;
  for (const migration of result.migrations || []) applied.push(Object.assign({ operation: result.operation }, migration));
}

document.getElementById("title").textContent = "Jetway report: " + data.commands.join(", ");
document.getElementById("subtitle").textContent =
  (data.database || "") + " \u00b7 started " + data.startedAt + " \u00b7 " + data.executionTime + " ms \u00b7 Jetway " + data.jetwayVersion;

const outcome = document.getElementById("outcome");
if (data.error) {
  outcome.appendChild(element("div", { class: "status failed", id: "status" }, "Failed (" + data.error.errorCode + ")"));
  outcome.appendChild(element("pre", { id: "error-message" }, data.error.message));
} else {
  outcome.appendChild(element("div", { class: "status ok", id: "status" }, "Succeeded"));
}

// One bar per migration run, its length the time it took; a zero-millisecond migration still shows.
const chart = document.getElementById("chart");
if (applied.length === 0) {
  chart.appendChild(element("p", { class: "empty" }, "No migration ran."));
} else {
  const labelWidth = 280, barSpace = 560, rowHeight = 24;
  const longest = Math.max(1, ...applied.map(m => m.executionTime || 0));
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("id", "timing-chart");
  svg.setAttribute("width", labelWidth + barSpace + 80);
  svg.setAttribute("height", applied.length * rowHeight + 8);
  applied.forEach((migration, index) => {
    const y = index * rowHeight + 4;
    const label = document.createElementNS(svgNs, "text");
    label.setAttribute("x", 0);
    label.setAttribute("y", y + 15);
    label.textContent = (migration.version ? migration.version + " " : "") + migration.description;
    svg.appendChild(label);
    const bar = document.createElementNS(svgNs, "rect");
    bar.setAttribute("class", "bar");
    bar.setAttribute("x", labelWidth);
    bar.setAttribute("y", y);
    bar.setAttribute("height", rowHeight - 6);
    bar.setAttribute("width", Math.max(4, Math.round(barSpace * (migration.executionTime || 0) / longest)));
    svg.appendChild(bar);
    const value = document.createElementNS(svgNs, "text");
    value.setAttribute("x", labelWidth + barSpace + 8);
    value.setAttribute("y", y + 15);
    value.textContent = (migration.executionTime || 0) + " ms";
    svg.appendChild(value);
  });
  chart.appendChild(svg);
}

document.getElementById("applied").appendChild(table(
  [{ key: "operation", title: "Command" }, { key: "version", title: "Version" }, { key: "description", title: "Description" },
   { key: "type", title: "Type" }, { key: "executionTime", title: "Time (ms)", number: true }, { key: "filepath", title: "File" }],
  applied, "No migration ran."));

document.getElementById("commands").appendChild(table(
  [{ key: "operation", title: "Command" }, { key: "summary", title: "Result" }],
  results.map(result => ({ operation: result.operation, summary: summarize(result) })), "No command finished."));

function summarize(result) {
  switch (result.operation) {
    case "migrate": return result.migrationsExecuted + " applied, now at " + (result.targetSchemaVersion || "no version") +
                           (result.success === false ? " (failed)" : "");
    case "undo": return result.migrationsUndone + " undone, now at " + (result.targetSchemaVersion || "no version");
    case "info": return "at " + (result.schemaVersion || "no version") + ", " + (result.migrations || []).length + " migrations";
    case "validate": return result.validationSuccessful ? "valid" : "invalid: " + result.allErrorMessages;
    case "baseline": return result.successfullyBaselined ? "baselined at " + result.baselineVersion : "not baselined";
    case "repair": return (result.repairActions || []).join(", ") || "nothing to repair";
    case "clean": return "cleaned " + (result.schemasCleaned || []).join(", ");
    case "testConnection": return "connected to " + result.serverVersion;
    case "drift": return result.driftDetected
      ? (result.onlyInTarget.length + result.onlyInSource.length + result.differences.length) + " differences"
      : "no drift";
    case "dryrun": return result.pendingMigrations.length + " to apply, from " + (result.initialSchemaVersion || "no version") +
                          " to " + (result.targetSchemaVersion || "no version");
    default: return "";
  }
}

// check -drift: what only the database has, what it lacks, and what differs, with both definitions.
const drifts = results.filter(result => result.operation === "drift");
if (drifts.length > 0) {
  const target = document.getElementById("drift");
  document.getElementById("drift-section").hidden = false;
  for (const drift of drifts) {
    target.appendChild(element("div", { class: "status " + (drift.driftDetected ? "failed" : "ok"), id: "drift-status" },
      drift.driftDetected ? "Drift detected" : "No drift: " + drift.objectsCompared + " objects compared"));
    const objectColumns = [{ key: "objectType", title: "Kind" }, { key: "name", title: "Name" }, { key: "definition", title: "Definition" }];
    target.appendChild(element("h3", {}, "Only in the database"));
    target.appendChild(table(objectColumns, drift.onlyInTarget, "Nothing."));
    target.appendChild(element("h3", {}, "Missing from the database"));
    target.appendChild(table(objectColumns, drift.onlyInSource, "Nothing."));
    target.appendChild(element("h3", {}, "Changed"));
    target.appendChild(table(
      [{ key: "objectType", title: "Kind" }, { key: "name", title: "Name" },
       { key: "definitionBefore", title: "The migrations build" }, { key: "definitionAfter", title: "The database has" }],
      drift.differences, "Nothing."));
  }
}

// check -dryrun: the pending migrations in migrate's order, then every statement it would send.
const dryRuns = results.filter(result => result.operation === "dryrun");
if (dryRuns.length > 0) {
  const target = document.getElementById("dryrun");
  document.getElementById("dryrun-section").hidden = false;
  for (const dryRun of dryRuns) {
    target.appendChild(table(
      [{ key: "order", title: "#", number: true }, { key: "version", title: "Version" },
       { key: "description", title: "Description" }, { key: "type", title: "Type" }, { key: "filepath", title: "File" }],
      dryRun.pendingMigrations.map((migration, index) => Object.assign({ order: index + 1 }, migration)),
      "Nothing to apply: the schema is up to date."));
    target.appendChild(element("pre", { class: "dryrun-sql" }, dryRun.sql));
  }
}

const history = data.schemaHistory ? data.schemaHistory.migrations || [] : [];
document.getElementById("history").appendChild(table(
  [{ key: "version", title: "Version" }, { key: "description", title: "Description" }, { key: "type", title: "Type" },
   { key: "installedOnUTC", title: "Installed on (UTC)" }, { key: "state", title: "State" },
   { key: "executionTime", title: "Time (ms)", number: true }],
  history, data.schemaHistory ? "The schema history is empty." : "The database could not be read after the run."));
</script>
</body>
</html>
)JWPAGE";
}

}  // namespace jetway::cli
