import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { diskHost } from "../../linter/src/analysis/project-sources";
import { DEFAULT_SETTINGS, Finding, Linter } from "../../linter/src/linter";
import { ProgramRun, RecordedResource, runProgramUnderMocks } from "../../linter/src/preview/program-run";
import { readProject, readStackConfig } from "../../linter/src/preview/pulumi-project";

/**
 * The standing proof that the linter and the SDK agree. A program is run under mocks, and what the
 * SDK sent decides, for every AWS resource, invoke and provider, whether it got what it needs: a
 * provider of its own package (or, for a provider, an assumed role). Each of those is traced back
 * to a source line by its name: the program names every resource, invoke argument and provider
 * with a string literal written where the fix would belong, and a runtime name starts with it.
 * The linter must flag exactly the lines whose resources went wrong, and none of the others.
 */

const AWS_PACKAGES = ["aws", "aws-native"];

export interface Verdict {
    /** What the SDK sent: `aws:s3/bucket:Bucket bucket-name`. */
    what: string;
    ok: boolean;
    /** `file:line` of the string literal the name starts with. */
    line: string;
}

interface Literal {
    text: string;
    at: string;
}

/** Every string literal of the program's sources, with where it is. */
function literals(dir: string): Literal[] {
    const out: Literal[] = [];
    for (const file of diskHost.listSourceFiles(dir)) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
            if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
                const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
                out.push({ text: node.text, at: `${path.relative(dir, file)}:${line + 1}` });
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return out;
}

/** The line of the longest literal a runtime name starts with (`site-bad/content` -> "site-bad"). */
function lineOf(name: string, all: Literal[]): string | undefined {
    const candidates = all.filter((l) => l.text.length > 0 && (name === l.text || name.startsWith(`${l.text}/`) || name.startsWith(`${l.text}-`)));
    candidates.sort((a, b) => b.text.length - a.text.length);
    const best = candidates.filter((c) => c.text.length === candidates[0]?.text.length);
    // One literal per name: a tag written twice cannot say which line is meant.
    return best.length === 1 ? best[0].at : undefined;
}

function packageOf(type: string): string {
    return type.split(":")[0];
}

function providerOf(run: ProgramRun, ref: string | undefined): RecordedResource | undefined {
    const urn = ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined;
    return urn ? run.resources.find((r) => r.urn === urn && r.type.startsWith("pulumi:providers:")) : undefined;
}

function parseInput(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** Does a recorded provider assume a role the way its package reads one? */
function assumesRole(p: RecordedResource): boolean {
    const pkg = p.type.slice("pulumi:providers:".length);
    const keys = pkg === "aws-native" ? ["assumeRole"] : ["assumeRoles", "assumeRole", "assumeRoleWithWebIdentity"];
    return keys.some((k) => {
        const v = parseInput(p.inputs[k]);
        return Array.isArray(v) ? v.length > 0 : typeof v === "object" && v !== null;
    });
}

/** What the SDK decided, per resource, invoke and provider of the AWS packages. */
export function runtimeVerdicts(dir: string, run: ProgramRun): { verdicts: Verdict[]; untraced: string[] } {
    const all = literals(dir);
    const verdicts: Verdict[] = [];
    const untraced: string[] = [];
    const add = (what: string, name: string, ok: boolean) => {
        const line = lineOf(name, all);
        if (line) {
            verdicts.push({ what, ok, line });
        } else {
            untraced.push(what);
        }
    };
    for (const r of run.resources) {
        if (r.type.startsWith("pulumi:providers:")) {
            if (AWS_PACKAGES.includes(r.type.slice("pulumi:providers:".length))) {
                add(`${r.type} ${r.name}`, r.name, assumesRole(r));
            }
        } else if (r.custom && AWS_PACKAGES.includes(packageOf(r.type))) {
            const provider = providerOf(run, r.provider);
            add(`${r.type} ${r.name}`, r.name, provider?.type === `pulumi:providers:${packageOf(r.type)}`);
        }
    }
    for (const i of run.invokes) {
        if (AWS_PACKAGES.includes(packageOf(i.token))) {
            const name = Object.values(i.args).find((v): v is string => typeof v === "string") ?? "";
            const provider = providerOf(run, i.provider);
            add(`${i.token} ${name}`, name, provider?.type === `pulumi:providers:${packageOf(i.token)}`);
        }
    }
    return { verdicts, untraced };
}

export async function runUnderMocks(dir: string): Promise<ProgramRun> {
    const project = readProject(dir);
    const { config, secretKeys } = readStackConfig(project, "dev");
    return runProgramUnderMocks(dir, { project: project.name, stack: "dev", organization: "organization", dryRun: false, config, secretKeys, main: project.main });
}

export function lintProgram(dir: string): Finding[] {
    const linter = new Linter(DEFAULT_SETTINGS, diskHost, undefined, { cacheDir: false });
    return linter.lintFiles(diskHost.listSourceFiles(dir));
}

export function lineOfFinding(dir: string, f: Finding): string {
    return `${path.relative(dir, f.file)}:${f.line}`;
}
