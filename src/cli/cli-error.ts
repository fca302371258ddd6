import { RgoError } from "../engine/errors";

/** A usage mistake on the command line: exit code 2, like bad input. */
export function usageError(message: string): RgoError {
  return new RgoError("input", "usage", `${message}\nRun "rgo --help" for usage.`);
}
