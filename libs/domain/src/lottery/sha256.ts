import * as crypto from 'node:crypto';

// The only hash the lottery uses. Everything hashed is text, encoded as UTF-8, so any language's
// SHA-256 reproduces it; outputs are always 64 lowercase hex digits.

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
// crypto.hash (Node ≥ 20.12) is ~2.5× faster than createHash for the per-user key hashes.
const oneShot: OneShot | undefined = (crypto as unknown as { hash?: OneShot }).hash;

export function sha256Hex(text: string): string {
  if (oneShot) return oneShot('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Where canonical text goes: a digest (`Sha256Stream`) or, for docs and tests, a string. */
export interface TextSink {
  text(s: string): void;
  /** ASCII text already encoded (cached grid times). */
  bytes(b: Uint8Array): void;
  /** One ASCII character by code, e.g. 124 for `|`. */
  char(code: number): void;
  /** A non-negative integer in decimal without leading zeros. */
  int(n: number): void;
  /** Ends the line with LF. */
  end(): void;
}

export const PIPE = 124;
const LF = 10;
const CAPACITY = 1 << 16;

/**
 * Streams canonical text into SHA-256 as UTF-8 bytes. Every id, time and number in that text is
 * ASCII, so characters are copied straight into a byte buffer: building a million lines as strings
 * first made ~150 MB of garbage per draw and cost more than the hashing itself.
 */
export class Sha256Stream implements TextSink {
  private readonly hash = crypto.createHash('sha256');
  private readonly buffer = Buffer.allocUnsafe(CAPACITY);
  private length = 0;

  text(s: string): void {
    let at = this.length;
    if (at + s.length > CAPACITY) {
      this.flush();
      at = 0;
      if (s.length > CAPACITY) {
        this.hash.update(s, 'utf8');
        return;
      }
    }
    const buffer = this.buffer;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        // Not ASCII: let node:crypto encode the rest of this string as UTF-8.
        this.length = at;
        this.flush();
        this.hash.update(s.slice(i), 'utf8');
        return;
      }
      buffer[at++] = c;
    }
    this.length = at;
  }

  bytes(b: Uint8Array): void {
    if (this.length + b.length > CAPACITY) this.flush();
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  char(code: number): void {
    if (this.length === CAPACITY) this.flush();
    this.buffer[this.length++] = code;
  }

  int(n: number): void {
    if (this.length + 16 > CAPACITY) this.flush();
    if (n < 10) {
      this.buffer[this.length++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.length + digits;
    this.length = at;
    for (let v = n; v > 0; v = Math.floor(v / 10)) this.buffer[--at] = 48 + (v % 10);
  }

  end(): void {
    this.char(LF);
  }

  /** Writes `text` followed by a line feed. */
  line(text: string): void {
    this.text(text);
    this.end();
  }

  digestHex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.length === 0) return;
    this.hash.update(this.buffer.subarray(0, this.length));
    this.length = 0;
  }
}

/** The same canonical text as a string (for docs, tests and small inputs). */
export class StringSink implements TextSink {
  private readonly parts: string[] = [];

  text(s: string): void {
    this.parts.push(s);
  }

  bytes(b: Uint8Array): void {
    this.parts.push(String.fromCharCode(...b));
  }

  char(code: number): void {
    this.parts.push(String.fromCharCode(code));
  }

  int(n: number): void {
    this.parts.push(String(n));
  }

  end(): void {
    this.parts.push('\n');
  }

  toString(): string {
    return this.parts.join('');
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}
