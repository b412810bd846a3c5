#!/usr/bin/env node
// forge calls a native solc; none can be downloaded here, so forge is pointed at this script, which
// answers forge's two calls with the solc-js (wasm) compiler pinned in package.json:
//   solc --version                      -> "Version: 0.8.x+commit..." (forge parses this line)
//   solc --standard-json [path flags]   -> standard JSON in on stdin, out on stdout
// solc-js' own CLI cannot stand in: it rejects --allow-paths and prints a notice before the JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported\n');
  process.exit(2);
}

// Imports are resolved like native solc: against --base-path, each --include-path, then as given.
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[++i]);
}
roots.push(process.cwd());

function findImports(importPath) {
  const candidates = path.isAbsolute(importPath) ? [importPath] : roots.map((r) => path.resolve(r, importPath));
  for (const file of candidates) {
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
  }
  return { error: `File not found: ${importPath} (searched ${roots.join(', ')})` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
