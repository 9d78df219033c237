/**
 * A file that cannot be read at all (encoding, no header, a required column missing, empty): refused whole,
 * with one message a data clerk can act on. The CLI maps it to exit status 2.
 */
export class FileRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}
