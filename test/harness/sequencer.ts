import * as path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest in wall time, most of it waiting on processes they start (programs
 * run into their timeouts, packs started as the engine starts them). vitest runs the slowest first
 * once it has timed a run, but on a clean clone (CI) it knows no durations and runs the largest
 * files first, so a short file that waits long starts last and the run ends on it. Listed here,
 * longest first as a clean-clone run timed them (the type check: one case, 15 s of one core, 27 s
 * wall beside the rest); the rest keep vitest's order.
 */
const SLOW_FIRST = [
    "test/check/check-failures.test.ts",
    "test/typecheck.test.ts",
    "test/check/preview-programs.test.ts",
    "test/check/guardrail-check.test.ts",
    "test/bootstrap/management-program.test.ts",
    "test/bootstrap/subaccount-program.test.ts",
    "test/check/program-shapes.test.ts",
    "test/adoption/adoption.test.ts",
    "test/linter/typed-mode.test.ts",
    "test/check/pack-reuse.test.ts",
    "test/workloads/static-site.test.ts",
    "test/agreement/agreement.test.ts",
];

export class SlowFirstSequencer extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
        const ordered = await super.sort(files);
        const rank = (f: TestSpecification) => {
            const i = SLOW_FIRST.indexOf(path.relative(this.ctx.config.root, f.moduleId).split(path.sep).join("/"));
            return i < 0 ? SLOW_FIRST.length : i;
        };
        // Array.prototype.sort is stable: files of equal rank keep vitest's order.
        return ordered.sort((a, b) => rank(a) - rank(b));
    }
}
