import { HttpStatus } from '@nestjs/common';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../errors/problem-details.filter';
import { CommonErrorCode } from '../errors/problem.exception';

/**
 * Node's HTTP parser refuses some requests before any handler sees them (request line or
 * headers too large, not HTTP at all) and would answer with a bare status line; these get a
 * problem document like every other refusal.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, CommonErrorCode.HEADERS_TOO_LARGE, 'The request line or headers are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [
              HttpStatus.REQUEST_TIMEOUT,
              CommonErrorCode.REQUEST_TIMEOUT,
              'The request took too long to arrive.',
            ]
          : [
              HttpStatus.BAD_REQUEST,
              CommonErrorCode.MALFORMED_REQUEST,
              'The request is not valid HTTP.',
            ];
    const body = JSON.stringify(buildProblem(status, code, detail));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
