/** `npm run bench`: prints the numbers the README quotes. Select with `npm run bench -- policypack`. */
import { benchAudit } from "./audit-bench";
import { benchEslint } from "./eslint-bench";
import { benchLinter } from "./linter-bench";
import { benchPolicyPack } from "./policypack-bench";
import { benchPreview } from "./preview-bench";

const benches: Record<string, () => Promise<unknown>> = {
    linter: benchLinter,
    policypack: benchPolicyPack,
    audit: benchAudit,
    eslint: benchEslint,
    preview: benchPreview,
};

async function main(): Promise<void> {
    const wanted = process.argv.slice(2);
    const unknown = wanted.filter((w) => !(w in benches));
    if (unknown.length > 0) {
        console.error(`unknown bench: ${unknown.join(", ")} (available: ${Object.keys(benches).join(", ")})`);
        process.exitCode = 2;
        return;
    }
    for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
        await benches[name]();
    }
}

main().catch((e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
});
