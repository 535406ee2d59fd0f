import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, Locale } from '../../../common/locale';
import { AccountStatus } from '../entities/account-status';

export class AcceptedResponse {
  @ApiProperty({ description: 'The same text whatever the outcome, so it reveals nothing.' })
  message: string;
}

export class ActivatedResponse {
  @ApiProperty({ example: 'active', enum: [AccountStatus.ACTIVE] })
  status: AccountStatus.ACTIVE;

  @ApiProperty()
  message: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'JWT; send it as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires.', example: 3600 })
  expiresIn: number;
}

export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The customer (company) whose orders the account sees.',
  })
  customerId: string;

  @ApiProperty({ example: 'buyer@example.com' })
  email: string;

  @ApiProperty({ enum: LOCALES })
  locale: Locale;

  @ApiProperty({ enum: AccountStatus })
  status: AccountStatus;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  activatedAt: Date | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastLoginAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

export class ForgotEmailResponse {
  @ApiProperty({ description: 'In the language Accept-Language asks for (zh-CN by default).' })
  message: string;

  @ApiProperty({
    description: 'The message in every language.',
    example: { 'zh-CN': '我们无法为您查询登录邮箱……', en: 'We cannot look up a login email…' },
  })
  messages: Record<Locale, string>;

  @ApiProperty({ example: '(86) 400-089-0365' })
  customerServicePhone: string;
}

export class CompanyAccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'colleague@example.com' })
  email: string;

  @ApiProperty({
    example: '2026-11-24',
    format: 'date',
    description: 'Activation date (Asia/Shanghai).',
  })
  since: string;

  @ApiProperty({ description: 'True for the signed-in account itself.' })
  isYou: boolean;
}
