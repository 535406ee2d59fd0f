import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RedLetterFormDto } from '../../red-letter/dto/red-letter-form.dto';
import { SHIPPING_METHODS, ShippingMethod } from '../../../shipping/shipping-method';
import {
  APPLICATION_PURPOSES,
  ApplicationPurpose,
  FAPIAO_TYPES,
  FapiaoType,
} from '../../titles/fapiao-title';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application-status';
import { FAPIAO_DOCUMENT_KINDS, FapiaoDocumentKind } from '../entities/fapiao-document.entity';

export class TitleDto {
  @ApiProperty()
  buyerName: string;
  @ApiPropertyOptional()
  taxId?: string;
  @ApiPropertyOptional()
  address?: string;
  @ApiPropertyOptional()
  phone?: string;
  @ApiPropertyOptional()
  bankName?: string;
  @ApiPropertyOptional()
  bankAccount?: string;
}

export class ShippingDto {
  @ApiProperty({ enum: SHIPPING_METHODS })
  method: ShippingMethod;
  @ApiPropertyOptional()
  recipient?: string;
  @ApiPropertyOptional()
  phone?: string;
  @ApiPropertyOptional()
  province?: string;
  @ApiPropertyOptional()
  city?: string;
  @ApiPropertyOptional()
  district?: string;
  @ApiPropertyOptional()
  address?: string;
  @ApiPropertyOptional()
  postalCode?: string;
  @ApiPropertyOptional({
    type: [String],
    description: '`email` only: the addresses the digital fapiao is sent to.',
  })
  deliveryEmails?: string[];
}

export class HistoryEntryDto {
  @ApiProperty({
    enum: APPLICATION_STATUSES,
    nullable: true,
    description: 'Null for the creation.',
  })
  from: ApplicationStatus | null;
  @ApiProperty({ enum: APPLICATION_STATUSES })
  to: ApplicationStatus;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiPropertyOptional()
  remark?: string;
}

export class RemarkDto {
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ example: 'Mailed out by SF Express, tracking number SF1234567890' })
  text: string;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid', description: 'Names the document in its files’ paths.' })
  id: string;
  @ApiProperty({ enum: FAPIAO_DOCUMENT_KINDS, description: '`blue`: a fapiao; `red`: a reversal.' })
  kind: FapiaoDocumentKind;
  @ApiProperty({ example: '04412345' })
  number: string;
  @ApiProperty({ example: '2026-11-25' })
  issueDate: string;
  @ApiProperty({ description: 'Amount including tax, in fen.' })
  amountFen: number;
  @ApiProperty({ description: 'Tax amount, in fen.' })
  taxAmountFen: number;
  @ApiProperty({ description: 'Amount without tax, in fen (amount − tax).' })
  amountWithoutTaxFen: number;
  @ApiPropertyOptional({ example: 600, description: 'Tax rate in basis points (600 = 6%).' })
  taxRateBasisPoints?: number;
  @ApiPropertyOptional({
    example: '031002400111',
    description: 'A legacy paper fapiao’s invoice code (10 or 12 digits).',
  })
  invoiceCode?: string;
  @ApiPropertyOptional({
    example: '04412345',
    description: 'Red-letter documents: the number of the blue document they reverse.',
  })
  reverses?: string;
}

export class ApplicationNoticeDto {
  @ApiProperty({ description: 'The out-of-use notice in the application’s language.' })
  message: string;
  @ApiProperty({ example: '2026-12-10' })
  expectedIssueDate: string;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  orderNumber: string;
  @ApiProperty({ enum: FAPIAO_TYPES })
  type: FapiaoType;
  @ApiProperty({ enum: APPLICATION_PURPOSES })
  purpose: ApplicationPurpose;
  @ApiProperty({ type: TitleDto })
  title: TitleDto;
  @ApiProperty({ type: ShippingDto })
  shipping: ShippingDto;
  @ApiProperty({ enum: APPLICATION_STATUSES })
  status: ApplicationStatus;
  @ApiProperty({
    description: 'Optimistic version; send it back with edits to detect concurrent changes.',
  })
  version: number;
  @ApiProperty({ description: "The bill's amount, in fen." })
  amountFen: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time' })
  submittedAt?: string;
  @ApiPropertyOptional({
    example: '2026-11-26',
    description: 'Two working days after submission (Asia/Shanghai).',
  })
  dueDate?: string;
  @ApiPropertyOptional({
    description:
      'With the due date: true while it counts days of a year whose holiday arrangement is not ' +
      'official yet (statutory holidays only); it may move when the arrangement is published.',
  })
  dueDateProvisional?: boolean;
  @ApiPropertyOptional({
    example: '2026-12-10',
    description: 'While fapiao are out of use: when issuing is expected.',
  })
  expectedIssueDate?: string;
  @ApiPropertyOptional({
    type: ApplicationNoticeDto,
    description: 'The current out-of-use notice, while it concerns this application.',
  })
  notice?: ApplicationNoticeDto;
  @ApiProperty({ type: [RemarkDto], description: 'Remarks in the history, oldest first.' })
  remarks: RemarkDto[];
  @ApiProperty({ type: [HistoryEntryDto] })
  history: HistoryEntryDto[];
  @ApiProperty({ type: [DocumentDto] })
  documents: DocumentDto[];
  @ApiProperty({
    type: [RedLetterFormDto],
    description:
      'Red-letter confirmation forms raised to reverse its digital fapiao, oldest first.',
  })
  redLetterForms: RedLetterFormDto[];
  @ApiPropertyOptional({ example: 'SF Express' })
  carrier?: string;
  @ApiPropertyOptional({ example: 'SF1234567890' })
  trackingNumber?: string;
  @ApiPropertyOptional()
  rejectionReason?: string;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] })
  items: ApplicationDto[];
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
  @ApiProperty({ description: 'Matching applications on all pages.' })
  total: number;
}

export class PrefillDto {
  @ApiPropertyOptional({ enum: FAPIAO_TYPES })
  type?: FapiaoType;
  @ApiPropertyOptional({ type: TitleDto })
  title?: TitleDto;
  @ApiPropertyOptional({ type: ShippingDto })
  shipping?: ShippingDto;
}
