/** An error with the HTTP status it should answer with; the error handler renders it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly expose = status < 500,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Page not found') => new HttpError(404, what);
