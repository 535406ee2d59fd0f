import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPPING_METHODS, ShippingMethod } from '../shipping-method';

export class BilingualTextDto {
  @ApiProperty({ example: '上海市浦东新区科苑路88号德国中心3号楼657室' })
  'zh-CN': string;

  @ApiProperty({
    example: 'Shanghai, Pudong New Area, Keyuan Road No. 88, German Center, building 3, 657',
  })
  en: string;
}

export class PickupBranchDto {
  @ApiProperty({ type: BilingualTextDto })
  name: BilingualTextDto;

  @ApiProperty({ type: BilingualTextDto })
  address: BilingualTextDto;

  @ApiProperty({ type: BilingualTextDto, description: 'The contact person at the branch.' })
  contactName: BilingualTextDto;

  @ApiProperty({ example: '021-28986102' })
  contactPhone: string;

  @ApiProperty({
    type: BilingualTextDto,
    description: 'Name and phone in one line, e.g. "Zhu Qinqin, 021-28986102".',
  })
  contact: BilingualTextDto;
}

export class ShippingOptionDto {
  @ApiProperty({ enum: SHIPPING_METHODS })
  method: ShippingMethod;

  @ApiProperty({ type: BilingualTextDto })
  name: BilingualTextDto;

  @ApiProperty({
    description:
      'Whether the fapiao is digital and its files are emailed (`email`); otherwise it is paper.',
  })
  electronic: boolean;

  @ApiProperty({ description: 'Whether the customer pays the courier on delivery.' })
  freightCollect: boolean;

  @ApiProperty({
    type: [String],
    description: 'Shipping fields this method requires.',
    example: ['recipient', 'phone', 'province', 'city', 'district', 'address', 'postalCode'],
  })
  requiredFields: string[];

  @ApiPropertyOptional({ type: PickupBranchDto, description: 'Only for `pickup`: where and whom.' })
  branch?: PickupBranchDto;
}

export class ShippingOptionsDto {
  @ApiProperty({
    enum: SHIPPING_METHODS,
    description: 'The method of an application that names none: `email`.',
  })
  defaultMethod: ShippingMethod;

  @ApiProperty({ type: [ShippingOptionDto] })
  methods: ShippingOptionDto[];
}
