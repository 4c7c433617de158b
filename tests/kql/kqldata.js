#!/usr/bin/env node
// kqldata.js - print the rows of the first datatable of a KQL query (on
// stdin) as JSON Lines, its string literals decoded by the Kusto parser
// itself: one object per row, keyed by the datatable's column names;
// dynamic values as their JSON, typed nulls as null.
//
// Usage:   node kqldata.js < query.kql
// Exit:    0, or 2 if the package is missing or there is no datatable.
// Needs @kusto/language-service-next, found as kqlcheck.js finds it.
'use strict';
const fs = require('fs');
const path = require('path');

const PKG = '@kusto/language-service-next';

function die(msg) {
  process.stderr.write('kqldata: ' + msg + '\n');
  process.exit(2);
}

function findPackageDir() {
  const name = PKG + '/package.json';
  const prefix = path.dirname(path.dirname(process.execPath));
  const tries = [
    () => require.resolve(name),
    () => require.resolve(name, { paths: [process.cwd()] }),
    () => {
      const out = require('child_process').execFileSync('npm', ['root', '-g'], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30000,
      });
      return require.resolve(name, { paths: [out.trim()] });
    },
    () => require.resolve(name, { paths: [path.join(prefix, 'lib', 'node_modules')] }),
  ];
  for (const t of tries) {
    try { return path.dirname(t()); } catch (e) { /* try next */ }
  }
  return null;
}

const dir = findPackageDir();
if (!dir) die(PKG + ' not found');
require(path.join(dir, 'bridge.js'));
require(path.join(dir, 'Kusto.Language.Bridge.js'));
const L = Kusto.Language;

function findDataTable(n) {
  if (!n) return null;
  if (n.constructor && n.constructor.$$name === 'Kusto.Language.Syntax.DataTableExpression') return n;
  for (let i = 0; i < n.ChildCount; i++) {
    const d = findDataTable(n.GetChild(i));
    if (d) return d;
  }
  return null;
}

const code = L.KustoCode.Parse(fs.readFileSync(0, 'utf8'));
const dt = findDataTable(code.Syntax);
if (!dt) die('no datatable');
const names = [];
const schema = dt.Schema.Columns;
for (let i = 0; i < schema.Count; i++) names.push(schema.getItem(i).Element.Name.SimpleName);
const values = dt.Values;
if (values.Count % names.length !== 0) die('the values do not fill whole rows');
let row = {};
for (let i = 0; i < values.Count; i++) {
  const e = values.getItem(i).Element;
  let v = e.LiteralValue;
  if (e.constructor.$$name === 'Kusto.Language.Syntax.DynamicExpression') v = JSON.parse(v);
  row[names[i % names.length]] = v === undefined ? null : v;
  if (i % names.length === names.length - 1) {
    process.stdout.write(JSON.stringify(row) + '\n');
    row = {};
  }
}
