import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FailureLimiter } from '../../common/throttling/failure-limiter';
import { Clock } from '../../common/time/clock';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { AccessTokens } from './access-tokens';
import { AccountMails } from './account-mails';
import { ActivationService } from './activation.service';
import { normalizeEmail } from './email-address';
import { TokenPurpose } from './entities/account-token.entity';
import type { CustomerAccount } from './entities/customer-account.entity';
import { ACCOUNT_FAILURE_LIMIT, LOGIN_FAILURE_LIMIT, sourceKey } from './login-limits';
import { OneTimeTokens } from './tokens/one-time-tokens';

export interface LinkSignIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

type Recipient = Pick<CustomerAccount, 'id' | 'email' | 'locale'>;

/**
 * The way in that failed sign-ins cannot close: a single-use link (15 minutes) mailed to the
 * account's own address, on request or when its password sign-in gets locked. Using it signs in
 * and lifts the locks, since whoever reads the mailbox is the owner.
 */
@Injectable()
export class SignInLinkService {
  private readonly logger = new Logger('CustomerLogin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: OneTimeTokens,
    private readonly mails: AccountMails,
    private readonly activation: ActivationService,
    private readonly accessTokens: AccessTokens,
    private readonly failures: FailureLimiter,
    private readonly clock: Clock,
  ) {}

  /** Always the same answer to the caller; a link goes only to an active account. */
  async mailLink(rawEmail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [account] = await manager.query<Recipient[]>(
        `SELECT id, email, locale FROM customer_accounts
          WHERE email = $1 AND status = 'active' FOR UPDATE`,
        [normalizeEmail(rawEmail)],
      );
      if (!account) return;
      if (await this.activation.askedRecently(manager, account.id, TokenPurpose.SIGN_IN)) return;
      const issued = await this.tokens.issue(manager, account.id, TokenPurpose.SIGN_IN);
      await this.mails.signInLink(manager, account, issued);
    });
  }

  /** Signs in with the mailed link: once, while the account is active; the locks end. */
  async signIn(token: string, source?: string): Promise<LinkSignIn> {
    const account = await this.dataSource.transaction(async (manager) => {
      const { accountId } = await this.tokens.consume(manager, token, TokenPurpose.SIGN_IN);
      const [rows] = await manager.query<
        [{ id: string; email: string; token_version: number }[], number]
      >(
        `UPDATE customer_accounts SET last_login_at = $2
          WHERE id = $1 AND status = 'active' RETURNING id, email, token_version`,
        [accountId, this.clock.now()],
      );
      return rows[0];
    });
    if (!account) {
      throw new AuthException(
        HttpStatus.FORBIDDEN,
        AuthErrorCode.ACCOUNT_DISABLED,
        'This account has been disabled. Please contact customer service.',
      );
    }
    await this.failures.clear(ACCOUNT_FAILURE_LIMIT, account.email);
    await this.failures.clear(LOGIN_FAILURE_LIMIT, sourceKey(account.email, source));
    this.logger.log(
      `Account ${account.id} signed in with a mailed link from ${source ?? 'unknown'}`,
    );
    return { ...this.accessTokens.issue(account.id, account.token_version), tokenType: 'Bearer' };
  }
}
