// Runs dynalite's CLI as a child of a JVM and exits when the parent's pipe to our stdin closes,
// so that a parent killed without warning leaves no orphaned server behind.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require('dynalite/cli.js');
