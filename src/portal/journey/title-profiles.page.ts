import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import type { TitleInputDto } from '../../fapiao/applications/dto/application-input.dto';
import { TITLE_FIELDS } from '../../fapiao/titles/fapiao-title';
import {
  CreateTitleProfileDto,
  type TitleProfileDto,
  UpdateTitleProfileDto,
} from '../../title-profiles/dto/title-profile.dto';
import { TITLE_PROFILE_KINDS } from '../../title-profiles/title-profile-kind';
import { TitleProfilesService } from '../../title-profiles/title-profiles.service';
import { PortalController } from '../http/portal-controller.decorator';
import { redirectWithFlash } from '../http/portal-flash';
import type { FormState } from '../http/portal-forms';
import type { PortalCustomer, PortalRequest } from '../sign-in/portal-customer';
import { PortalSignedInGuard, SignedInCustomer } from '../sign-in/portal-signed-in.guard';
import { journeyFormState, optional, refusalStatus, text, under, validated } from './journey-forms';

const LIST_PATH = '/title-profiles';

/** The title as a form sends it: blank optional fields left out, as an API client would. */
export function titleFromForm(body: Record<string, unknown>): TitleInputDto {
  const title: TitleInputDto = { buyerName: text(body, 'buyerName') };
  for (const name of TITLE_FIELDS.slice(1)) {
    const value = optional(text(body, name));
    if (value !== undefined) title[name] = value;
  }
  return title;
}

/** The saved titles' form values (the title's fields and the kind). */
function formValues(profile: TitleProfileDto): Record<string, string> {
  return { kind: profile.kind, ...Object.fromEntries(Object.entries(profile.title)) };
}

/**
 * Saved titles (抬头管理): list, add, change, make default, delete. The rules are the
 * title-profiles service's; the apply page offers these titles to pick from.
 */
@PortalController()
@UseGuards(PortalSignedInGuard)
export class TitleProfilesPages {
  constructor(private readonly profiles: TitleProfilesService) {}

  @Get('title-profiles')
  async list(@SignedInCustomer() customer: PortalCustomer, @Res() res: Response): Promise<void> {
    res.render(
      'journey/title-profiles',
      await this.listPage(customer, { values: { kind: 'company' }, errors: {} }),
    );
  }

  @Post('title-profiles')
  async create(
    @SignedInCustomer() customer: PortalCustomer,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const input = await validated(CreateTitleProfileDto, {
        kind: text(body, 'kind'),
        title: titleFromForm(body),
        isDefault: text(body, 'isDefault') === 'true' ? true : undefined,
      });
      await this.profiles.create(customer, input);
    } catch (error) {
      res.status(refusalStatus(error));
      return res.render(
        'journey/title-profiles',
        await this.listPage(customer, this.formState(error, body, req)),
      );
    }
    redirectWithFlash(req, res, LIST_PATH, { kind: 'success', key: 'titleProfiles.saved' });
  }

  @Get('title-profiles/:id/edit')
  async edit(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const profile = await this.profiles.get(customer, id);
    res.render(
      'journey/title-profile-edit',
      this.editPage(profile, { values: formValues(profile), errors: {} }),
    );
  }

  @Post('title-profiles/:id')
  async update(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    const profile = await this.profiles.get(customer, id);
    try {
      const input = await validated(UpdateTitleProfileDto, {
        kind: text(body, 'kind'),
        title: titleFromForm(body),
      });
      await this.profiles.update(customer, profile.id, input);
    } catch (error) {
      res.status(refusalStatus(error));
      return res.render(
        'journey/title-profile-edit',
        this.editPage(profile, this.formState(error, body, req)),
      );
    }
    redirectWithFlash(req, res, LIST_PATH, { kind: 'success', key: 'titleProfiles.saved' });
  }

  @Post('title-profiles/:id/default')
  async makeDefault(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.profiles.update(customer, id, { isDefault: true });
    redirectWithFlash(req, res, LIST_PATH, { kind: 'success', key: 'titleProfiles.madeDefault' });
  }

  @Post('title-profiles/:id/delete')
  async remove(
    @SignedInCustomer() customer: PortalCustomer,
    @Param('id') id: string,
    @Req() req: PortalRequest,
    @Res() res: Response,
  ): Promise<void> {
    await this.profiles.remove(customer, id);
    redirectWithFlash(req, res, LIST_PATH, { kind: 'success', key: 'titleProfiles.deleted' });
  }

  private formState(error: unknown, body: Record<string, unknown>, req: PortalRequest): FormState {
    return journeyFormState(error, body, req.locale, (path) =>
      path === 'kind' ? path : under('title')(path),
    );
  }

  private async listPage(customer: PortalCustomer, form: FormState): Promise<object> {
    const profiles = await this.profiles.list(customer);
    return {
      titleKey: 'titleProfiles.title',
      profiles: profiles.map((profile) => ({
        ...profile,
        kindKey: `titleProfiles.kind.${profile.kind}`,
        rows: TITLE_FIELDS.filter((name) => name !== 'buyerName' && profile.title[name]).map(
          (name) => ({ labelKey: `journey.title.${name}`, value: profile.title[name] }),
        ),
      })),
      ...this.formParts(),
      ...form,
    };
  }

  private editPage(profile: TitleProfileDto, form: FormState): object {
    return { titleKey: 'titleProfiles.editTitle', profile, ...this.formParts(), ...form };
  }

  private formParts(): object {
    return {
      kinds: TITLE_PROFILE_KINDS.map((value) => ({
        value,
        labelKey: `titleProfiles.kind.${value}`,
      })),
      fields: TITLE_FIELDS.map((name) => ({
        name,
        labelKey: `journey.title.${name}`,
        required: name === 'buyerName',
      })),
    };
  }
}
