import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { AuthenticatedCustomer } from '../auth/customer/current-customer.decorator';
import { ApplicationsService } from '../fapiao/applications/applications.service';
import type { CreateApplicationDto } from '../fapiao/applications/dto/application-input.dto';
import type { DemoCustomer } from './demo-catalogue';

const logger = new Logger('DemoData');

/**
 * Submits a fapiao application for each demo bill marked `applied`, through the fapiao module's
 * own service, so the demo shows a bill that is no longer applicable. The fapiao module is looked
 * up at run time: without it (or if its rules refuse) the bills simply stay applicable.
 */
export async function applyForDemoBills(
  moduleRef: ModuleRef,
  customer: DemoCustomer,
  account: AuthenticatedCustomer,
): Promise<number> {
  let applications: ApplicationsService;
  try {
    applications = moduleRef.get(ApplicationsService, { strict: false });
  } catch {
    logger.warn('The fapiao module is not loaded: demo bills marked "applied" stay applicable.');
    return 0;
  }
  let applied = 0;
  for (const order of customer.orders.filter((o) => o.state === 'applied')) {
    const input: CreateApplicationDto = {
      orderNumber: order.orderNumber,
      type: 'normal',
      title: { buyerName: customer.name },
      shipping: {
        method: 'yunda',
        recipient: '王小明',
        phone: '13812345678',
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        address: '世纪大道 100 号 8 楼',
        postalCode: '200120',
      },
    };
    try {
      const draft = await applications.create(account, input);
      await applications.confirm(account, draft.id);
      applied += 1;
    } catch (error) {
      logger.warn(
        `Could not apply for demo bill ${order.orderNumber}: ${(error as Error).message}`,
      );
    }
  }
  return applied;
}
