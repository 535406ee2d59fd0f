import type { ModuleMetadata, Provider, Type } from '@nestjs/common';

/**
 * The journey's pages (billing records, apply steps, applications, support requests), plugged
 * into PortalModule from here so that both halves of the portal grow without touching one file.
 */
export const JOURNEY_IMPORTS: NonNullable<ModuleMetadata['imports']> = [];
export const JOURNEY_CONTROLLERS: Type[] = [];
export const JOURNEY_PROVIDERS: Provider[] = [];
