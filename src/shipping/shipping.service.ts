import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '../common/errors/problem.exception';
import type { Locale } from '../common/locale';
import { ShippingOptionsDto } from './dto/shipping-option.dto';
import { branchContactLine, PICKUP_BRANCH, PickupBranch } from './pickup-branch';
import { DEFAULT_SHIPPING_METHOD, ShippingDetails } from './shipping-method';
import {
  checkShippingDetails,
  normaliseShippingDetails,
  withDeliveryDefaults,
} from './shipping-rules';

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
      defaultMethod: DEFAULT_SHIPPING_METHOD,
      methods: [
        {
          method: 'email',
          name: {
            'zh-CN': '电子发票，发送到邮箱',
            en: 'Digital fapiao by email',
          },
          electronic: true,
          freightCollect: false,
          requiredFields: ['deliveryEmails'],
        },
        {
          method: 'yunda',
          name: { 'zh-CN': '纸质发票，韵达快递', en: 'Paper fapiao by Yunda Express' },
          electronic: false,
          freightCollect: false,
          requiredFields: MAILING_FIELDS,
        },
        {
          method: 'sf_freight_collect',
          name: {
            'zh-CN': '纸质发票，顺丰速运（运费到付）',
            en: 'Paper fapiao by SF Express (freight collect)',
          },
          electronic: false,
          freightCollect: true,
          requiredFields: MAILING_FIELDS,
        },
        {
          method: 'pickup',
          name: {
            'zh-CN': '纸质发票，到上海分公司自取',
            en: 'Paper fapiao, picked up at the Shanghai branch',
          },
          electronic: false,
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

  /** No delivery chosen is email; email without addresses goes to the account's address. */
  withDefaults(shipping: ShippingDetails | undefined, accountEmail: string): ShippingDetails {
    return withDeliveryDefaults(shipping, accountEmail);
  }

  branchAddress(locale: Locale): string {
    return this.pickupBranch.address[locale];
  }

  branchContact(locale: Locale): string {
    return branchContactLine(this.pickupBranch, locale);
  }
}
