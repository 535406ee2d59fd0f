import { ExecutionContext, Injectable, SetMetadata, Type } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

const SHARED_LIMIT = 'portal:shared-throttle';

interface SharedLimit {
  controller: Type;
  handler: string;
}

/**
 * `@SharesLimitWith(AuthController, 'logIn')` on a portal route: its requests count against the
 * same per-IP bucket as that API route, so a form is no way around the API's limit. Pair it with
 * the same `@Throttle(...)` values the API route has.
 */
export const SharesLimitWith = <T>(controller: Type<T>, handler: keyof T & string) =>
  SetMetadata(SHARED_LIMIT, { controller, handler } satisfies SharedLimit);

/**
 * ThrottlerGuard whose bucket, for a route marked with `SharesLimitWith`, is the API route's:
 * the key comes from the guard's own `generateKey` given that route's class and handler.
 */
@Injectable()
export class SharedThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    const shared = this.reflector.get<SharedLimit | undefined>(SHARED_LIMIT, context.getHandler());
    if (!shared) return super.generateKey(context, suffix, name);
    const handler = (shared.controller.prototype as Record<string, unknown>)[shared.handler];
    const apiRoute = {
      getClass: () => shared.controller,
      getHandler: () => handler,
    } as unknown as ExecutionContext;
    return super.generateKey(apiRoute, suffix, name);
  }
}
