/**
 * `google.protobuf.Struct` property bags written straight to protobuf bytes. The generated message
 * classes build a tree of objects per value (`Struct.fromJavaScript`) that is serialized and thrown
 * away at once; for an audit that sends 100,000 resources that tree is most of the client's time and
 * garbage. The bytes are the same encoding (struct.proto: Struct.fields = map<string, Value> 1;
 * Value: null 1, number 2 (double), string 3, bool 4, struct 5, list 6; ListValue.values 1), so the
 * pack decodes them with its own protobuf like any other request (tested against the generated classes).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const LEN = 2;
const VARINT = 0;
const FIXED64 = 1;

function varintSize(n: number): number {
    let size = 1;
    while (n >= 0x80) {
        n = Math.floor(n / 128);
        size++;
    }
    return size;
}

const tagSize = 1; // Every field number used here is below 16.

function fieldSize(contentSize: number): number {
    return tagSize + varintSize(contentSize) + contentSize;
}

function valueSize(v: Json): number {
    if (v === null || v === undefined) {
        return tagSize + 1;
    }
    switch (typeof v) {
        case "number":
            return tagSize + 8;
        case "boolean":
            return tagSize + 1;
        case "string":
            return fieldSize(Buffer.byteLength(v));
        default:
            return Array.isArray(v) ? fieldSize(listSize(v)) : fieldSize(structSize(v));
    }
}

function listSize(list: Json[]): number {
    let size = 0;
    for (const item of list) {
        size += fieldSize(valueSize(item));
    }
    return size;
}

function entrySize(key: string, value: Json): number {
    return fieldSize(Buffer.byteLength(key)) + fieldSize(valueSize(value));
}

function structSize(obj: { [key: string]: Json }): number {
    let size = 0;
    for (const key of Object.keys(obj)) {
        size += fieldSize(entrySize(key, obj[key]));
    }
    return size;
}

class Writer {
    pos = 0;
    constructor(readonly buf: Buffer) {}

    varint(n: number): void {
        while (n >= 0x80) {
            this.buf[this.pos++] = (n % 128) | 0x80;
            n = Math.floor(n / 128);
        }
        this.buf[this.pos++] = n;
    }

    tag(field: number, wire: number): void {
        this.buf[this.pos++] = (field << 3) | wire;
    }

    string(field: number, s: string): void {
        this.tag(field, LEN);
        const len = Buffer.byteLength(s);
        this.varint(len);
        this.pos += this.buf.write(s, this.pos, len, "utf8");
    }

    value(v: Json): void {
        if (v === null || v === undefined) {
            this.tag(1, VARINT);
            this.buf[this.pos++] = 0;
            return;
        }
        switch (typeof v) {
            case "number":
                this.tag(2, FIXED64);
                this.buf.writeDoubleLE(v, this.pos);
                this.pos += 8;
                return;
            case "string":
                this.string(3, v);
                return;
            case "boolean":
                this.tag(4, VARINT);
                this.buf[this.pos++] = v ? 1 : 0;
                return;
        }
        if (Array.isArray(v)) {
            this.tag(6, LEN);
            this.varint(listSize(v));
            for (const item of v) {
                this.tag(1, LEN);
                this.varint(valueSize(item));
                this.value(item);
            }
            return;
        }
        this.tag(5, LEN);
        this.varint(structSize(v));
        this.struct(v);
    }

    struct(obj: { [key: string]: Json }): void {
        for (const key of Object.keys(obj)) {
            const value = obj[key];
            this.tag(1, LEN);
            this.varint(entrySize(key, value));
            this.string(1, key);
            this.tag(2, LEN);
            this.varint(valueSize(value));
            this.value(value);
        }
    }
}

/** A property bag (plain JSON values) as the bytes of a `google.protobuf.Struct`. */
export function encodeStruct(props: Record<string, unknown>): Buffer {
    const obj = props as { [key: string]: Json };
    const w = new Writer(Buffer.allocUnsafe(structSize(obj)));
    w.struct(obj);
    return w.buf;
}

/** `bytes` as length-delimited field `field` of an enclosing message. */
export function messageField(field: number, bytes: Uint8Array): Buffer {
    const w = new Writer(Buffer.allocUnsafe(fieldSize(bytes.length)));
    w.tag(field, LEN);
    w.varint(bytes.length);
    w.buf.set(bytes, w.pos);
    return w.buf;
}

/** A string field, for messages written by hand. */
export function stringField(field: number, s: string): Buffer {
    const w = new Writer(Buffer.allocUnsafe(fieldSize(Buffer.byteLength(s))));
    w.string(field, s);
    return w.buf;
}

/**
 * Makes a generated message serialize with `extra` appended: fields written by hand. Protobuf
 * parsers accept fields in any order, and the gRPC stubs call `serializeBinary()` on the message.
 */
export function appendFields<M extends { serializeBinary(): Uint8Array }>(msg: M, extra: Uint8Array[]): M {
    const own = msg.serializeBinary.bind(msg);
    msg.serializeBinary = () => Buffer.concat([own(), ...extra]);
    return msg;
}
