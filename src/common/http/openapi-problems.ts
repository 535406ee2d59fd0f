import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA = 'ProblemDetails';

/**
 * Every error response of the document gets the RFC 9457 problem-details schema (what the
 * ProblemDetailsFilter answers), unless it documents its own content (an HTML page).
 */
export function documentProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[PROBLEM_SCHEMA] = {
    type: 'object',
    description: 'RFC 9457 problem details (application/problem+json).',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: 'urn:fapiao:problem:validation-failed' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', description: 'What went wrong, for a person.' },
      code: {
        type: 'string',
        description: 'Stable machine-readable code.',
        example: 'VALIDATION_FAILED',
      },
      instance: { type: 'string', description: 'The request path.' },
      errors: {
        type: 'array',
        description: 'One entry per failing field.',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string', example: 'title.taxId' },
            message: { type: 'string' },
          },
        },
      },
    },
    additionalProperties: true,
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const responses = (operation as { responses?: Record<string, { content?: object }> })
        ?.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && !response.content) {
          response.content = {
            'application/problem+json': {
              schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` },
            },
          };
        }
      }
    }
  }
  return document;
}
