import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ProblemException } from '../../common/errors/problem.exception';
import type { Locale } from '../../common/locale';
import { ApplicationReader } from '../../fapiao/applications/application-reader';
import { ApplicationsService } from '../../fapiao/applications/applications.service';
import {
  ShippingInputDto,
  TitleInputDto,
  UpdateApplicationDto,
} from '../../fapiao/applications/dto/application-input.dto';
import type { ApplicationDto } from '../../fapiao/applications/dto/application.dto';
import { FapiaoException } from '../../fapiao/fapiao.exception';
import {
  APPLICATION_PURPOSES,
  FAPIAO_TYPES,
  TITLE_FIELDS,
  type ApplicationPurpose,
  type FapiaoType,
} from '../../fapiao/titles/fapiao-title';
import {
  checkTitle,
  SPECIAL_FAPIAO_OPTIONAL_FIELDS,
  SPECIAL_FAPIAO_REQUIRED_FIELDS,
} from '../../fapiao/titles/title-rules';
import { BillingRecordsService } from '../../orders/billing-records/billing-records.service';
import type { BillingRecordDetail } from '../../orders/billing-records/billing-records.service';
import { ShippingService } from '../../shipping/shipping.service';
import { DEFAULT_SHIPPING_METHOD, type ShippingMethod } from '../../shipping/shipping-method';
import type { TitleProfileDto } from '../../title-profiles/dto/title-profile.dto';
import type { TitleProfileKind } from '../../title-profiles/title-profile-kind';
import { TitleProfilesService } from '../../title-profiles/title-profiles.service';
import { normaliseTaxpayerId, taxpayerKind } from '../../fapiao/titles/taxpayer-id';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectAfterSaving, redirectWithFlash } from '../http/portal-flash';
import type { FormState } from '../http/portal-forms';
import { problemMessage } from '../http/portal-error-pages';
import { applyPathFor } from '../pages/apply-entry.controller';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import {
  journeyFormState,
  optional,
  refusalStatus,
  stateForFieldErrors,
  text,
  under,
  validated,
} from './journey-forms';
import {
  DELIVERY_EMAILS_FIELD,
  deliveryEmailsForForm,
  deliveryEmailsFromForm,
  PARCEL_FIELDS,
  shippingRows,
} from './delivery-form';
import { applicationStatusKey } from './journey-view';

/** The first step's choices, kept in the session until the draft exists (it needs delivery too). */
export interface TitleStep {
  type: FapiaoType;
  purpose: ApplicationPurpose;
  title: TitleInputDto;
}

declare module 'express-session' {
  interface SessionData {
    /** By order number: the title step of an application whose draft is not written yet. */
    applyTitleSteps?: Record<string, TitleStep>;
  }
}

const SHIPPING_FIELDS = PARCEL_FIELDS;
/** Title fields a normal fapiao does not ask for (shown, with JS, only for a special one). */
const SPECIAL_ONLY_FIELDS = SPECIAL_FAPIAO_OPTIONAL_FIELDS;
const EMPTY_FORM: FormState = { values: {}, errors: {} };

function stringsOf(source: object | undefined, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const record = (source ?? {}) as Record<string, unknown>;
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/**
 * Apply for a bill's fapiao in the help page's steps: type and title → delivery → review →
 * confirm. The API's draft holds the choices from the delivery step on (the API creates a draft
 * with both), so a customer who leaves comes back to it; every rule is the services'.
 */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class ApplyPages {
  constructor(
    private readonly billingRecords: BillingRecordsService,
    private readonly applications: ApplicationsService,
    private readonly reader: ApplicationReader,
    private readonly shipping: ShippingService,
    private readonly titleProfiles: TitleProfilesService,
  ) {}

  // Step 1: type and title.

  @Get('billing-records/:orderNumber/apply')
  async titleStep(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    const step = req.session.applyTitleSteps?.[orderNumber];
    const profiles = await this.titleProfiles.list(customer);
    const chosen = step ?? draft ?? (await this.reader.prefillForAccount(customer.accountId));
    // A title picked from the saved ones (`?profile=`), else the default one for a new
    // application, else what this application or the last one had.
    const wanted = typeof req.query.profile === 'string' ? req.query.profile : undefined;
    const picked = wanted
      ? profiles.find((p) => p.id === wanted)
      : step || draft
        ? undefined
        : profiles.find((p) => p.isDefault);
    const values = {
      type: picked?.kind === 'individual' ? 'normal' : (chosen.type ?? 'normal'),
      purpose: (chosen as { purpose?: string }).purpose ?? 'none',
      ...stringsOf(picked?.title ?? chosen.title, TITLE_FIELDS),
    };
    res.render(
      'journey/apply-title',
      this.titlePage(record, { values, errors: {} }, profiles, picked?.id),
    );
  }

  @Post('billing-records/:orderNumber/apply')
  async submitTitle(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    const title: TitleInputDto = { buyerName: text(body, 'buyerName') };
    for (const name of TITLE_FIELDS.slice(1)) {
      const value = optional(text(body, name));
      if (value !== undefined) title[name] = value;
    }
    const plain = {
      type: text(body, 'type'),
      purpose: optional(text(body, 'purpose')),
      title,
    };
    try {
      const input = await validated(UpdateApplicationDto, plain);
      const step: TitleStep = {
        type: input.type!,
        purpose: input.purpose ?? 'none',
        title: input.title!,
      };
      if (draft) {
        // The service checks the title with the draft's delivery and the bill (payer rules).
        await this.applications.update(customer, draft.id, { ...step, version: draft.version });
      } else {
        const errors = checkTitle(step.type, step.title);
        if (errors.length > 0) throw FapiaoException.invalid(errors);
        req.session.applyTitleSteps = { ...req.session.applyTitleSteps, [orderNumber]: step };
      }
      if (text(body, 'saveProfile') === 'true') {
        await this.titleProfiles.create(customer, {
          kind: profileKindOf(step.title),
          title: step.title,
        });
      }
    } catch (error) {
      const state = journeyFormState(error, body, req.locale, (path) =>
        path === 'type' || path === 'purpose' ? path : under('title')(path),
      );
      res.status(refusalStatus(error));
      const profiles = await this.titleProfiles.list(customer);
      return res.render('journey/apply-title', this.titlePage(record, state, profiles));
    }
    // The next step reads the choices from the session: it must be stored first.
    redirectAfterSaving(req, res, `${applyPathFor(orderNumber)}/delivery`);
  }

  /** The taxpayer ID checked as the customer types (journey.js): the title rules' answer. */
  @Get('billing-records/:orderNumber/apply/tax-id-check')
  checkTaxId(
    @Query('taxId') taxId: unknown,
    @Query('type') type: unknown,
    @Req() req: PortalRequest,
  ): object {
    const value = typeof taxId === 'string' ? taxId.trim().slice(0, 64) : '';
    if (value === '') return { valid: true };
    const errors = checkTitle(type === 'special' ? 'special' : 'normal', {
      buyerName: '-',
      taxId: value,
    }).filter((e) => e.field === 'title.taxId');
    if (errors.length === 0) return { valid: true };
    const state = stateForFieldErrors(errors, {}, req.locale, under('title'));
    return { valid: false, message: state.errors.taxId };
  }

  // Step 2: delivery.

  @Get('billing-records/:orderNumber/apply/delivery')
  async deliveryStep(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    if (!draft && !req.session.applyTitleSteps?.[orderNumber]) {
      return res.redirect(303, applyPathFor(orderNumber));
    }
    const shipping =
      draft?.shipping ?? (await this.reader.prefillForAccount(customer.accountId)).shipping;
    // Electronic to the account's own address unless this account chose otherwise before.
    const values = {
      method: shipping?.method ?? DEFAULT_SHIPPING_METHOD,
      ...stringsOf(shipping, SHIPPING_FIELDS),
      [DELIVERY_EMAILS_FIELD]: deliveryEmailsForForm(shipping?.deliveryEmails ?? [customer.email]),
    };
    res.render(
      'journey/apply-delivery',
      this.deliveryPage(record, req.locale, { values, errors: {} }),
    );
  }

  @Post('billing-records/:orderNumber/apply/delivery')
  async submitDelivery(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    const step = req.session.applyTitleSteps?.[orderNumber];
    if (!draft && !step) return res.redirect(303, applyPathFor(orderNumber));
    const method = text(body, 'method');
    const shipping: Record<string, string | string[]> = { method };
    if (method === ('email' satisfies ShippingMethod)) {
      // The parcel's fields stay hidden for email and are not part of the choice.
      shipping.deliveryEmails = deliveryEmailsFromForm(text(body, DELIVERY_EMAILS_FIELD));
    } else {
      for (const name of SHIPPING_FIELDS) {
        const value = optional(text(body, name));
        if (value !== undefined) shipping[name] = value;
      }
    }
    try {
      const input = await validated(ShippingInputDto, shipping);
      if (draft) {
        await this.applications.update(customer, draft.id, {
          ...step,
          shipping: input,
          version: draft.version,
        });
      } else {
        await this.createDraft(customer, orderNumber, { ...step!, shipping: input });
      }
    } catch (error) {
      const state = journeyFormState(error, body, req.locale, (path) =>
        path === 'method' ? path : under('shipping')(path),
      );
      res.status(refusalStatus(error));
      return res.render('journey/apply-delivery', this.deliveryPage(record, req.locale, state));
    }
    if (step) {
      const { [orderNumber]: _written, ...others } = req.session.applyTitleSteps ?? {};
      req.session.applyTitleSteps = others;
    }
    redirectAfterSaving(req, res, `${applyPathFor(orderNumber)}/review`);
  }

  // Step 3: review, then confirm or go back to edit.

  @Get('billing-records/:orderNumber/apply/review')
  async review(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    if (!draft) return res.redirect(303, applyPathFor(orderNumber));
    res.render('journey/apply-review', this.reviewPage(record, draft, req.locale, EMPTY_FORM));
  }

  @Post('billing-records/:orderNumber/apply/confirm')
  async confirm(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('orderNumber') orderNumber: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const { record, draft } = await this.applicable(customer, orderNumber);
    if (!record.applicable) return this.unavailable(res, req.locale, record);
    if (!draft) return res.redirect(303, applyPathFor(orderNumber));
    const version = Number(text(body, 'version'));
    try {
      await this.applications.confirm(
        customer,
        draft.id,
        Number.isSafeInteger(version) && version >= 1 ? version : undefined,
      );
    } catch (error) {
      const state = journeyFormState(error, body, req.locale, () => null);
      const current = await this.reader.getForCustomer(customer.customerId, draft.id);
      res.status(refusalStatus(error));
      return res.render(
        'journey/apply-review',
        this.reviewPage(record, current, req.locale, state),
      );
    }
    redirectWithFlash(req, res, `/applications/${draft.id}`, {
      kind: 'success',
      key: 'journey.apply.confirmed',
    });
  }

  /**
   * A new draft; when one already exists for the bill (DRAFT_EXISTS, or one written meanwhile
   * from another tab), the customer's choices go into that draft instead.
   */
  private async createDraft(
    customer: PortalCustomer,
    orderNumber: string,
    choices: TitleStep & { shipping: ShippingInputDto },
  ): Promise<void> {
    try {
      await this.applications.create(customer, { orderNumber, ...choices });
    } catch (error) {
      if (!(error instanceof ProblemException) || error.code !== 'DRAFT_EXISTS') throw error;
      const { draft } = await this.applicable(customer, orderNumber);
      if (!draft) throw error;
      await this.applications.update(customer, draft.id, { ...choices, version: draft.version });
    }
  }

  /** The bill and, when it has one, its draft (the application the bill's record points to). */
  private async applicable(
    customer: PortalCustomer,
    orderNumber: string,
  ): Promise<{ record: BillingRecordDetail; draft?: ApplicationDto }> {
    const record = await this.billingRecords.getForCustomer(customer.customerId, orderNumber);
    if (record.fapiaoStatus !== 'draft' || !record.applicationId) return { record };
    const draft = await this.reader.getForCustomer(customer.customerId, record.applicationId);
    return { record, draft: draft.status === 'draft' ? draft : undefined };
  }

  /** A bill that cannot be applied for now: why (payment not synced, or held), and where to go. */
  private unavailable(res: Response, locale: Locale, record: BillingRecordDetail): void {
    // The API's own refusal for this bill, with its status and code.
    const refusal = record.paymentSynced
      ? FapiaoException.billAlreadyApplied(record.orderNumber)
      : FapiaoException.paymentNotSynced(record.orderNumber);
    res.status(refusal.status).render('journey/apply-unavailable', {
      titleKey: 'journey.apply.title',
      record,
      statusKey: applicationStatusKey(record.fapiaoStatus),
      reason: problemMessage(locale, refusal),
      applicationPath: record.applicationId ? `/applications/${record.applicationId}` : undefined,
    });
  }

  private titlePage(
    record: BillingRecordDetail,
    form: FormState,
    profiles: TitleProfileDto[],
    pickedId?: string,
  ): object {
    return {
      titleKey: 'journey.apply.title',
      record,
      applyPath: applyPathFor(record.orderNumber),
      profiles: profiles.map((p) => ({
        id: p.id,
        buyerName: p.title.buyerName,
        taxId: p.title.taxId,
        isDefault: p.isDefault,
        selected: p.id === pickedId,
      })),
      types: FAPIAO_TYPES.map((value) => ({ value, labelKey: `journey.type.${value}` })),
      purposes: APPLICATION_PURPOSES.map((value) => ({
        value,
        labelKey: `journey.purpose.${value}`,
      })),
      fields: TITLE_FIELDS.map((name) => ({
        name,
        labelKey: `journey.title.${name}`,
        // The buyer's name is required for both types, the taxpayer ID for a special fapiao.
        required: name === 'buyerName',
        requiredForSpecial:
          name !== 'buyerName' &&
          (SPECIAL_FAPIAO_REQUIRED_FIELDS as readonly string[]).includes(name),
        specialOnly: (SPECIAL_ONLY_FIELDS as readonly string[]).includes(name),
        check: name === 'taxId' ? `${applyPathFor(record.orderNumber)}/tax-id-check` : undefined,
      })),
      ...form,
    };
  }

  private deliveryPage(record: BillingRecordDetail, locale: Locale, form: FormState): object {
    const { methods } = this.shipping.listOptions();
    return {
      titleKey: 'journey.delivery.title',
      record,
      applyPath: applyPathFor(record.orderNumber),
      methods: methods.map((option) => ({
        value: option.method,
        name: option.name[locale],
        freightCollect: option.freightCollect,
        requiredFields: option.requiredFields.join(' '),
        branch: option.branch && {
          name: option.branch.name[locale],
          address: option.branch.address[locale],
          contact: option.branch.contact[locale],
        },
      })),
      emailField: {
        name: DELIVERY_EMAILS_FIELD,
        labelKey: `journey.shipping.${DELIVERY_EMAILS_FIELD}`,
      },
      fields: SHIPPING_FIELDS.map((name) => ({ name, labelKey: `journey.shipping.${name}` })),
      ...form,
    };
  }

  private reviewPage(
    record: BillingRecordDetail,
    draft: ApplicationDto,
    locale: Locale,
    form: FormState,
  ): object {
    const option = this.shipping
      .listOptions()
      .methods.find((m) => m.method === draft.shipping.method);
    return {
      titleKey: 'journey.review.title',
      record,
      draft,
      applyPath: applyPathFor(record.orderNumber),
      typeKey: `journey.type.${draft.type}`,
      purposeKey: `journey.purpose.${draft.purpose}`,
      titleRows: TITLE_FIELDS.filter((name) => draft.title[name]).map((name) => ({
        labelKey: `journey.title.${name}`,
        value: draft.title[name],
      })),
      methodName: option?.name[locale] ?? draft.shipping.method,
      branch: option?.branch && {
        address: option.branch.address[locale],
        contact: option.branch.contact[locale],
      },
      shippingRows: shippingRows(draft.shipping),
      ...form,
    };
  }
}

/** A title saved from the apply page: an organisation's when it has an organisation's ID. */
function profileKindOf(title: TitleInputDto): TitleProfileKind {
  const taxId = title.taxId?.trim();
  return taxId && taxpayerKind(normaliseTaxpayerId(taxId)) === 'organisation'
    ? 'company'
    : 'individual';
}
