import { Injectable, PipeTransform } from '@nestjs/common';
import { FapiaoException } from '../fapiao.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is simply "not found" (and never reaches PostgreSQL as a bad uuid). */
@Injectable()
export class ApplicationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw FapiaoException.notFound(value.slice(0, 64));
    return value.toLowerCase();
  }
}
