import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id recommendation: m=19 MiB, t=2, p=1. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

/** A valid argon2id hash of a random password: verifying against it costs as much as a real check. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$SkDDCq3dJWe/GC3JJG7+uA$i/zXKJkkrvepMyHxGottoqYC7jAFldRK0WAeHWOGVQo';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a verification when there is no account, so timing does not reveal it. */
  async verifyAgainstNothing(password: string): Promise<false> {
    await this.verify(DUMMY_HASH, password);
    return false;
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
