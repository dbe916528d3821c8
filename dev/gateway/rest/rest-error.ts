// PostgREST's error responses: `{ code, message, details, hint }` with a status, and the
// request-level errors (PGRSTxxx) this gateway can raise, worded as PostgREST words them.

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: string | null;
  readonly hint: string | null;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
    this.name = 'RestError';
  }
}

function restError(status: number, code: string, message: string, details: string | null = null, hint: string | null = null) {
  return new RestError(status, { code, message, details, hint });
}

/** PGRST100: a query parameter did not parse (message and details come from the parser). */
export function queryParamError(failure: { message: string; details: string }): RestError {
  return restError(400, 'PGRST100', failure.message, failure.details);
}

export function invalidBody(details: string | null = null): RestError {
  return restError(400, 'PGRST102', 'Empty or invalid json', details);
}

export function invalidRange(details: string): RestError {
  return restError(416, 'PGRST103', 'Requested range not satisfiable', details);
}

export function unacceptableSchema(schema: string, exposed: readonly string[]): RestError {
  return restError(
    406,
    'PGRST106',
    `Invalid schema: ${schema}`,
    null,
    `Only the following schemas are exposed: ${exposed.join(', ')}`,
  );
}

export function unacceptableMediaType(mediaTypes: readonly string[]): RestError {
  return restError(406, 'PGRST107', `None of these media types are available: ${mediaTypes.join(', ')}`);
}

export function notEmbedded(resource: string): RestError {
  return restError(
    400,
    'PGRST108',
    `'${resource}' is not an embedded resource in this request`,
    null,
    `Verify that '${resource}' is included in the 'select' query parameter.`,
  );
}

export function singularityError(rowCount: number): RestError {
  return restError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rowCount} rows`);
}

export function unsupportedMethod(method: string): RestError {
  return restError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
}

export function aggregatesNotAllowed(): RestError {
  return restError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

export function rootEndpointDisabled(): RestError {
  return restError(404, 'PGRST126', 'Root endpoint metadata is disabled');
}

/** A PostgREST feature this gateway deliberately does not implement, named in the message. */
export function unsupportedFeature(feature: string, details: string | null = null): RestError {
  return restError(400, 'PGRST100', `${feature} is not supported by the local gateway`, details);
}

export function columnNotFound(relation: string, column: string): RestError {
  return restError(400, 'PGRST204', `Could not find the '${column}' column of '${relation}' in the schema cache`);
}

export function tableNotFound(schema: string, relation: string, suggestion: string | null): RestError {
  return restError(
    404,
    'PGRST205',
    `Could not find the table '${schema}.${relation}' in the schema cache`,
    null,
    suggestion === null ? null : `Perhaps you meant the table '${schema}.${suggestion}'`,
  );
}

/** Serialises an error as PostgREST does: JSON body, `Proxy-Status`, plus its own headers. */
export function errorResponse(error: RestError): Response {
  const body = JSON.stringify({
    code: error.body.code,
    details: error.body.details,
    hint: error.body.hint,
    message: error.body.message,
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  // Codes can come from user RAISE statements; a header value must stay printable ASCII.
  if (/^[\x20-\x7e]*$/.test(error.body.code)) headers['Proxy-Status'] = `PostgREST; error=${error.body.code}`;
  return new Response(body, { status: error.status, headers: { ...headers, ...error.headers } });
}
