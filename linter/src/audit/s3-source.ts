/**
 * A self-managed backend in S3 (or an S3-compatible server):
 * `s3://<bucket>[/<prefix>]?region=R[&profile=P][&endpoint=URL]`, the URL `pulumi login` takes
 * (its `awssdk=v2` is accepted and means nothing here). Objects are listed and fetched with the AWS
 * SDK for JavaScript v3 and its usual credential chain (environment, profile, SSO, instance role);
 * `profile` picks a profile, `endpoint` a server other than AWS (path-style addressing, as such
 * servers expect). Only ListObjectsV2 and GetObject: nothing is written and no lock is taken.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { GuardrailError, UsageError } from "../errors";
import { Candidate, checkpointStackName, Listing, onePerStack } from "./stack-entry";

export interface S3Location {
    bucket: string;
    /** `""` or `some/prefix/`. */
    prefix: string;
    region: string;
    profile?: string;
    endpoint?: string;
}

const KNOWN_PARAMS = new Set(["region", "profile", "endpoint", "awssdk"]);

function parseS3Url(url: string): S3Location {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new UsageError(`${url} is not a valid s3:// URL (s3://<bucket>[/<prefix>]?region=R[&profile=P][&endpoint=URL])`);
    }
    const bucket = parsed.hostname;
    if (!bucket) {
        throw new UsageError(`${url}: no bucket (s3://<bucket>[/<prefix>]?region=R)`);
    }
    const unknown = [...parsed.searchParams.keys()].filter((k) => !KNOWN_PARAMS.has(k));
    if (unknown.length > 0) {
        throw new UsageError(`${url}: unknown parameter ${unknown.join(", ")} (known: region, profile, endpoint, awssdk)`);
    }
    const region = parsed.searchParams.get("region");
    if (!region) {
        throw new UsageError(`${url}: name the bucket's region, as in s3://${bucket}?region=eu-west-1`);
    }
    const endpoint = parsed.searchParams.get("endpoint") ?? undefined;
    if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
        throw new UsageError(`${url}: endpoint must be an http:// or https:// URL`);
    }
    const trimmed = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, "");
    return { bucket, prefix: trimmed ? `${trimmed}/` : "", region, profile: parsed.searchParams.get("profile") ?? undefined, endpoint };
}

function client(loc: S3Location): { s3: S3Client; sdk: typeof import("@aws-sdk/client-s3") } {
    // Loaded only for s3:// sources: the SDK costs start-up time every other run would pay.
    // The SDK warns on Node 20 that releases after January 2027 will need Node 22: news about SDK
    // versions this install does not use (the lockfile pins one), not about this run.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const sdk = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
    const s3 = new sdk.S3Client({
        region: loc.region,
        ...(loc.profile ? { profile: loc.profile } : {}),
        ...(loc.endpoint ? { endpoint: loc.endpoint, forcePathStyle: true } : {}),
        // Checksums only where S3 requires them: S3-compatible servers do not all know the newer ones.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    });
    return { s3, sdk };
}

function describeError(e: unknown): string {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : "";
    return `${err.name && err.name !== "Error" ? `${err.name}: ` : ""}${err.message ?? String(e)}${status}`;
}

export async function listS3Backend(url: string): Promise<Listing> {
    const loc = parseS3Url(url);
    const { s3, sdk } = client(loc);
    const root = `${loc.prefix}.pulumi/`;
    const stacksPrefix = `${root}stacks/`;
    const base = `s3://${loc.bucket}/`;
    const candidates: Candidate[] = [];
    let sawBookkeeping = false;
    let token: string | undefined;
    try {
        do {
            const page = await s3.send(new sdk.ListObjectsV2Command({ Bucket: loc.bucket, Prefix: root, ContinuationToken: token }));
            for (const obj of page.Contents ?? []) {
                const key = obj.Key ?? "";
                sawBookkeeping = true;
                if (!key.startsWith(stacksPrefix)) {
                    continue;
                }
                const parts = key.slice(stacksPrefix.length).split("/");
                const stack = checkpointStackName(parts[parts.length - 1]);
                if (!stack || parts.length > 2) {
                    continue;
                }
                candidates.push({
                    location: base + key,
                    project: parts.length === 2 ? parts[0] : undefined,
                    stack,
                    modified: obj.LastModified?.getTime() ?? 0,
                    read: () => getObject(s3, sdk, loc.bucket, key),
                });
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
    } catch (e) {
        throw new GuardrailError(`cannot list ${base}${root}: ${describeError(e)}`);
    }
    if (!sawBookkeeping) {
        throw new UsageError(`${url} is not a self-managed backend: nothing under ${base}${root}`);
    }
    return onePerStack(candidates);
}

async function getObject(s3: S3Client, sdk: typeof import("@aws-sdk/client-s3"), bucket: string, key: string): Promise<Buffer> {
    try {
        const res = await s3.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!res.Body) {
            return Buffer.alloc(0);
        }
        return Buffer.from(await res.Body.transformToByteArray());
    } catch (e) {
        throw new Error(`cannot be fetched: ${describeError(e)}`);
    }
}
