import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '../common/errors/problem.exception';
import type { Locale } from '../common/locale';
import { ShippingOptionsDto } from './dto/shipping-option.dto';
import { branchContactLine, PICKUP_BRANCH, PickupBranch } from './pickup-branch';
import { ShippingDetails } from './shipping-method';
import { checkShippingDetails, normaliseShippingDetails } from './shipping-rules';

const MAILING_FIELDS = [
  'recipient',
  'phone',
  'province',
  'city',
  'district',
  'address',
  'postalCode',
];

/** Delivery methods and their rules; used by the shipping routes and by the fapiao module. */
@Injectable()
export class ShippingService {
  constructor(@Inject(PICKUP_BRANCH) readonly pickupBranch: PickupBranch) {}

  listOptions(): ShippingOptionsDto {
    const branch = this.pickupBranch;
    return {
      methods: [
        {
          method: 'yunda',
          name: { 'zh-CN': '韵达快递', en: 'Yunda Express' },
          freightCollect: false,
          requiredFields: MAILING_FIELDS,
        },
        {
          method: 'sf_freight_collect',
          name: { 'zh-CN': '顺丰速运（运费到付）', en: 'SF Express (freight collect)' },
          freightCollect: true,
          requiredFields: MAILING_FIELDS,
        },
        {
          method: 'pickup',
          name: { 'zh-CN': '到上海分公司自取', en: 'Pick up at the Shanghai branch' },
          freightCollect: false,
          requiredFields: ['recipient', 'phone'],
          branch: {
            ...branch,
            contact: {
              'zh-CN': branchContactLine(branch, 'zh-CN'),
              en: branchContactLine(branch, 'en'),
            },
          },
        },
      ],
    };
  }

  /** Every failing shipping field (empty when the details are complete for the method). */
  check(shipping: ShippingDetails, prefix = 'shipping'): FieldError[] {
    return checkShippingDetails(shipping, prefix);
  }

  normalise(shipping: ShippingDetails): ShippingDetails {
    return normaliseShippingDetails(shipping);
  }

  branchAddress(locale: Locale): string {
    return this.pickupBranch.address[locale];
  }

  branchContact(locale: Locale): string {
    return branchContactLine(this.pickupBranch, locale);
  }
}
