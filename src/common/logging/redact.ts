const SECRET_PARAMETERS = /([?&](?:token|code|password|secret|signature)=)[^&#]*/gi;

/** Replaces the values of secret-looking query parameters, e.g. `/activate?token=…`. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMETERS, '$1[redacted]');
}
