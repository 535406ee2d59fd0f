import type { Base32Plugin } from '@otplib/core';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync, verify } from '@otplib/totp';
import { generateTOTP } from '@otplib/uri';
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * RFC 4648 base32 without padding, as authenticator apps read it. otplib's own base32 plugin
 * rests on an ES-module-only package, which CommonJS on Node.js 20 before 20.19 cannot load.
 */
export const base32: Base32Plugin = {
  name: 'rfc4648',
  encode(data: Uint8Array): string {
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of data) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
    return out;
  },
  decode(text: string): Uint8Array {
    const clean = text.toUpperCase().replace(/=+$/, '').replace(/\s/g, '');
    const bytes: number[] = [];
    let bits = 0;
    let value = 0;
    for (const char of clean) {
      const index = ALPHABET.indexOf(char);
      if (index < 0) throw new Error('Invalid base32 character');
      value = (value << 5) | index;
      bits += 5;
      if (bits >= 8) {
        bytes.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    return Uint8Array.from(bytes);
  },
};

const plugins = { crypto: new NodeCryptoPlugin(), base32 };

/** A new TOTP secret: 20 random bytes (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return base32.encode(randomBytes(20));
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(issuer: string, label: string, secret: string): string {
  return generateTOTP({ issuer, label, secret });
}

/** The current code for a secret at a Unix time in seconds (what the app shows). */
export function totpCode(secret: string, epochSeconds: number): string {
  return generateSync({ secret, epoch: epochSeconds, ...plugins });
}

/**
 * The time step the code belongs to when it is valid at `epochSeconds` (± tolerance) and later
 * than `afterTimeStep`; otherwise null.
 */
export async function totpTimeStep(input: {
  secret: string;
  code: string;
  epochSeconds: number;
  toleranceSeconds: number;
  afterTimeStep: number | null;
}): Promise<number | null> {
  const result = await verify({
    secret: input.secret,
    token: input.code,
    epoch: input.epochSeconds,
    epochTolerance: input.toleranceSeconds,
    ...(input.afterTimeStep === null ? {} : { afterTimeStep: input.afterTimeStep }),
    ...plugins,
  });
  return result.valid ? result.timeStep : null;
}
