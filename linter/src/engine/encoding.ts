/** Values encoded exactly as the engine puts them on the wire. */

/** The engine's unknown (computed) value: the same sentinel string for every type. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key of the engine's special-value signature (secrets, assets, resource references). */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export interface SecretValue {
    [SIGNATURE_KEY]: typeof SECRET_SIGNATURE;
    value: unknown;
}

/** A secret as the engine sends it: a signature object wrapping the plain value. */
export function secret(value: unknown): SecretValue {
    return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** How @pulumi/aws v7 sends an object or list input to its provider: JSON text. */
export function jsonInput(value: unknown): string {
    return JSON.stringify(value);
}
