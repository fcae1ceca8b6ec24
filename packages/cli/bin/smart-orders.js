#!/usr/bin/env node
// Committed so that npm links the bin at install time, before the TypeScript is built.
require('../dist/main.js');
