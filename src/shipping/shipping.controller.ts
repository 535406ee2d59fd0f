import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ShippingOptionsDto } from './dto/shipping-option.dto';
import { ShippingService } from './shipping.service';

@ApiTags('shipping')
@Controller('api/v1/shipping')
export class ShippingController {
  constructor(private readonly shipping: ShippingService) {}

  @Get('options')
  @ApiOperation({
    summary: 'Delivery methods',
    description:
      'Email (the digital fapiao, the default), and for paper Yunda, SF (freight collect) and ' +
      'pick-up at the Shanghai branch, with the fields each needs and the branch address and ' +
      'contact (Chinese and English). No login needed.',
  })
  @ApiOkResponse({ type: ShippingOptionsDto })
  options(): ShippingOptionsDto {
    return this.shipping.listOptions();
  }
}
