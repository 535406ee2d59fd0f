import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  AuthenticatedCustomer,
  CurrentCustomer,
} from '../auth/customer/current-customer.decorator';
import { CustomerAuthGuard } from '../auth/customer/customer-auth.guard';
import {
  CreateTitleProfileDto,
  TitleProfileDto,
  TitleProfileListDto,
  UpdateTitleProfileDto,
} from './dto/title-profile.dto';
import { MAX_TITLE_PROFILES, TitleProfilesService } from './title-profiles.service';

const ID_PARAM = { name: 'id', format: 'uuid', description: 'The saved title.' } as const;
const NOT_FOUND = {
  description: "No such saved title among the customer's (TITLE_PROFILE_NOT_FOUND).",
};

/** The signed-in customer's saved fapiao titles, shared by the company's accounts. */
@ApiTags('title profiles')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@ApiBadRequestResponse({ description: 'Malformed input (VALIDATION_FAILED).' })
@UseGuards(CustomerAuthGuard)
@Controller('api/v1/title-profiles')
export class TitleProfilesController {
  constructor(private readonly profiles: TitleProfilesService) {}

  @Get()
  @ApiOperation({
    summary: 'Saved titles, the default first',
    description:
      "The company's saved fapiao titles, shared by all its accounts; the default one first.",
  })
  @ApiOkResponse({ type: TitleProfileListDto })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<TitleProfileListDto> {
    return { items: await this.profiles.list(customer) };
  }

  @Post()
  @ApiOperation({
    summary: 'Save a title',
    description:
      `The title rules of a normal fapiao apply (the taxpayer ID normalised and checked); a ` +
      `company's title never carries a resident ID number. The first saved title, or one with ` +
      `isDefault, is the default. At most ${MAX_TITLE_PROFILES} per customer.`,
  })
  @ApiCreatedResponse({ type: TitleProfileDto })
  @ApiUnprocessableEntityResponse({ description: 'Title rules (TITLE_PROFILE_INVALID, errors).' })
  @ApiConflictResponse({ description: 'TITLE_PROFILE_LIMIT, or TITLE_PROFILE_CONFLICT.' })
  create(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: CreateTitleProfileDto,
  ): Promise<TitleProfileDto> {
    return this.profiles.create(customer, body);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One saved title',
    description: "One of the company's saved titles; another company's or an unknown id is a 404.",
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: TitleProfileDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<TitleProfileDto> {
    return this.profiles.get(customer, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a saved title or make it the default',
    description: '`title` replaces the whole title.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: TitleProfileDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnprocessableEntityResponse({ description: 'Title rules (TITLE_PROFILE_INVALID, errors).' })
  update(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
    @Body() body: UpdateTitleProfileDto,
  ): Promise<TitleProfileDto> {
    return this.profiles.update(customer, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a saved title',
    description: 'Deleting the default makes the newest remaining title the default.',
  })
  @ApiParam(ID_PARAM)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse(NOT_FOUND)
  async remove(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<void> {
    await this.profiles.remove(customer, id);
  }
}
