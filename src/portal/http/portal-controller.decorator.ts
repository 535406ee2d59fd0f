import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PortalCsrfGuard } from './portal-csrf';
import { PortalExceptionFilter } from './portal-exception.filter';

/**
 * A controller of portal pages: every state-changing request passes the CSRF and Origin checks,
 * errors become pages, and the API docs leave it out.
 */
export function PortalController(prefix = ''): ClassDecorator {
  return applyDecorators(
    Controller(prefix),
    UseGuards(PortalCsrfGuard),
    UseFilters(PortalExceptionFilter),
    ApiExcludeController(),
  );
}
