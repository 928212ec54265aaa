import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { DEFAULT_ORGANIZATION_MAP } from "@guardrails/organization";

/** The bundled organisation map as plain data, for tests to vary. */
// any: free-form YAML that each test edits in its own way; the loader under test is what validates it.
export type MapDocument = Record<string, any>;

export function bundledMap(): MapDocument {
    return parse(fs.readFileSync(DEFAULT_ORGANIZATION_MAP, "utf8")) as MapDocument;
}

/**
 * The bundled map changed by `edit`, written to a scratch file; returns its path (for
 * GUARDRAILS_ORG_MAP). The path follows from the contents, so that test files asking for the same
 * variant get the same file and their program runs are answered once (test/programs/stack-runs.ts
 * keys runs by the map's path). Written whole, then renamed: a worker never reads another's half
 * written file, and a variant file is never edited in place.
 */
export function mapVariant(edit: (doc: MapDocument) => void): string {
    const doc = bundledMap();
    edit(doc);
    const text = stringify(doc);
    const dir = path.join(os.tmpdir(), `guardrail-map-${createHash("sha256").update(text).digest("hex").slice(0, 16)}`);
    const file = path.join(dir, "organization.yaml");
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, text);
        fs.renameSync(partial, file);
    }
    return file;
}

/** Identity Center sign-in for every management role, plus the auditor through GitHub's OIDC provider. */
export const IDENTITY_CENTER_PERMISSION_SETS = { admin: "AdministratorAccess", billing: "Billing", developer: "Developer" };
export const GITHUB_OIDC = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
export const AUDIT_SUBJECT = "repo:acme/infrastructure:ref:refs/heads/main";

export function withIdentityCenterAndAuditor(doc: MapDocument): void {
    doc.roles.management.auditor = "Management-Auditor";
    doc.signIn = {
        kind: "identity-center",
        permissionSets: IDENTITY_CENTER_PERMISSION_SETS,
        roles: { auditor: { kind: "oidc", providerArn: GITHUB_OIDC, audience: "sts.amazonaws.com", subjects: [AUDIT_SUBJECT] } },
    };
}
