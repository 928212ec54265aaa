/**
 * `pulumi-aws-guardrails/provider`: the target-account provider library for a user's programs, the
 * same code as this repository's workloads/lib. Outside this repository there is no bundled
 * organisation map, so the map is named explicitly: the `organizationMap` option, the stack config
 * `guardrails:organizationMap` (relative to the project folder, where Pulumi runs a program), or
 * `GUARDRAILS_ORG_MAP`. A map that is missing or invalid stops the program with the map's own
 * message (a RunError: no stack trace), never with a guess.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { loadOrganization, Organization, OrganizationMapError, SubAccount } from "@guardrails/organization";
import * as lib from "@guardrails/workload-provider";

export const CONFIG_NAMESPACE = lib.CONFIG_NAMESPACE;

export interface TargetAccountOptions extends Omit<lib.TargetAccountOptions, "organization"> {
    /** The organisation map file; default: stack config guardrails:organizationMap, else GUARDRAILS_ORG_MAP. */
    organizationMap?: string;
}

function organization(options: TargetAccountOptions): Organization {
    const file = options.organizationMap ?? new pulumi.Config(CONFIG_NAMESPACE).get("organizationMap") ?? process.env.GUARDRAILS_ORG_MAP;
    if (!file) {
        throw new pulumi.RunError(
            `name the organisation map: pulumi config set ${CONFIG_NAMESPACE}:organizationMap <path to organization.yaml>, or set GUARDRAILS_ORG_MAP`,
        );
    }
    try {
        return loadOrganization(path.resolve(file));
    } catch (e) {
        throw new pulumi.RunError(e instanceof OrganizationMapError ? e.message : String(e));
    }
}

/** The sub-account the stack targets (stack config guardrails:targetAccount, or `account`). */
export function targetAccount(options: TargetAccountOptions = {}): SubAccount {
    return lib.targetAccount({ ...options, organization: organization(options) });
}

/** The (cached) provider for the stack's target account: assumes its Admin role, pinned to it. */
export function targetAccountProvider(options: TargetAccountOptions = {}): aws.Provider {
    return lib.targetAccountProvider({ ...options, organization: organization(options) });
}
