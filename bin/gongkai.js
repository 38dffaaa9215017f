#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` via the prepare script).
require("../dist/cli/main.js");
