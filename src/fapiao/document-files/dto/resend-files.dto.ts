import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ResendFilesDto {
  @ApiProperty({ example: 'accounts@example.com', description: 'Where to send the fapiao files.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}
