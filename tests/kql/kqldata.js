#!/usr/bin/env node
// kqldata.js - print the rows of the first datatable of a KQL query (on
// stdin) as JSON Lines, its string literals decoded by the Kusto parser
// itself: one object per row, keyed by the datatable's column names;
// dynamic values as their JSON, typed nulls as null.
//
// Usage:   node kqldata.js < query.kql
// Exit:    0, or 2 if the package is missing or there is no datatable.
// Needs @kusto/language-service-next, found as kusto.js says.
'use strict';
const fs = require('fs');
const { loadKusto } = require('./kusto.js');

function die(msg) {
  process.stderr.write('kqldata: ' + msg + '\n');
  process.exit(2);
}

const L = loadKusto('kqldata', die);

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
