import { AmtswegError } from '../lib/errors.ts';

/** The command line itself is wrong; exit code 2 and a pointer to --help. */
export class UsageError extends AmtswegError<'ERR_USAGE'> {
  constructor(message: string) {
    super('ERR_USAGE', message);
  }
}
