// Preloaded into a benchmarked process: prints its peak resident memory (KiB) when it exits.
"use strict";
process.on("exit", () => {
    process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
