import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Seals staff TOTP secrets for storage with AES-256-GCM under a key derived from STAFF_TOTP_KEY.
 * The staff member's id is the associated data, so a sealed secret copied to another row fails.
 */
export class TotpSecretCipher {
  private readonly key: Buffer;

  constructor(configuredKey: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', configuredKey, 'fapiao-staff-totp', 'totp-secret-at-rest', 32),
    );
  }

  seal(secret: string, staffId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(staffId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  /** Throws when the text was not sealed under this key for this staff member. */
  open(sealedText: string, staffId: string): string {
    const [version, iv, tag, sealed] = sealedText.split(':');
    if (version !== VERSION || !iv || !tag || sealed === undefined) {
      throw new Error('Not a sealed TOTP secret');
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(staffId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  }
}
