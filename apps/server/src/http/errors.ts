/** One entry of Gladly's error envelope: `{"errors":[{attr, code, detail, meta}]}` (API spec 3.3). */
export interface TErrorEntry {
  attr?: string;
  code: string;
  detail?: string;
  meta?: Record<string, unknown>;
}

/** Every expected failure is an AppError; the error handler renders it as the envelope with its status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TErrorEntry[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.attr ? `${e.attr}: ` : ''}${e.code} ${e.detail ?? ''}`).join('; '));
    this.name = 'AppError';
  }
}

export function badRequest(code: string, detail: string, attr?: string, meta?: Record<string, unknown>): AppError {
  return new AppError(400, [entry(code, detail, attr, meta)]);
}

export function notFound(detail = 'entity does not exist', attr?: string): AppError {
  return new AppError(404, [entry('not_exist', detail, attr)]);
}

export function conflict(code: string, detail: string, attr?: string, meta?: Record<string, unknown>): AppError {
  return new AppError(409, [entry(code, detail, attr, meta)]);
}

export function invalidState(detail: string, attr?: string): AppError {
  return new AppError(400, [entry('invalid_state', detail, attr)]);
}

export function unauthorized(detail = 'missing or invalid credentials'): AppError {
  return new AppError(401, [entry('unauthorized', detail)], { 'WWW-Authenticate': 'Basic realm="Hearth API"' });
}

export function forbidden(detail = 'the user does not have the permission this request needs'): AppError {
  return new AppError(403, [entry('forbidden', detail)]);
}

function entry(code: string, detail: string, attr?: string, meta?: Record<string, unknown>): TErrorEntry {
  return { ...(attr !== undefined ? { attr } : {}), code, detail, ...(meta ? { meta } : {}) };
}
