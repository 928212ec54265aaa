import { Checker, NAME } from "./checker";

/**
 * Environment names a sub-account may have. An environment decides which management roles reach an
 * account (Management-Developer administers `dev` only), which OU it joins with AWS Organizations
 * and which accounts `npm run policy-config -- --environment` allows, so a typo (`prdo`) must not
 * quietly make an environment of its own. Without a top-level `environments:` list a map uses the
 * conventional names below; with one, exactly the names it lists.
 */
const CONVENTIONAL_ENVIRONMENTS: readonly string[] = ["dev", "test", "qa", "uat", "staging", "preprod", "prod", "sandbox", "shared", "security", "audit", "logging", "network"];

/** The map's `environments:` list, if it has one. */
export function readEnvironments(c: Checker, v: unknown): string[] | undefined {
    if (v === undefined) {
        return undefined;
    }
    const names = c.list("environments", v, NAME, "lower-case environment name", true);
    c.unique(
        names.map((value, i) => ({ where: `environments[${i}]`, value })),
        "environment",
    );
    return names;
}

/** Is `environment` (already checked to be a name) one the map allows? Names the entry and the fix if not. */
export function checkEnvironment(c: Checker, where: string, environment: string, declared: string[] | undefined): void {
    const allowed = declared ?? CONVENTIONAL_ENVIRONMENTS;
    if (!environment || allowed.includes(environment)) {
        return;
    }
    const guess = closest(environment, allowed);
    const suggestion = guess ? ` (did you mean "${guess}"?)` : "";
    const fix = declared
        ? `the map's environments list allows ${declared.join(", ")}; add "${environment}" there if it is meant`
        : `the conventional environments are ${CONVENTIONAL_ENVIRONMENTS.join(", ")}; a map with other names declares them all in a top-level list, e.g. environments: [dev, prod, ${environment}]`;
    c.problems.push(`${where}: "${environment}" is not a known environment${suggestion}; ${fix}`);
}

/** The allowed name within two edits (a swap of neighbours counts as one), if exactly one is nearest. */
function closest(word: string, candidates: readonly string[]): string | undefined {
    const scored = candidates.map((c) => ({ c, d: editDistance(word, c) })).filter((x) => x.d <= Math.min(2, Math.floor(x.c.length / 2)));
    const best = Math.min(...scored.map((x) => x.d));
    const nearest = scored.filter((x) => x.d === best);
    return nearest.length === 1 ? nearest[0].c : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}
