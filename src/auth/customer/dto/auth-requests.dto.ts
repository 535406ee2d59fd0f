import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Locale, LOCALES } from '../../../common/locale';
import { MultiLine } from '../../../common/http/text-input';
import { PASSWORD_MAX_LENGTH } from '../../passwords/password-policy';

/**
 * Passwords are checked for 8–128 characters by the password policy (422, counted in code
 * points); this cap (in UTF-16 units) only stops absurd bodies before any hashing work.
 */
const PASSWORD_INPUT_CAP = 512;
/** Past the cap the message names the limit people are told and the policy enforces. */
const PASSWORD_CAP_MESSAGE = {
  message: `$property must be at most ${PASSWORD_MAX_LENGTH} characters long`,
};
const EMAIL_MAX = 254;
/** Tokens are 43 characters of base64url; anything much longer is not one of ours. */
const TOKEN_MAX = 128;

const emailProperty = { example: 'buyer@example.com', maxLength: EMAIL_MAX };
const passwordProperty = {
  description: '8–128 characters, any characters; not one of the most common passwords.',
  example: 'correct horse battery staple',
  minLength: 8,
  maxLength: PASSWORD_MAX_LENGTH,
};
const tokenProperty = {
  description: 'The token from the link in the email.',
  example: 'V2hhdCBhIGZpbmUgdG9rZW4gdGhpcyB3b3VsZCBiZSEhISE',
  maxLength: TOKEN_MAX,
};

export class RegisterRequest {
  @ApiProperty({
    description: 'The order number from the order confirmation email.',
    example: 'SO20261124000123',
    maxLength: 64,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  orderNumber: string;

  @ApiProperty({
    ...emailProperty,
    description: 'Login email; may differ from the shop account. Case-insensitive.',
  })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;

  @ApiProperty(passwordProperty)
  @IsString()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  password: string;

  @ApiPropertyOptional({
    enum: LOCALES,
    default: 'zh-CN',
    description: "Language of mails and pages; defaults to the order's.",
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class TokenRequest {
  @ApiProperty(tokenProperty)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX)
  token: string;
}

export class EmailRequest {
  @ApiProperty(emailProperty)
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;
}

export class LoginRequest {
  @ApiProperty(emailProperty)
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  password: string;
}

export class ResetPasswordRequest {
  @ApiProperty(tokenProperty)
  @IsString()
  @IsNotEmpty()
  @MaxLength(TOKEN_MAX)
  token: string;

  @ApiProperty(passwordProperty)
  @IsString()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  newPassword: string;
}

export class ChangePasswordRequest {
  @ApiProperty({ example: 'correct horse battery staple', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  currentPassword: string;

  @ApiProperty(passwordProperty)
  @IsString()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  newPassword: string;
}

export class ChangeEmailRequest {
  @ApiProperty({
    ...emailProperty,
    description: 'The new login email; a confirmation link goes there.',
  })
  @IsEmail()
  @MaxLength(EMAIL_MAX)
  newEmail: string;

  @ApiProperty({ description: 'The current password (re-authentication).', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MultiLine()
  @MaxLength(PASSWORD_INPUT_CAP, PASSWORD_CAP_MESSAGE)
  password: string;
}

export class ReportAccountRequest {
  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'What support should know, e.g. "nobody of that name works here".',
  })
  @IsOptional()
  @IsString()
  @MultiLine()
  @MaxLength(1000)
  message?: string;
}
