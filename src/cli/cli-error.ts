/** A failure the operator can act on: printed as one line, exit status 1 unless the command documents another. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
