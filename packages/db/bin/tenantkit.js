#!/usr/bin/env node
// A committed launcher, so package managers can link the command before
// the first build has produced dist/.
import "../dist/cli.js"
