#!/usr/bin/env node
// Checks that every sharpline_* metric a dashboard or an alert rule queries is one the code
// defines, so a typo (or a metric renamed in src/) fails the test instead of drawing an empty
// panel or an alert that can never fire.
//   node check-metrics.js --src DIR FILE...
// FILE: a Grafana dashboard (*.json: every panel target's `expr`, rows included) or Prometheus
// rules (*.yml: every rule's `expr`). Defined metrics: string literals "sharpline_..." in the
// C++ sources under DIR. A histogram's _bucket/_sum/_count series count as the histogram.
// Also checks that a dashboard has panels, unique panel ids, and a datasource on every target.
"use strict";

const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

function definedMetrics(srcDir) {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cpp|hpp|h|cc)$/.test(entry.name)) {
        for (const m of fs.readFileSync(full, "utf8").matchAll(/"(sharpline_[a-z0-9_]+)"/g)) {
          names.add(m[1]);
        }
      }
    }
  };
  walk(srcDir);
  return names;
}

function isDefined(name, defined) {
  if (defined.has(name)) return true;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return base !== name && defined.has(base);
}

function dashboardExprs(file, problems) {
  const dash = JSON.parse(fs.readFileSync(file, "utf8"));
  const exprs = [];
  const ids = new Set();
  const visit = (panels) => {
    for (const panel of panels || []) {
      if (ids.has(panel.id)) problems.push(`${file}: panel id ${panel.id} is not unique`);
      ids.add(panel.id);
      if (!panel.gridPos) problems.push(`${file}: panel "${panel.title}" has no gridPos`);
      for (const target of panel.targets || []) {
        if (!target.datasource) problems.push(`${file}: panel "${panel.title}": target without datasource`);
        if (typeof target.expr !== "string" || target.expr.trim() === "") {
          problems.push(`${file}: panel "${panel.title}": target without expr`);
        } else exprs.push({ where: `panel "${panel.title}"`, expr: target.expr });
      }
      visit(panel.panels);
    }
  };
  if (!Array.isArray(dash.panels) || dash.panels.length === 0) problems.push(`${file}: no panels`);
  if (!dash.title || !dash.uid) problems.push(`${file}: needs a title and a uid`);
  visit(dash.panels);
  for (const variable of (dash.templating && dash.templating.list) || []) {
    const q = variable.query && (variable.query.query || variable.query);
    if (typeof q === "string") exprs.push({ where: `variable ${variable.name}`, expr: q });
  }
  return exprs;
}

function ruleExprs(file) {
  const doc = YAML.parse(fs.readFileSync(file, "utf8"));
  const exprs = [];
  for (const group of (doc && doc.groups) || []) {
    for (const rule of group.rules || []) {
      exprs.push({ where: `rule ${rule.alert || rule.record}`, expr: String(rule.expr) });
    }
  }
  return exprs;
}

function main() {
  const args = process.argv.slice(2);
  const srcIndex = args.indexOf("--src");
  if (srcIndex < 0 || srcIndex + 1 >= args.length) {
    console.error("usage: check-metrics.js --src DIR FILE...");
    process.exit(2);
  }
  const defined = definedMetrics(args[srcIndex + 1]);
  const files = args.filter((_, i) => i !== srcIndex && i !== srcIndex + 1);
  const problems = [];
  let checked = 0;
  for (const file of files) {
    const exprs = file.endsWith(".json") ? dashboardExprs(file, problems) : ruleExprs(file);
    if (exprs.length === 0) problems.push(`${file}: no expressions found`);
    for (const { where, expr } of exprs) {
      for (const m of expr.matchAll(/\bsharpline_[a-z0-9_]+/g)) {
        checked++;
        if (!isDefined(m[0], defined)) {
          problems.push(`${file}: ${where}: ${m[0]} is not a metric defined in the sources`);
        }
      }
    }
  }
  for (const p of problems) console.log(`check-metrics: ${p}`);
  console.log(
    `check-metrics: ${checked} metric references in ${files.length} files, ` +
      `${defined.size} metrics defined, ${problems.length} problems`,
  );
  process.exit(problems.length === 0 && checked > 0 ? 0 : 1);
}

main();
