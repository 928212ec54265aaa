import { listExports, listFileBackend } from "./file-sources";
import { listS3Backend } from "./s3-source";
import type { Listing } from "./stack-entry";

/**
 * What `guardrail audit <source>...` reads: `file://<dir>` and `s3://...` self-managed backends,
 * else a `pulumi stack export` file or a folder of them. A source that does not exist or is not what
 * it claims is a usage error (exit 2); a stack in it that cannot be read is a finding (exit 1).
 */
export async function listSource(source: string, cwd: string): Promise<Listing> {
    if (source.startsWith("file://")) {
        return listFileBackend(source, cwd);
    }
    if (source.startsWith("s3://")) {
        return listS3Backend(source);
    }
    return listExports(source, cwd);
}
