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
import type { Locale } from '../../common/locale';
import { Clock } from '../../common/time/clock';
import { toBusinessDate } from '../../common/time/business-date';
import { ApplicationReader } from '../../fapiao/applications/application-reader';
import { allowsFrom } from '../../fapiao/applications/application-transitions';
import { ApplicationsService } from '../../fapiao/applications/applications.service';
import {
  DocumentFilesService,
  type DocumentFileList,
} from '../../fapiao/document-files/document-files.service';
import type { ApplicationDto } from '../../fapiao/applications/dto/application.dto';
import { WorkingDaysService } from '../../fapiao/calendar/working-days.service';
import type { HolidayPause } from '../../fapiao/calendar/working-day-calendar';
import { TITLE_FIELDS } from '../../fapiao/titles/fapiao-title';
import { ShippingService } from '../../shipping/shipping.service';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import type { FormState } from '../http/portal-forms';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { journeyFormState, refusalStatus, text } from './journey-forms';
import { shippingRows } from './delivery-form';
import {
  applicationStatusKey,
  businessDateOf,
  dateRangeText,
  isRecordId,
  pageNumber,
} from './journey-view';

const PAGE_SIZE = 20;
/** Statuses in which the due date is still ahead of the customer. */
const WAITING = new Set(['submitted', 'processing', 'on_hold']);

/** The customer's applications, and one of them (what the application mails link to). */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class ApplicationsPages {
  constructor(
    private readonly reader: ApplicationReader,
    private readonly applications: ApplicationsService,
    private readonly shipping: ShippingService,
    private readonly workingDays: WorkingDaysService,
    private readonly clock: Clock,
    private readonly documentFiles: DocumentFilesService,
  ) {}

  @Get('applications')
  @Render('journey/applications')
  async list(@SignedInCustomer() customer: PortalCustomer, @Query('page') page: unknown) {
    const found = await this.reader.listForCustomer(customer.customerId, {
      page: pageNumber(page),
      pageSize: PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    return {
      titleKey: 'journey.applications.title',
      applications: found.items.map((app) => ({
        ...app,
        statusKey: applicationStatusKey(app.status),
        typeKey: `journey.type.${app.type}`,
        createdOn: businessDateOf(app.createdAt),
      })),
      empty: found.total === 0,
      previousPage: found.page > 1 ? Math.min(found.page - 1, pages) : undefined,
      nextPage: found.page < pages ? found.page + 1 : undefined,
      page: found.page,
      pages,
    };
  }

  @Get('applications/:id')
  async detail(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const app = await this.find(customer, id);
    const pauses = await this.pausesBefore(app);
    const files = app.documents.length
      ? await this.documentFiles.listForCustomer(customer.customerId, app.id)
      : [];
    res.render('journey/application', {
      ...this.detailPage(app, pauses, req.locale, { values: {}, errors: {} }),
      ...filesPart(app, files),
    });
  }

  @Post('applications/:id/cancel')
  async cancel(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const app = await this.find(customer, id);
    const version = Number(text(body, 'version'));
    try {
      await this.applications.cancel(
        customer,
        app.id,
        Number.isSafeInteger(version) && version >= 1 ? version : undefined,
      );
    } catch (error) {
      const state = journeyFormState(error, body, req.locale, () => null);
      const current = await this.find(customer, id);
      const pauses = await this.pausesBefore(current);
      res.status(refusalStatus(error));
      return res.render('journey/application', this.detailPage(current, pauses, req.locale, state));
    }
    redirectWithFlash(req, res, `/applications/${app.id}`, {
      kind: 'success',
      key: 'journey.application.cancelled',
    });
  }

  private async find(customer: PortalCustomer, id: string): Promise<ApplicationDto> {
    if (!isRecordId(id)) throw new NotFoundException();
    return this.reader.getForCustomer(customer.customerId, id);
  }

  /** The holidays between today and a waiting application's due date: why it takes longer. */
  private async pausesBefore(app: ApplicationDto): Promise<HolidayPause[]> {
    if (!app.dueDate || !WAITING.has(app.status)) return [];
    const today = toBusinessDate(this.clock.now());
    return app.dueDate < today ? [] : this.workingDays.holidaysBetween(today, app.dueDate);
  }

  private detailPage(
    app: ApplicationDto,
    pauses: HolidayPause[],
    locale: Locale,
    form: FormState,
  ): object {
    const option = this.shipping
      .listOptions()
      .methods.find((m) => m.method === app.shipping.method);
    return {
      titleKey: 'journey.application.title',
      app,
      statusKey: applicationStatusKey(app.status),
      typeKey: `journey.type.${app.type}`,
      purposeKey: `journey.purpose.${app.purpose}`,
      isDraft: app.status === 'draft',
      continuePath: `/billing-records/${encodeURIComponent(app.orderNumber)}/apply/review`,
      canCancel: allowsFrom('cancel', app.status),
      pauses: pauses.map((pause) => ({
        range: dateRangeText(pause.from, pause.to, locale),
        names: pause.names.join(locale === 'en' ? ', ' : '、'),
      })),
      // A due date counted on a year whose holiday arrangement is not yet published.
      dueDateProvisional: app.dueDateProvisional === true && WAITING.has(app.status),
      submittedOn: businessDateOf(app.submittedAt),
      titleRows: TITLE_FIELDS.filter((name) => app.title[name]).map((name) => ({
        labelKey: `journey.title.${name}`,
        value: app.title[name],
      })),
      shippingRows: shippingRows(app.shipping),
      methodName: option?.name[locale] ?? app.shipping.method,
      branch: option?.branch && {
        address: option.branch.address[locale],
        contact: option.branch.contact[locale],
      },
      // Newest first, as a timeline reads; dates only (business dates, never a time).
      timeline: [...app.history].reverse().map((entry) => ({
        statusKey: applicationStatusKey(entry.to),
        on: businessDateOf(entry.at),
        remark: entry.remark,
      })),
      remarks: app.remarks.map((remark) => ({ on: businessDateOf(remark.at), text: remark.text })),
      documents: app.documents.map((doc) => ({ ...doc, kindKey: `journey.document.${doc.kind}` })),
      redLetterForms: redLetterFormsView(app.redLetterForms),
      ...form,
    };
  }
}

/** Download links beside each document that has files, and whether the resend form is offered. */
function filesPart(app: ApplicationDto, files: DocumentFileList[]) {
  const byDocument = new Map(files.map((f) => [f.documentId, f.files]));
  return {
    documents: app.documents.map((doc) => ({
      ...doc,
      kindKey: `journey.document.${doc.kind}`,
      taxRate:
        doc.taxRateBasisPoints === undefined ? undefined : percentText(doc.taxRateBasisPoints),
      files: (byDocument.get(doc.id) ?? []).map((file) => ({
        kind: file.kind,
        label: file.kind.toUpperCase(),
        path: `/applications/${app.id}/documents/${doc.id}/files/${file.kind}`,
      })),
    })),
    canResendFiles: files.some((f) => f.files.some((file) => file.kind === 'pdf')),
  };
}

/** Basis points as a percentage: 600 → "6%", 150 → "1.5%". */
function percentText(basisPoints: number): string {
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  return `${Math.floor(basisPoints / 100)}${basisPoints % 100 ? `.${fraction}` : ''}%`;
}
