import { redLetterFormsView } from './red-letter-forms-view';
import {
  Body,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Render,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { ProblemException } from '../../common/errors/problem.exception';
import { CreateSupportRequestDto } from '../../fapiao/support/dto/support-request-input.dto';
import type { SupportRequestDto } from '../../fapiao/support/dto/support-request.dto';
import { ApplicationReader } from '../../fapiao/applications/application-reader';
import { SupportRequestReader } from '../../fapiao/support/support-request-reader';
import { SupportErrorCode } from '../../fapiao/support/support-request.exception';
import { SUPPORT_REQUEST_TYPES } from '../../fapiao/support/support-request-status';
import { SupportRequestsService } from '../../fapiao/support/support-requests.service';
import { TITLE_FIELDS, type FapiaoTitle } from '../../fapiao/titles/fapiao-title';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import type { FormState } from '../http/portal-forms';
import { problemMessage } from '../http/portal-error-pages';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { journeyFormState, optional, refusalStatus, text, texts, validated } from './journey-forms';
import { businessDateOf, isRecordId, supportStatusKey, supportTypeKey } from './journey-view';

/** Rows of split lines the form offers (blank rows are left out). */
const SPLIT_ROWS = 4;
/** The bills the form offers, newest first. */
const BILLS_OFFERED = 100;

type TitleField = (typeof TITLE_FIELDS)[number];
const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);
/** The form's names: `lineBuyerName`, `newBuyerName`, … (one form, no dotted names). */
const lineName = (field: TitleField) => `line${capitalised(field)}`;
const newTitleName = (field: TitleField) => `new${capitalised(field)}`;

/** A yuan amount as typed ("1,288.5", "¥300") in fen; NaN when it is not one (the DTO says so). */
export function fenFromYuan(typed: string): number {
  const match = /^\s*¥?\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(typed.replace(/,/g, ''));
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Where a support request's field path shows on the form. */
function placeSupportField(path: string): string {
  const line = /^lines\.(\d+)\.(?:title\.)?(\w+)$/.exec(path);
  if (line) {
    const field = line[2] === 'amountFen' ? 'lineAmount' : lineName(line[2] as TitleField);
    return `${field}-${line[1]}`;
  }
  if (path === 'lines.0.title' || /^lines\.\d+\.title$/.test(path)) {
    return `lineBuyerName-${path.split('.')[1]}`;
  }
  const newTitle = /^newTitle\.(\w+)$/.exec(path);
  if (newTitle) return newTitleName(newTitle[1] as TitleField);
  if (path === 'newTitle') return 'newBuyerName';
  return path.split('.')[0];
}

/** Support requests: split, retitle, not received, other; the list and one request. */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class SupportRequestsPages {
  constructor(
    private readonly requests: SupportRequestsService,
    private readonly reader: SupportRequestReader,
    private readonly billingRecords: BillingRecordsService,
    private readonly applications: ApplicationReader,
  ) {}

  @Get('support-requests')
  @Render('journey/support-requests')
  async list(@SignedInCustomer() customer: PortalCustomer) {
    const requests = await this.reader.listForCustomer(customer.customerId);
    return {
      titleKey: 'journey.support.title',
      requests: requests.map((r) => ({
        ...r,
        typeKey: supportTypeKey(r.type),
        statusKey: supportStatusKey(r.status),
        createdOn: businessDateOf(r.createdAt),
      })),
    };
  }

  @Get('support-requests/new')
  async form(
    @SignedInCustomer() customer: PortalCustomer,
    @Query('orderNumber') orderNumber: unknown,
    @Query('type') type: unknown,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const values: Record<string, string> = {
      type: typeof type === 'string' ? type : 'split',
      ...(typeof orderNumber === 'string' ? { orderNumber } : {}),
    };
    res.render(
      'journey/support-request-new',
      await this.formPage(customer, { values, errors: {} }, {}),
    );
  }

  @Post('support-requests')
  async create(
    @SignedInCustomer() customer: PortalCustomer,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const type = text(body, 'type');
    const plain: Record<string, unknown> = {
      type,
      orderNumber: text(body, 'orderNumber'),
      message: optional(text(body, 'message')),
    };
    if (type === 'split') plain.lines = splitLines(body);
    if (type === 'retitle') plain.newTitle = newTitle(body);
    let id: string;
    try {
      const input = await validated(CreateSupportRequestDto, plain);
      id = await this.requests.create(customer, input);
    } catch (error) {
      const state = journeyFormState(error, body, req.locale, placeSupportField);
      if (
        error instanceof ProblemException &&
        error.code === (SupportErrorCode.SPLIT_TOTAL_MISMATCH as string)
      ) {
        state.errors.lines = problemMessage(req.locale, error);
      }
      res.status(refusalStatus(error));
      return res.render('journey/support-request-new', await this.formPage(customer, state, body));
    }
    redirectWithFlash(req, res, `/support-requests/${id}`, {
      kind: 'success',
      key: 'journey.support.created',
    });
  }

  @Get('support-requests/:id')
  @Render('journey/support-request')
  async detail(@SignedInCustomer() customer: PortalCustomer, @Param('id') id: string) {
    if (!isRecordId(id)) throw new NotFoundException();
    const request = await this.reader.getForCustomer(customer.customerId, id);
    return { titleKey: 'journey.support.detailTitle', ...detailView(request) };
  }

  private async formPage(
    customer: PortalCustomer,
    form: FormState,
    body: Record<string, unknown>,
  ): Promise<object> {
    const [bills, applications] = await Promise.all([
      this.billingRecords.listForCustomer(customer.customerId, {
        page: 1,
        pageSize: BILLS_OFFERED,
      }),
      this.applications.listForCustomer(customer.customerId, { page: 1, pageSize: BILLS_OFFERED }),
    ]);
    // A split's lines follow the title rules of the bill's fapiao type (journey.js shows them).
    const typeOf = new Map(applications.items.map((app) => [app.id, app.type]));
    const typed = (name: string) => texts(body, name);
    return {
      titleKey: 'journey.support.newTitle',
      types: SUPPORT_REQUEST_TYPES.map((value) => ({
        value,
        labelKey: supportTypeKey(value),
        hintKey: `journey.supportType.${value}.hint`,
      })),
      bills: bills.items.map((bill) => ({
        orderNumber: bill.orderNumber,
        amountFen: bill.amountFen,
        fapiaoType: bill.applicationId ? typeOf.get(bill.applicationId) : undefined,
      })),
      lines: Array.from({ length: SPLIT_ROWS }, (_, index) => ({
        index,
        number: index + 1,
        fields: [...TITLE_FIELDS.map(lineName), 'lineAmount'].map((name) => ({
          name,
          id: `${name}-${index}`,
          labelKey: `journey.support.${name}`,
          value: typed(name)[index] ?? '',
          error: form.errors[`${name}-${index}`],
          amount: name === 'lineAmount',
          specialOnly: !['lineBuyerName', 'lineTaxId', 'lineAmount'].includes(name),
        })),
      })),
      newTitleFields: TITLE_FIELDS.map((field) => ({
        name: newTitleName(field),
        labelKey: `journey.title.${field}`,
      })),
      ...form,
    };
  }
}

/** The split rows the customer filled in (wholly blank rows are left out), as the API takes them. */
function splitLines(body: Record<string, unknown>): object[] {
  const amounts = texts(body, 'lineAmount');
  const columns = TITLE_FIELDS.map((field) => texts(body, lineName(field)));
  const rows = Math.max(amounts.length, ...columns.map((c) => c.length));
  const lines: object[] = [];
  for (let i = 0; i < rows; i++) {
    const title: Partial<FapiaoTitle> = {};
    TITLE_FIELDS.forEach((field, f) => {
      const value = optional(columns[f][i] ?? '');
      if (value !== undefined) title[field] = value;
    });
    const amount = (amounts[i] ?? '').trim();
    if (amount === '' && Object.keys(title).length === 0) continue;
    lines.push({ title: { buyerName: '', ...title }, amountFen: fenFromYuan(amount) });
  }
  return lines;
}

function newTitle(body: Record<string, unknown>): object {
  const title: Partial<FapiaoTitle> = { buyerName: text(body, 'newBuyerName') };
  for (const field of TITLE_FIELDS.slice(1)) {
    const value = optional(text(body, newTitleName(field)));
    if (value !== undefined) title[field] = value;
  }
  return title;
}

function detailView(request: SupportRequestDto): object {
  return {
    request,
    typeKey: supportTypeKey(request.type),
    statusKey: supportStatusKey(request.status),
    createdOn: businessDateOf(request.createdAt),
    lines: request.lines?.map((line, i) => ({ ...line, number: i + 1 })),
    newTitleRows: request.newTitle
      ? TITLE_FIELDS.filter((f) => request.newTitle![f]).map((f) => ({
          labelKey: `journey.title.${f}`,
          value: request.newTitle![f],
        }))
      : [],
    timeline: [...request.history].reverse().map((entry) => ({
      on: businessDateOf(entry.at),
      statusKey: supportStatusKey(entry.to),
      reply: entry.kind === 'reply',
      message: entry.message,
    })),
    redLetterForms: redLetterFormsView(request.redLetterForms),
    replies: request.replies.map((reply) => ({
      on: businessDateOf(reply.at),
      message: reply.message,
    })),
  };
}
