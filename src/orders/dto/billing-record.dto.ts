import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/http/page-query.dto';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class BillingRecordsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only bills that can be applied for now; false: only those that cannot.',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'applicable must be true or false' })
  applicable?: boolean;
}

export class OrderItemDto {
  @ApiProperty()
  description: string;

  @ApiProperty({ description: 'Integer fen.' })
  amountFen: number;
}

export class BillingRecordDto {
  @ApiProperty({ example: 'SO-20260301-0001' })
  orderNumber: string;

  @ApiProperty({ description: 'Integer fen (分).', example: 12800 })
  amountFen: number;

  @ApiProperty({ enum: ['CNY'] })
  currency: 'CNY';

  @ApiProperty({ type: String, format: 'date-time' })
  orderedAt: string;

  @ApiProperty({
    description:
      'Whether the payment platform has pushed the payment record (about three days after the order). Until then the bill cannot be applied for.',
  })
  paymentSynced: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Once synced.' })
  paymentSyncedAt?: string;

  @ApiPropertyOptional({
    description:
      'Once synced. For a purchase certificate or a refund the fapiao title must equal it.',
  })
  payerName?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Once synced.' })
  paidAt?: string;

  @ApiProperty({
    description:
      'True when the payment has synced and no application holds the bill (none, or only draft, cancelled or rejected ones).',
  })
  applicable: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The status of the bill's fapiao application; null when there is none.",
    example: 'submitted',
  })
  fapiaoStatus: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'The application fapiaoStatus belongs to.' })
  applicationId?: string;
}

export class BillingRecordDetailDto extends BillingRecordDto {
  @ApiProperty({ type: [OrderItemDto] })
  items: OrderItemDto[];
}

export class BillingRecordPageDto {
  @ApiProperty({ type: [BillingRecordDto], description: 'Newest order first.' })
  items: BillingRecordDto[];

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ description: 'Matching records on all pages.' })
  total: number;
}
