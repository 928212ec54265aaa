/** What the backend fixture must yield, wherever it is served from (file://, s3://). */
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { expect } from "vitest";

const P = "urn:pulumi:";

/** The backend fixture's verdicts: several projects, the old flat layout, a gzipped checkpoint. */
export const EXPECTED_BACKEND: Record<string, string[]> = {
    "billing/dev.json": [
        `no-management-account-target ${P}dev::billing::aws:budgets/budget:Budget::monthly`,
        `no-management-account-target ${P}dev::billing::pulumi:providers:aws::payer`,
    ],
    "ops.json": [
        `aws-explicit-provider ${P}ops::legacy-tools::aws:sns/topic:Topic::alerts`,
        `no-management-account-target ${P}ops::legacy-tools::aws:sns/topic:Topic::alerts`,
        `no-management-account-target ${P}ops::legacy-tools::pulumi:providers:aws::default_5_42_0`,
    ],
    "shop/prod.json.gz": [
        `aws-explicit-provider ${P}prod::shop::aws:s3/bucket:Bucket::site`,
        `no-management-account-target ${P}prod::shop::aws:s3/bucket:Bucket::site`,
        `no-management-account-target ${P}prod::shop::pulumi:providers:aws::default_6_83_0`,
    ],
    // The account setup acts in the management account by design: managementProjects exempts it.
    "bootstrap-management/management.json": [],
    "shop/dev.json": [],
    "billing/never-updated.json": [],
};

/** Broken checkpoints added to a copy of the backend: each is reported by name, the rest still audited. */
export function addBrokenStacks(dir: string): void {
    const stacks = path.join(dir, ".pulumi/stacks");
    const good = fs.readFileSync(path.join(stacks, "shop/dev.json"));
    fs.mkdirSync(path.join(stacks, "broken"), { recursive: true });
    fs.writeFileSync(path.join(stacks, "broken/garbage.json"), "\u0000\u0001this is not a checkpoint");
    fs.writeFileSync(path.join(stacks, "broken/truncated.json"), good.subarray(0, Math.floor(good.length / 3)));
    fs.writeFileSync(path.join(stacks, "broken/future.json"), JSON.stringify({ version: 4, checkpoint: { stack: "organization/broken/future" } }));
    fs.writeFileSync(path.join(stacks, "broken/cut.json.gz"), zlib.gzipSync(good).subarray(0, 120));
}

export const EXPECTED_BROKEN = [
    "stack broken/cut could not be read: gzip data cannot be decompressed (unexpected end of file); none of its resources were audited.",
    "stack broken/future could not be read: version 4: only version 3 checkpoints are read (re-export the stack with a current Pulumi CLI); none of its resources were audited.",
    "stack broken/garbage could not be read: not valid JSON (Unexpected token '\u0000', \"\u0000\u0001this is \"... is not valid JSON); none of its resources were audited.",
    expect.stringMatching(/^stack broken\/truncated could not be read: not valid JSON \(.*\); none of its resources were audited\.$/),
];
