import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { AuthenticatedCustomer } from '../auth/customer/current-customer.decorator';
import { toBusinessDate } from '../common/time/business-date';
import type { StaffActor } from '../fapiao/applications/application-actor';
import { ApplicationsService } from '../fapiao/applications/applications.service';
import type {
  CreateApplicationDto,
  ShippingInputDto,
} from '../fapiao/applications/dto/application-input.dto';
import { StaffApplicationsService } from '../fapiao/applications/staff-applications.service';
import { DigitalIssueService } from '../fapiao/document-files/digital-issue.service';
import type { DemoCustomer, DemoOrder } from './demo-catalogue';

const logger = new Logger('DemoData');

/** The demo's VAT rate on cloud services (6%), in basis points. */
const DEMO_TAX_RATE_BASIS_POINTS = 600;

export interface DemoApplicationsResult {
  submitted: number;
  issued: number;
}

/**
 * Submits a fapiao application for each demo bill marked `applied` or `issued`, through the
 * fapiao module's own service, so the demo shows a bill that is no longer applicable; a bill
 * marked `issued` is then issued by the demo service-centre staff through the service the back
 * office uses (a digital one with a PDF the customer can download). The fapiao module is looked
 * up at run time: without it (or if its rules refuse) the bills simply stay applicable.
 */
export async function applyForDemoBills(
  moduleRef: ModuleRef,
  customer: DemoCustomer,
  account: AuthenticatedCustomer,
  issuer: StaffActor | null,
  today: Date,
): Promise<DemoApplicationsResult> {
  const result: DemoApplicationsResult = { submitted: 0, issued: 0 };
  let applications: ApplicationsService;
  try {
    applications = moduleRef.get(ApplicationsService, { strict: false });
  } catch {
    logger.warn('The fapiao module is not loaded: demo bills marked "applied" stay applicable.');
    return result;
  }
  for (const order of customer.orders.filter(
    (o) => o.state === 'applied' || o.state === 'issued',
  )) {
    const input: CreateApplicationDto = {
      orderNumber: order.orderNumber,
      type: 'normal',
      title: { buyerName: customer.name },
      shipping: demoShipping(order, customer),
    };
    let id: string;
    try {
      const draft = await applications.create(account, input);
      await applications.confirm(account, draft.id);
      id = draft.id;
      result.submitted += 1;
    } catch (error) {
      logger.warn(
        `Could not apply for demo bill ${order.orderNumber}: ${(error as Error).message}`,
      );
      continue;
    }
    if (order.state !== 'issued') continue;
    if (!issuer) {
      logger.warn(`No demo staff to issue ${order.orderNumber}: its application stays submitted.`);
      continue;
    }
    try {
      await issueDemoApplication(moduleRef, id, order, issuer, toBusinessDate(today));
      result.issued += 1;
    } catch (error) {
      logger.warn(`Could not issue demo bill ${order.orderNumber}: ${(error as Error).message}`);
    }
  }
  return result;
}

function demoShipping(order: DemoOrder, customer: DemoCustomer): ShippingInputDto {
  if (order.delivery === 'email') {
    return { method: 'email', deliveryEmails: [customer.contactEmail] };
  }
  return {
    method: 'yunda',
    recipient: '王小明',
    phone: '13812345678',
    province: '上海市',
    city: '上海市',
    district: '浦东新区',
    address: '世纪大道 100 号 8 楼',
    postalCode: '200120',
  };
}

/** A demo fapiao number: 20 digits (a digital one's), from the order number's digits. */
export function demoFapiaoNumber(orderNumber: string): string {
  const digits = orderNumber.replace(/\D/g, '');
  return `2631${digits.padStart(16, '0').slice(-16)}`;
}

/** Starts processing and issues the application as the service centre does, with a PDF. */
async function issueDemoApplication(
  moduleRef: ModuleRef,
  id: string,
  order: DemoOrder,
  issuer: StaffActor,
  issueDate: string,
): Promise<void> {
  const staff = moduleRef.get(StaffApplicationsService, { strict: false });
  const digital = moduleRef.get(DigitalIssueService, { strict: false });
  const amountFen = order.items.reduce((sum, item) => sum + item.amountFen, 0);
  // The tax inside a price with tax: amount × rate / (1 + rate), rounded to the fen.
  const taxAmountFen = Math.round(
    (amountFen * DEMO_TAX_RATE_BASIS_POINTS) / (10_000 + DEMO_TAX_RATE_BASIS_POINTS),
  );
  const number = demoFapiaoNumber(order.orderNumber);
  await staff.startProcessing(id, issuer);
  await digital.issue(id, issuer, [
    {
      number,
      issueDate,
      amountFen,
      taxAmountFen,
      taxRateBasisPoints: DEMO_TAX_RATE_BASIS_POINTS,
      files:
        order.delivery === 'email'
          ? {
              pdf: {
                fileName: `${number}.pdf`,
                content: await demoFapiaoPdf(order, number, issueDate, amountFen, taxAmountFen),
              },
            }
          : undefined,
    },
  ]);
}

/**
 * A small one-page PDF standing in for the tax platform's (demo only; its standard font has no
 * Chinese, so the page is in English).
 */
export async function demoFapiaoPdf(
  order: DemoOrder,
  number: string,
  issueDate: string,
  amountFen: number,
  taxAmountFen: number,
): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Fapiao ${number} (demo)`);
  const page = pdf.addPage([595, 420]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const yuan = (fen: number) =>
    `CNY ${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
  const lines: [string, number, typeof font][] = [
    ['Digital fapiao (demo, not a tax document)', 18, bold],
    [`Number: ${number}`, 12, font],
    [`Issue date: ${issueDate}`, 12, font],
    [`Order: ${order.orderNumber}`, 12, font],
    [`Amount with tax: ${yuan(amountFen)}`, 12, font],
    [`Tax (${DEMO_TAX_RATE_BASIS_POINTS / 100}%): ${yuan(taxAmountFen)}`, 12, font],
  ];
  let y = 360;
  for (const [text, size, face] of lines) {
    page.drawText(text, { x: 48, y, size, font: face });
    y -= size + 14;
  }
  return Buffer.from(await pdf.save());
}
