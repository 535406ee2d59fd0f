import { Injectable } from '@nestjs/common';
import { Authenticator } from 'passport';
import { PORTAL_LOCAL_STRATEGY, PortalLocalStrategy } from './portal-local.strategy';
import { PortalSessionSerializer } from './portal-session.serializer';

/**
 * The portal's own passport instance: its session serializers belong to this app. On the
 * process-wide one, serializers only accumulate, so a second app in the same process (tests)
 * would ask the first, closed one to read its sessions.
 */
@Injectable()
export class PortalPassport {
  readonly instance = new Authenticator();

  constructor(strategy: PortalLocalStrategy, serializer: PortalSessionSerializer) {
    this.instance.use(PORTAL_LOCAL_STRATEGY, strategy);
    this.instance.serializeUser(serializer.serializeUser);
    this.instance.deserializeUser(serializer.deserializeUser);
  }
}
